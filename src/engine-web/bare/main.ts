// bench/bare.html: exposes window.bare.run(request), one fresh worker per call (so the thread
// count takes effect), for scripts/bench.ts to compare against edgeprobe's own loop.
import type { BareRequest, BareResult } from './worker.ts';

const bare = {
  run(req: BareRequest): Promise<BareResult | { error: string }> {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'bare-ort' });
    return new Promise((resolve) => {
      w.onmessage = (ev: MessageEvent<{ ok: boolean; result?: BareResult; error?: string }>) => {
        w.terminate();
        resolve(ev.data.ok ? ev.data.result! : { error: ev.data.error ?? 'unknown error' });
      };
      w.onerror = (ev) => {
        w.terminate();
        resolve({ error: ev.message || 'the bare worker failed' });
      };
      w.postMessage(req);
    });
  },
};

(globalThis as unknown as { bare: typeof bare }).bare = bare;
document.title = 'bare ready';
