// The page the CLI's browser runtime drives through Playwright: the app's own engine worker,
// exposed on window: OIP JSON tensors in/out for tests and scripts, and the binary wire form
// (lib/tensors/wire.ts: base64 of raw bytes) for the CLI, where big tensors cross Node <-> page.
import { EngineClient } from '../engine-web/client.ts';
import { parseOipRequest, plainToOip, type OipTensor } from '../lib/tensors/oip.ts';
import type { Backend, GraphOptimizationLevel, TokenizerFiles } from '../engine-web/protocol.ts';
import { runPageBenchmark, type BrowserBenchRequest } from '../engine-web/bench-target.ts';
import { progressLog } from '../lib/bench/progress-log.ts';
import { makeProtocol } from '../lib/bench/protocol.ts';
import { decodeTensors, encodeTensors, type WireMap } from '../lib/tensors/wire.ts';
import type { StatePair } from '../lib/sequence/state-pairs.ts';

let client: EngineClient | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

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
  async load(url: string, backend: Backend, graphOptimizationLevel?: GraphOptimizationLevel, externalData: { path: string; url: string }[] = []) {
    try {
      const bytes = await fetchBytes(url);
      const external = await Promise.all(externalData.map(async (f) => ({ path: f.path, data: await fetchBytes(f.url) })));
      return await client!.load(bytes, { backend, graphOptimizationLevel, externalData: external });
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
  /** run() with tensors in the binary wire form (base64 of raw bytes) both ways: what the CLI uses. */
  async runWire(sessionId: string, inputs: WireMap, outputNames?: string[]) {
    try {
      const t0 = performance.now();
      const r = await client!.run(sessionId, decodeTensors(inputs), outputNames);
      const roundTripMs = performance.now() - t0;
      return { outputs: encodeTensors(r.outputs), backend: r.backend, threads: r.threads, computeMs: r.computeMs, roundTripMs };
    } catch (e) {
      return errorJson(e);
    }
  },
  /** A text model: the model from a URL, the tokenizer (parsed tokenizer.json + config) built in the worker. */
  async loadText(url: string, backend: Backend, tokenizer: TokenizerFiles, maxLength: number) {
    try {
      const loaded = await client!.load(await fetchBytes(url), { backend });
      const tok = await client!.loadTokenizer(tokenizer, maxLength);
      return { sessionId: loaded.sessionId, tokenizerId: tok.tokenizerId };
    } catch (e) {
      return errorJson(e);
    }
  },
  /** Texts → labels in the worker; outputs as OIP tensors (JSON-friendly). */
  async classifyTexts(sessionId: string, tokenizerId: string, texts: string[], labels: string[] | null) {
    try {
      const r = await client!.classifyTexts(sessionId, tokenizerId, texts, labels);
      const env = await client!.environment();
      return { ...r, outputs: Object.entries(r.outputs).map(([name, t]) => plainToOip(name, t)), backend: 'wasm', threads: env.threads };
    } catch (e) {
      return errorJson(e);
    }
  },
  /** Where a call's time goes: p50 (ms) of n environment() calls (a message round trip through
   * comlink and the host) and of n run() calls on the same request. */
  async overhead(sessionId: string, request: unknown, n = 2000) {
    const req = parseOipRequest(request);
    const p50 = async (f: () => Promise<unknown>) => {
      for (let i = 0; i < 100; i++) await f();
      const t: number[] = [];
      for (let i = 0; i < n; i++) { const t0 = performance.now(); await f(); t.push(performance.now() - t0); }
      return t.sort((a, b) => a - b)[n >> 1]!;
    };
    const compute: number[] = [];
    const run = await p50(async () => compute.push((await client!.run(sessionId, req.inputs)).computeMs));
    return { comlink: await p50(() => client!.cancel()), run, compute: compute.sort((a, b) => a - b)[compute.length >> 1] };
  },
  /** Kill the worker as a wasm abort or out-of-memory would; answers how the client saw it. */
  async crash(kind: 'throw' | 'oom') {
    const before = client!.restarts;
    const err = await client!.crash(kind).then(() => null, (e) => errorJson(e).error);
    const t0 = performance.now();
    while (client!.restarts === before && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    return { error: err, restarts: client!.restarts, noticedMs: performance.now() - t0 };
  },
  /** A streaming model over a sequence, state fed back (`edgeprobe run --sequence`); binary wire form. */
  async runSequenceWire(sessionId: string, plan: { steps: WireMap[]; fixed: WireMap; initial: WireMap; pairs: StatePair[] }) {
    try {
      const r = await client!.runSequence(sessionId, { steps: plan.steps.map(decodeTensors), fixed: decodeTensors(plan.fixed), initial: decodeTensors(plan.initial), pairs: plan.pairs });
      const env = await client!.environment();
      return { steps: r.steps.map((s) => ({ outputs: encodeTensors(s.outputs), computeMs: s.computeMs })), state: encodeTensors(r.state), threads: env.threads };
    } catch (e) {
      return errorJson(e);
    }
  },
  /** Compare support: run many OIP requests one by one; per sample outputs and compute ms. */
  async runMany(sessionId: string, requests: unknown[]) {
    try {
      const samples = requests.map((r) => parseOipRequest(r).inputs);
      const results = await client!.runMany(sessionId, samples);
      return results.map((r) => ({ outputs: Object.entries(r.outputs).map(([name, t]) => plainToOip(name, t)), computeMs: r.computeMs, backend: r.backend, threads: r.threads }));
    } catch (e) {
      return errorJson(e);
    }
  },
  /** runMany() with tensors in the binary wire form both ways (`edgeprobe compare --runtime browser`). */
  async runManyWire(sessionId: string, samples: WireMap[]) {
    try {
      const results = await client!.runMany(sessionId, samples.map(decodeTensors));
      return results.map((r) => ({ outputs: encodeTensors(r.outputs), computeMs: r.computeMs, backend: r.backend, threads: r.threads }));
    } catch (e) {
      return errorJson(e);
    }
  },
  /**
   * The latency benchmark (`edgeprobe bench`): fetch the model (timed), run the matrix with a
   * fresh worker per thread count. Progress goes to window.__benchProgress when the CLI exposes it.
   */
  async bench(url: string, request: Omit<BrowserBenchRequest, 'readMs'>) {
    const bench = new EngineClient({ threads: request.threads?.[0] ?? 1 });
    try {
      const t0 = performance.now();
      const res = await fetch(url);
      if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const readMs = performance.now() - t0;
      const report = (globalThis as { __benchProgress?: (line: string) => void }).__benchProgress;
      return await runPageBenchmark(bench, bytes, { ...request, readMs }, progressLog(makeProtocol(request.protocol, request.quick), (line) => report?.(line)));
    } catch (e) {
      return errorJson(e);
    } finally {
      bench.dispose();
    }
  },
  /**
   * Soak (scripts/bench/soak.ts): `count` inferences in a row on one session, the same request each
   * time, with the page's and the worker's memory sampled every `every` runs. Memory comes from
   * performance.measureUserAgentSpecificMemory (bytes; null where the browser lacks it).
   */
  async soak(sessionId: string, request: unknown, count: number, every = 500) {
    try {
      const req = parseOipRequest(request);
      const t0 = performance.now();
      const samples: { runs: number; ms: number; totalBytes: number | null; workerBytes: number | null; pageBytes: number | null; pageJsHeapUsed: number | null }[] = [];
      const measure = async (runs: number) => {
        const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: { bytes: number; attribution: { scope?: string }[] }[] }>; memory?: { usedJSHeapSize: number } };
        const m = perf.measureUserAgentSpecificMemory && globalThis.crossOriginIsolated ? await perf.measureUserAgentSpecificMemory() : null;
        const by = (scope: string) => (m ? m.breakdown.filter((b) => b.attribution.some((a) => a.scope === scope)).reduce((s, b) => s + b.bytes, 0) : null);
        samples.push({ runs, ms: performance.now() - t0, totalBytes: m?.bytes ?? null, workerBytes: by('DedicatedWorkerGlobalScope'), pageBytes: by('Window'), pageJsHeapUsed: perf.memory?.usedJSHeapSize ?? null });
      };
      await measure(0);
      let last: Record<string, unknown> = {};
      for (let i = 1; i <= count; i++) {
        last = (await client!.run(sessionId, req.inputs)).outputs;
        if (i % every === 0 || i === count) await measure(i);
      }
      return { samples, restarts: client!.restarts, lastOutputs: Object.keys(last) };
    } catch (e) {
      return errorJson(e);
    }
  },
};

(globalThis as unknown as { edgeprobe: typeof api }).edgeprobe = api;
document.title = 'edgeprobe harness (ready)';
