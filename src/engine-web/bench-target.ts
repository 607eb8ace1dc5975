// Adapts the engine (an EngineClient on the page, or an Engine directly in Node) to the benchmark
// runner's BenchTarget: sessions per config, the worker-side loop, main-thread end-to-end timing.
import { runBenchmark, type BenchHooks, type BenchTarget } from '../lib/bench/run-matrix.ts';
import type { BenchBackend, BenchConfig, BenchProtocol, BenchResult, BenchRuntime, LongTaskEntry, OptLevel } from '../lib/bench/types.ts';
import { defaultThreadCounts, expandMatrix, type ExpandedMatrix } from '../lib/bench/matrix.ts';
import { makeProtocol } from '../lib/bench/protocol.ts';
import { hasDynamicBatch } from '../lib/bench/inputs.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import type { TokenFeed } from '../lib/text/tokenizer.ts';
import type { EngineApi, EnvironmentInfo, SessionOptions } from './protocol.ts';
import { BackendUnavailableError } from './errors.ts';
import { configId } from '../lib/bench/matrix.ts';
import { measureAgentMemory, workerJsHeap } from './agent-memory.ts';

/** The engine surface the benchmark uses; EngineClient and Engine both provide it. */
export type BenchEngine = Pick<EngineApi, 'environment' | 'load' | 'bench' | 'profile' | 'release' | 'run' | 'summarize'> & Partial<Pick<EngineApi, 'memory'>>;

export interface EngineTargetOptions {
  runtime: BenchRuntime;
  /** Switch to a thread count: EngineClient.setThreads (a fresh worker) or Engine.init in Node. */
  setThreads(threads: number): Promise<EnvironmentInfo>;
  /** Main-thread end-to-end timing (EngineClient.endToEnd); omitted in Node. */
  endToEnd?: (sessionId: string, inputs: TensorMap, count: number) => Promise<{ endToEnd: number[]; compute: number[] }>;
  /** Measure the worker's JS heap once per config with measureUserAgentSpecificMemory (pages only). */
  measureWorkerJsHeap?: boolean;
}

function sessionOptions(c: BenchConfig): SessionOptions {
  if (c.backend === 'cpu') throw new BackendUnavailableError('the cpu backend is onnxruntime-node (--runtime native); in the browser use wasm or webgpu');
  return { backend: c.backend, graphOptimizationLevel: c.graphOptimizationLevel };
}

/** A BenchTarget over `engine` for the model `bytes`. */
export function engineBenchTarget(engine: BenchEngine, bytes: Uint8Array, opts: EngineTargetOptions): BenchTarget {
  return {
    runtime: opts.runtime,
    environment: () => engine.environment(),
    useThreads: async (n) => { await opts.setThreads(n); },
    load: async (c) => {
      const r = await engine.load(bytes, sessionOptions(c));
      return { handle: r.sessionId, createMs: r.createMs };
    },
    measure: (handle, inputs, protocol, batch, onProgress) => engine.bench(handle, inputs, protocol, batch, onProgress),
    endToEnd: opts.endToEnd,
    summarize: (samples, batch, clockStepMs) => engine.summarize(samples, batch, clockStepMs),
    profile: (c, inputs, runs) => engine.profile(bytes, sessionOptions(c), inputs, runs, configId(c)),
    release: (handle) => engine.release(handle),
    memory: engine.memory ? () => engine.memory!(true) : undefined,
    // On a page (EngineClient) the worker's JS heap is measured from the page; Node has no such worker.
    // Not with a wasm thread pool: its workers wait inside wasm and never answer the measurement, so
    // the browser gives up only after its 60 s timeout; those configs keep jsHeapBytes null.
    workerJsHeap: opts.measureWorkerJsHeap
      ? async (c, wasm) => (c.threads > 1 ? null : workerJsHeap(await measureAgentMemory(), wasm))
      : undefined,
  };
}

/** What the page (app or harness) asks for; omitted parts take the defaults for this device. */
export interface BrowserBenchRequest {
  name: string;
  backends?: BenchBackend[];
  threads?: number[];
  optLevels?: OptLevel[];
  batches?: number[];
  shapes?: Record<string, number[]>;
  /** Sizes of free dims from the shape editor (DimChoices); without `batches` they fix the batch too. */
  dims?: Record<string, number>;
  protocol?: Partial<BenchProtocol>;
  quick?: boolean;
  /** Runs for the per-operator profile of the fastest config (0 = none). */
  profileRuns?: number;
  /** ms spent reading/fetching the bytes (null: read before). */
  readMs: number | null;
  /** A text model's sequence sweep (lengths already capped by planSeqLengths). */
  seqLengths?: number[];
  /** A text model's tokenized sample text: the feeds are real token ids cut to each length. */
  text?: TokenFeed;
  /** Measure the worker's JS heap once per single-thread config (default true). An ordinary Chromium
   * answers only at its next garbage collection (10–20 s per config), so the app asks first; the CLI's
   * Chromium answers at once (ForceEagerMeasureMemory). */
  measureWorkerJsHeap?: boolean;
}

/** The client surface a page benchmark needs (EngineClient). */
export interface PageEngine extends BenchEngine {
  inspect(model: Uint8Array): Promise<ModelInfo>;
  setThreads(threads: number): Promise<EnvironmentInfo>;
  endToEnd(sessionId: string, inputs: TensorMap, count: number): Promise<{ endToEnd: number[]; compute: number[] }>;
  cancel(): Promise<void>;
}

/**
 * Run a benchmark from the page: matrix for this device, one fresh worker per thread count, the
 * loop in the worker, end-to-end samples from this thread, main-thread long tasks counted.
 */
export async function runPageBenchmark(
  client: PageEngine, bytes: Uint8Array, req: BrowserBenchRequest, hooks: BenchHooks = {},
): Promise<{ result: BenchResult; skipped: ExpandedMatrix['skipped'] }> {
  const info = await client.inspect(bytes);
  const env = await client.environment();
  const available: BenchBackend[] = ['wasm'];
  if (env.webgpu.available) available.push('webgpu');
  const { configs, skipped } = expandMatrix({
    // A software adapter (SwiftShader…) stays out of the default matrix; asked for by name, it runs.
    backends: req.backends ?? available.filter((b) => !(b === 'webgpu' && env.webgpu.software)),
    threads: req.threads ?? defaultThreadCounts(env.hardwareConcurrency, env.crossOriginIsolated),
    optLevels: req.optLevels,
    batches: req.batches,
    seqLengths: req.seqLengths,
  }, { cores: env.hardwareConcurrency, available, multiThread: env.crossOriginIsolated, dynamicBatch: hasDynamicBatch(info.inputs) && !req.shapes && !(req.dims && !req.batches?.length) });
  const observer = observeLongTasks();
  try {
    const result = await runBenchmark(engineBenchTarget(client, bytes, {
      runtime: 'browser', setThreads: (n) => client.setThreads(n), endToEnd: (s, i, n) => client.endToEnd(s, i, n), measureWorkerJsHeap: req.measureWorkerJsHeap ?? true,
    }), {
      model: { name: req.name, sha256: info.sha256, bytes: info.bytes }, inputs: info.inputs, configs,
      protocol: makeProtocol(req.protocol, req.quick), shapes: req.shapes, dims: req.dims, readMs: req.readMs, profileRuns: req.profileRuns ?? 0,
      text: req.text, scalarSource: { metadata: info.metadata, docString: info.docString },
    }, {
      ...hooks, longTaskCounter: observer.supported ? observer.count : undefined,
      onPhase: (label) => { observer.phase(label); hooks.onPhase?.(label); },
    });
    // Long-task entries are delivered asynchronously: let the last ones arrive, then recount.
    await new Promise((r) => setTimeout(r, 50));
    if (observer.supported) {
      result.longTasks = observer.count();
      result.longTaskDetail = observer.entries();
    }
    return { result, skipped };
  } finally {
    observer.stop();
  }
}

/**
 * Counts main-thread long tasks (> 50 ms) with PerformanceObserver and notes what the benchmark
 * was doing when each started (`phase(label)` marks the phases with their start times).
 */
export function observeLongTasks() {
  const t0 = performance.now();
  const list: LongTaskEntry[] = [];
  const phases: { at: number; label: string }[] = [{ at: t0, label: 'starting' }];
  const PO = (globalThis as { PerformanceObserver?: typeof PerformanceObserver }).PerformanceObserver;
  const supported = !!PO?.supportedEntryTypes?.includes('longtask');
  const during = (at: number) => {
    let label = phases[0]!.label;
    for (const p of phases) if (p.at <= at) label = p.label;
    return label;
  };
  const obs = supported
    ? new PO!((l) => {
      for (const e of l.getEntries()) if (e.startTime >= t0) list.push({ startMs: e.startTime - t0, durationMs: e.duration, during: during(e.startTime) });
    })
    : null;
  obs?.observe({ type: 'longtask' });
  return {
    supported,
    count: () => list.length,
    entries: () => list.slice(),
    phase: (label: string) => { phases.push({ at: performance.now(), label }); },
    stop: () => obs?.disconnect(),
  };
}
