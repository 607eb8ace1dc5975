// The page the CLI's browser runtime drives through Playwright: the app's own engine worker,
// exposed on window with JSON-friendly arguments (OIP tensors in, OIP tensors out).
import { EngineClient } from '../engine/client.ts';
import { parseOipRequest, plainToOip, type OipTensor } from '../lib/tensors/oip.ts';
import type { Backend, GraphOptimizationLevel } from '../engine/protocol.ts';

let client: EngineClient | undefined;

function errorJson(e: unknown) {
  const err = e as Error;
  return { error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } };
}

const api = {
  async init(threads: number) {
    client?.dispose();
    client = new EngineClient({ threads });
    return client.environment();
  },
  async load(url: string, backend: Backend, graphOptimizationLevel?: GraphOptimizationLevel) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return await client!.load(bytes, { backend, graphOptimizationLevel });
    } catch (e) {
      return errorJson(e);
    }
  },
  async run(sessionId: string, request: unknown) {
    try {
      const req = parseOipRequest(request);
      const t0 = performance.now();
      const r = await client!.run(sessionId, req.inputs, req.outputs);
      const roundTripMs = performance.now() - t0;
      const outputs: OipTensor[] = Object.entries(r.outputs).map(([name, t]) => plainToOip(name, t));
      return { outputs, backend: r.backend, threads: r.threads, computeMs: r.computeMs, roundTripMs };
    } catch (e) {
      return errorJson(e);
    }
  },
};

(globalThis as unknown as { edgeprobe: typeof api }).edgeprobe = api;
document.title = 'edgeprobe harness (ready)';
