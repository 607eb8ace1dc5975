// Runs a whole benchmark over any runtime that implements BenchTarget (the browser engine through
// its client, onnxruntime-web in Node, onnxruntime-node): configs in order, one fresh worker per
// thread count, load phases, the measured loop, end-to-end samples, an optional operator profile.
import { CancelledError } from '../cancel.ts';
import type { TensorMap } from '../tensors/types.ts';
import type {
  BenchConfig, BenchProtocol, BenchResult, BenchRuntime, ConfigResult, LatencyStats, LoopMeasurement, PeakMemory, ProfileResult,
} from './types.ts';
import { BENCH_SCHEMA } from './types.ts';
import { configId, configLabel } from './matrix.ts';
import { fastestConfig } from './compare.ts';
import { makeFingerprint, type EnvironmentLike } from './fingerprint.ts';
import { summarizeLatencies } from './summary.ts';
import { benchInputs, benchShapes, type DeclaredTensor } from './inputs.ts';
import type { LoopProgress } from './protocol.ts';

/** What a runtime must offer the benchmark. `measure` runs the whole protocol loop where the model runs. */
export interface BenchTarget {
  runtime: BenchRuntime;
  environment(): Promise<EnvironmentLike>;
  /** Called before the configs of each thread count (the browser starts a fresh worker). */
  useThreads(threads: number): Promise<void>;
  load(config: BenchConfig): Promise<{ handle: string; createMs: number }>;
  measure(handle: string, inputs: TensorMap, protocol: BenchProtocol, batch: number, onProgress: (p: LoopProgress) => void): Promise<{ loop: LoopMeasurement; stats: LatencyStats | null }>;
  /** Times `count` calls from the caller's side (main thread → worker → back), ms each. */
  endToEnd?(handle: string, inputs: TensorMap, count: number): Promise<number[]>;
  profile?(config: BenchConfig, inputs: TensorMap, runs: number): Promise<ProfileResult>;
  release(handle: string): Promise<void>;
  /** Peak memory of the runtime since the last call (resets the JS-heap peak). */
  memory?(): Promise<PeakMemory | null>;
}

export interface BenchPlan {
  model: { name: string; sha256: string; bytes: number };
  inputs: readonly DeclaredTensor[];
  configs: readonly BenchConfig[];
  protocol: BenchProtocol;
  shapes?: Record<string, number[]>;
  /** Sizes of free dims chosen in the shape editor (DimChoices); a batch sweep still sets the leading dim. */
  dims?: Record<string, number>;
  /** ms to read/fetch the model bytes, measured by the caller (null: read before the benchmark). */
  readMs: number | null;
  /** Profile the fastest config with this many runs (0 = no profile). */
  profileRuns?: number;
}

export interface BenchHooks {
  onConfigStart?: (index: number, total: number, config: BenchConfig) => void;
  onProgress?: (index: number, total: number, p: LoopProgress) => void;
  onConfigDone?: (result: ConfigResult) => void;
  /** Stops after the running config (which ends early and is reported as cancelled). */
  signal?: AbortSignal;
  /** Long tasks counted by the caller while each config ran (browser main thread). */
  longTaskCounter?: () => number;
  id?: () => string;
  now?: () => number;
}

/** Run the plan on `target`; a config that fails is reported with its error, the others still run. */
export async function runBenchmark(target: BenchTarget, plan: BenchPlan, hooks: BenchHooks = {}): Promise<BenchResult> {
  const now = hooks.now ?? (() => performance.now());
  const t0 = now();
  const env = await target.environment();
  const results: ConfigResult[] = [];
  let threads = -1;
  const longStart = hooks.longTaskCounter?.() ?? null;
  for (let i = 0; i < plan.configs.length; i++) {
    if (hooks.signal?.aborted) break;
    const config = plan.configs[i]!;
    hooks.onConfigStart?.(i, plan.configs.length, config);
    if (config.threads !== threads) {
      await target.useThreads(config.threads);
      threads = config.threads;
    }
    const r = await runConfig(target, plan, config, (p) => hooks.onProgress?.(i, plan.configs.length, p), hooks.longTaskCounter, hooks.signal);
    results.push(r);
    hooks.onConfigDone?.(r);
  }
  const best = fastestConfig(results);
  let profile: ProfileResult | null = null;
  let profileError: string | null = null;
  if (best && (plan.profileRuns ?? 0) > 0 && target.profile && !hooks.signal?.aborted) {
    if (best.config.threads !== threads) await target.useThreads(best.config.threads);
    try {
      profile = await target.profile(best.config, benchInputs(plan.inputs, best.inputShapes), plan.profileRuns!);
    } catch (e) {
      profileError = `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
    }
  }
  const shapes = Object.fromEntries(plan.inputs.map((i) => [i.name, i.dims ?? []]));
  return {
    schema: BENCH_SCHEMA,
    id: hooks.id?.() ?? `${plan.model.sha256.slice(0, 8)}-${Date.now().toString(36)}`,
    model: plan.model,
    fingerprint: makeFingerprint(target.runtime, env, plan.model.sha256, shapes),
    protocol: plan.protocol,
    configs: results,
    fastest: best?.id ?? null,
    longTasks: longStart === null ? null : hooks.longTaskCounter!() - longStart,
    profile,
    profileError,
    totalMs: now() - t0,
  };
}

async function runConfig(
  target: BenchTarget, plan: BenchPlan, config: BenchConfig, onProgress: (p: LoopProgress) => void, longTasks?: () => number,
  signal?: AbortSignal,
): Promise<ConfigResult> {
  const base = { id: configId(config), label: configLabel(config), config };
  const longStart = longTasks?.() ?? null;
  let shapes: Record<string, number[]> = {};
  let handle: string | null = null;
  try {
    shapes = benchShapes(plan.inputs, config.batch, plan.shapes, plan.dims);
    const inputs = benchInputs(plan.inputs, shapes);
    await target.memory?.().catch(() => null); // start this config's JS-heap peak afresh
    const loaded = await target.load(config);
    handle = loaded.handle;
    // A cancel that arrived while the session was being created (the worker's flag is reset by bench()).
    if (signal?.aborted) throw new CancelledError('cancelled before measuring');
    const { loop, stats } = await target.measure(handle, inputs, plan.protocol, config.batch ?? 1, onProgress);
    let e2e: number[] = [];
    if (target.endToEnd && plan.protocol.endToEndRuns > 0 && !loop.cancelled) e2e = await target.endToEnd(handle, inputs, plan.protocol.endToEndRuns);
    const memory = target.memory ? await target.memory().catch(() => null) : null;
    return {
      ...base,
      inputShapes: shapes,
      shapes: Object.fromEntries(Object.entries(inputs).map(([n, t]) => [n, t.dims.slice()])),
      memory,
      phases: { readMs: plan.readMs, createMs: loaded.createMs, firstRunMs: loop.firstRunMs, warmupMs: loop.warmupMs },
      compute: stats ?? (loop.samples.length ? summarizeLatencies(loop.samples, { batch: config.batch ?? 1 }) : null),
      endToEnd: e2e.length ? summarizeLatencies(e2e, { batch: config.batch ?? 1, resamples: 500 }) : null,
      samples: loop.samples,
      endToEndSamples: e2e,
      longTasks: longStart === null ? null : longTasks!() - longStart,
      error: loop.cancelled ? { name: 'CancelledError', message: `cancelled after ${loop.samples.length} measured runs` } : null,
    };
  } catch (e) {
    const err = e as Error;
    return {
      ...base, inputShapes: shapes, shapes, memory: null, phases: { readMs: plan.readMs, createMs: 0, firstRunMs: 0, warmupMs: 0 },
      compute: null, endToEnd: null, samples: [], endToEndSamples: [], longTasks: null,
      error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) },
    };
  } finally {
    // A fresh session per config, so every config's createMs is a real cold creation.
    if (handle !== null) await target.release(handle).catch(() => undefined);
  }
}
