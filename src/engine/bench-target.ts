// Adapts the engine (an EngineClient on the page, or an Engine directly in Node) to the benchmark
// runner's BenchTarget: sessions per config, the worker-side loop, main-thread end-to-end timing.
import type { BenchTarget } from '../lib/bench/run-matrix.ts';
import type { BenchConfig, BenchRuntime } from '../lib/bench/types.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import type { EngineApi, EnvironmentInfo, SessionOptions } from './protocol.ts';
import { BackendUnavailableError } from './errors.ts';
import { configId } from '../lib/bench/matrix.ts';

/** The engine surface the benchmark uses; EngineClient and Engine both provide it. */
export type BenchEngine = Pick<EngineApi, 'environment' | 'load' | 'bench' | 'profile' | 'release' | 'run'>;

export interface EngineTargetOptions {
  runtime: BenchRuntime;
  /** Switch to a thread count: EngineClient.setThreads (a fresh worker) or Engine.init in Node. */
  setThreads(threads: number): Promise<EnvironmentInfo>;
  /** Main-thread end-to-end timing (EngineClient.endToEnd); omitted in Node. */
  endToEnd?: (sessionId: string, inputs: TensorMap, count: number) => Promise<number[]>;
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
    profile: (c, inputs, runs) => engine.profile(bytes, sessionOptions(c), inputs, runs, configId(c)),
    release: (handle) => engine.release(handle),
  };
}
