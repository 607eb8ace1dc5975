// Runs a whole benchmark over any runtime that implements BenchTarget (the browser engine through
// its client, onnxruntime-web in Node, onnxruntime-node): R rounds interleaved across configs
// (A B C, A B C …) so slow drift of the machine hits every config alike; each round creates its
// session, warms up and measures; end-to-end calls follow each round; then the decisions.
import type { TensorMap } from '../tensors/types.ts';
import type {
  BenchConfig, BenchProtocol, BenchResult, BenchRuntime, ConfigResult, LatencyStats, LoopMeasurement, PeakMemory, ProfileResult, RoundResult,
} from './types.ts';
import { BENCH_SCHEMA } from './types.ts';
import { configId, configLabel } from './matrix.ts';
import { bestThroughputConfig, decideFastest, decisionInterval } from './compare.ts';
import { makeFingerprint, type EnvironmentLike } from './fingerprint.ts';
import { summarizeLatencies } from './summary.ts';
import { quantileSorted } from '../stats/percentiles.ts';
import { benchInputs, benchShapes, type DeclaredTensor } from './inputs.ts';
import { textBenchInputs } from './seq-len.ts';
import type { TokenFeed } from '../text/tokenizer.ts';
import type { LoopProgress } from './protocol.ts';
import { callsWithin, endToEndCalls } from './estimate.ts';

/** What a runtime must offer the benchmark. `measure` runs one round of the protocol loop where the model runs. */
export interface BenchTarget {
  runtime: BenchRuntime;
  environment(): Promise<EnvironmentLike>;
  /** Called whenever the thread count changes (the browser starts a fresh worker). */
  useThreads(threads: number): Promise<void>;
  load(config: BenchConfig): Promise<{ handle: string; createMs: number }>;
  /** One round; `clockStepMs` is the step of the clock that timed it (measureClockStep), NaN if unknown. */
  measure(handle: string, inputs: TensorMap, protocol: BenchProtocol, batch: number, onProgress: (p: LoopProgress) => void): Promise<{ loop: LoopMeasurement; clockStepMs?: number }>;
  /** Times `count` calls from the caller's side (main thread → worker → back), ms each, with session.run's own time of each call. */
  endToEnd?(handle: string, inputs: TensorMap, count: number): Promise<{ endToEnd: number[]; compute: number[] }>;
  /** Summarise pooled samples where the samples live (the worker), off the caller's thread; local if absent. */
  summarize?(samples: number[], batch: number, clockStepMs: number): Promise<LatencyStats>;
  profile?(config: BenchConfig, inputs: TensorMap, runs: number): Promise<ProfileResult>;
  release(handle: string): Promise<void>;
  /** Peak memory of the runtime since the last call (resets the JS-heap peak). */
  memory?(): Promise<PeakMemory | null>;
  /** The worker's JS heap, bytes, measured by the page (measureUserAgentSpecificMemory; slow, so
   * called once per config, at the end of its last round with its session still open); null when it
   * cannot be measured. For runtimes whose `memory()` cannot see the worker's JS heap. */
  workerJsHeap?(config: BenchConfig, wasmHeapBytes: number | null): Promise<number | null>;
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
  /** A text model's token ids (a tokenized sample text): feeds are real ids cut to each shape, not random numbers. */
  text?: TokenFeed;
}

/** The feeds for one config's shapes: real token ids for a text model, else seeded random tensors. */
function planInputs(plan: BenchPlan, shapes: Record<string, number[]>): TensorMap {
  return plan.text ? textBenchInputs(plan.inputs, shapes, plan.text) : benchInputs(plan.inputs, shapes);
}

export interface BenchHooks {
  /** A config's round starts (round 0-based). */
  onConfigStart?: (index: number, total: number, config: BenchConfig, round: number, rounds: number) => void;
  onProgress?: (index: number, total: number, p: LoopProgress) => void;
  /** A config's round ended (round 0-based); `done` once all its rounds are. */
  onRoundDone?: (index: number, round: number, r: RoundResult | null) => void;
  onConfigDone?: (result: ConfigResult) => void;
  /** What runs now, for explaining main-thread long tasks ("round 2 · wasm-t1-all · measuring"). */
  onPhase?: (label: string) => void;
  /** Stops at the next check (the running round ends early and its config is reported as cancelled). */
  signal?: AbortSignal;
  /** Long tasks counted by the caller while each config ran (browser main thread). */
  longTaskCounter?: () => number;
  id?: () => string;
  now?: () => number;
}

interface ConfigState {
  config: BenchConfig;
  id: string;
  label: string;
  shapes: Record<string, number[]>;
  inputs: TensorMap | null;
  rounds: RoundResult[];
  samples: number[];
  e2e: number[];
  e2eCompute: number[];
  clockStepMs: number;
  /** Highest memory seen over the rounds (each field its own maximum). */
  memory: PeakMemory | null;
  longTasks: number | null;
  error: { name: string; message: string } | null;
}

const cancelledError = (what: string) => ({ name: 'CancelledError', message: what });

/** Run the plan on `target`; a config that fails is reported with its error (and not retried), the others still run. */
export async function runBenchmark(target: BenchTarget, plan: BenchPlan, hooks: BenchHooks = {}): Promise<BenchResult> {
  const now = hooks.now ?? (() => performance.now());
  const t0 = now();
  const env = await target.environment();
  const cancelled = () => hooks.signal?.aborted ?? false;
  const states: ConfigState[] = plan.configs.map((config) => {
    const s: ConfigState = {
      config, id: configId(config), label: configLabel(config), shapes: {}, inputs: null, rounds: [], samples: [], e2e: [], e2eCompute: [],
      clockStepMs: Number.NaN, memory: null, longTasks: hooks.longTaskCounter ? 0 : null, error: null,
    };
    try {
      s.shapes = benchShapes(plan.inputs, config.batch, plan.shapes, plan.dims, config.seqLen ?? null);
      s.inputs = planInputs(plan, s.shapes);
    } catch (e) {
      s.error = errorOf(e);
    }
    return s;
  });
  const longStart = hooks.longTaskCounter?.() ?? null;
  let threads = -1;
  const R = plan.protocol.rounds;
  outer: for (let round = 0; round < R; round++) {
    for (let i = 0; i < states.length; i++) {
      const s = states[i]!;
      if (s.error) continue;
      if (cancelled()) {
        s.error = cancelledError(`cancelled before round ${round + 1} of ${R}`);
        continue;
      }
      hooks.onConfigStart?.(i, states.length, s.config, round, R);
      if (s.config.threads !== threads) {
        hooks.onPhase?.(`starting a runtime with ${s.config.threads} thread${s.config.threads === 1 ? '' : 's'}`);
        await target.useThreads(s.config.threads);
        threads = s.config.threads;
      }
      const before = hooks.longTaskCounter?.() ?? 0;
      const r = await runRound(target, plan, s, round, (p) => hooks.onProgress?.(i, states.length, p), hooks, cancelled);
      if (s.longTasks !== null) s.longTasks += hooks.longTaskCounter!() - before;
      hooks.onRoundDone?.(i, round, r);
      // runRound may have set it (TypeScript narrowed it to null above).
      if ((s.error as ConfigState['error'])?.name === 'CancelledError') break outer;
    }
  }
  for (const s of states) if (!s.error && s.rounds.length < R) s.error = cancelledError(`cancelled after ${s.rounds.length} of ${R} rounds`);

  const results: ConfigResult[] = [];
  for (const s of states) {
    hooks.onPhase?.(`summarising ${s.id} (in the worker)`);
    const r = await finish(target, plan, s);
    results.push(r);
    hooks.onPhase?.(`reporting ${s.id}`);
    hooks.onConfigDone?.(r);
  }
  hooks.onPhase?.('deciding');
  const decision = decideFastest(results);
  const best = decision.fastest;
  let profile: ProfileResult | null = null;
  let profileError: string | null = null;
  if (best && (plan.profileRuns ?? 0) > 0 && target.profile && !cancelled()) {
    hooks.onPhase?.(`profiling ${best.id}`);
    if (best.config.threads !== threads) await target.useThreads(best.config.threads);
    try {
      // Profiled runs, like end-to-end calls, get at most one round's time cap (at least one run).
      const runs = callsWithin(plan.profileRuns!, best.compute?.p50 ?? Number.NaN, plan.protocol.maxTimeMs);
      profile = await target.profile(best.config, planInputs(plan, best.shapes), runs);
      profile.unprofiledP50Ms = best.compute?.p50 ?? null;
    } catch (e) {
      profileError = `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
    }
  }
  hooks.onPhase?.('done');
  const declared = Object.fromEntries(plan.inputs.map((i) => [i.name, i.dims ?? []]));
  return {
    schema: BENCH_SCHEMA,
    id: hooks.id?.() ?? `${plan.model.sha256.slice(0, 8)}-${Date.now().toString(36)}`,
    model: plan.model,
    fingerprint: makeFingerprint(target.runtime, env, plan.model.sha256, declared),
    protocol: plan.protocol,
    configs: results,
    fastest: best?.id ?? null,
    fastestClear: decision.clear,
    tiedWithFastest: decision.tied,
    bestThroughput: bestThroughputConfig(results)?.id ?? null,
    longTasks: longStart === null ? null : hooks.longTaskCounter!() - longStart,
    longTaskDetail: null,
    profile,
    profileError,
    totalMs: now() - t0,
  };
}

/** Field-wise maximum of two memory readings (null fields stay null only when both are). */
function maxMemory(a: PeakMemory | null, b: PeakMemory | null): PeakMemory | null {
  if (!a || !b) return a ?? b;
  const m = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  return { wasmHeapBytes: m(a.wasmHeapBytes, b.wasmHeapBytes), jsHeapBytes: m(a.jsHeapBytes, b.jsHeapBytes), peakRssBytes: m(a.peakRssBytes, b.peakRssBytes) };
}

function errorOf(e: unknown): { name: string; message: string } {
  const err = e as Error;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

/** One round of one config: a fresh session, the loop, the round's end-to-end calls, release. */
async function runRound(
  target: BenchTarget, plan: BenchPlan, s: ConfigState, round: number, onProgress: (p: LoopProgress) => void, hooks: BenchHooks, cancelled: () => boolean,
): Promise<RoundResult | null> {
  const tag = `round ${round + 1} · ${s.id}`;
  let handle: string | null = null;
  try {
    hooks.onPhase?.(`${tag} · creating the session`);
    await target.memory?.().catch(() => null); // start this round's JS-heap peak afresh
    const loaded = await target.load(s.config);
    handle = loaded.handle;
    // A cancel that arrived while the session was being created (the worker's flag is reset by bench()).
    if (cancelled()) throw Object.assign(new Error(`cancelled in round ${round + 1} before measuring`), { name: 'CancelledError' });
    hooks.onPhase?.(`${tag} · first run, warm-up and measuring`);
    const { loop, clockStepMs } = await target.measure(handle, s.inputs!, plan.protocol, s.config.batch ?? 1, onProgress);
    if (clockStepMs !== undefined && Number.isFinite(clockStepMs)) s.clockStepMs = Number.isFinite(s.clockStepMs) ? Math.min(s.clockStepMs, clockStepMs) : clockStepMs;
    s.samples.push(...loop.samples);
    if (target.memory) s.memory = maxMemory(s.memory, await target.memory().catch(() => null));
    if (target.workerJsHeap && round === plan.protocol.rounds - 1 && !cancelled()) {
      hooks.onPhase?.(`${tag} · measuring the worker's memory`);
      const js = await target.workerJsHeap(s.config, s.memory?.wasmHeapBytes ?? null).catch(() => null);
      if (js !== null) s.memory = maxMemory(s.memory, { wasmHeapBytes: null, jsHeapBytes: js, peakRssBytes: null });
    }
    const sorted = loop.samples.slice().sort((a, b) => a - b);
    const r: RoundResult = {
      round, createMs: loaded.createMs, firstRunMs: loop.firstRunMs, warmupRuns: loop.warmupRuns, warmupMs: loop.warmupMs,
      n: sorted.length, p50: sorted.length ? quantileSorted(sorted, 0.5) : Number.NaN, p90: sorted.length ? quantileSorted(sorted, 0.9) : Number.NaN,
      mean: sorted.length ? sorted.reduce((a, v) => a + v, 0) / sorted.length : Number.NaN, measuredMs: loop.measuredMs, capped: loop.capped,
    };
    s.rounds.push(r);
    if (loop.cancelled) {
      s.error = cancelledError(`cancelled in round ${round + 1} after ${loop.samples.length} measured runs`);
      return r;
    }
    // As many as fit in the round's time cap again at this round's p50 (at least one).
    const k = endToEndCalls(plan.protocol, Number.isFinite(r.p50) ? r.p50 : loop.firstRunMs);
    if (target.endToEnd && k > 0 && !cancelled()) {
      hooks.onPhase?.(`${tag} · end-to-end calls from the page`);
      const e = await target.endToEnd(handle, s.inputs!, k);
      s.e2e.push(...e.endToEnd);
      s.e2eCompute.push(...e.compute);
    }
    return r;
  } catch (e) {
    s.error = errorOf(e);
    return null;
  } finally {
    // A fresh session per round, so every round's createMs is a real creation and rounds are independent.
    if (handle !== null) await target.release(handle).catch(() => undefined);
  }
}

async function finish(target: BenchTarget, plan: BenchPlan, s: ConfigState): Promise<ConfigResult> {
  const batch = s.config.batch ?? 1;
  const first = s.rounds[0];
  const summarize = (x: number[], resamples?: number) => target.summarize && resamples === undefined
    ? target.summarize(x, batch, s.clockStepMs)
    : Promise.resolve(summarizeLatencies(x, { batch, clockStepMs: s.clockStepMs, resamples }));
  const cancelledPartly = s.error?.name === 'CancelledError';
  const compute = s.samples.length && (!s.error || cancelledPartly) ? await summarize(s.samples) : null;
  return {
    id: s.id, label: s.label, config: s.config, inputShapes: s.shapes, shapes: s.shapes, memory: s.memory,
    phases: { readMs: plan.readMs, createMs: first?.createMs ?? Number.NaN, firstRunMs: first?.firstRunMs ?? Number.NaN, warmupMs: first?.warmupMs ?? Number.NaN },
    compute,
    p50Interval: compute ? decisionInterval(s.rounds, compute) : null,
    rounds: s.rounds,
    capped: s.rounds.some((r) => r.capped),
    endToEnd: s.e2e.length ? await summarize(s.e2e, 500) : null,
    endToEndCompute: s.e2eCompute.length ? await summarize(s.e2eCompute, 500) : null,
    samples: s.samples,
    endToEndSamples: s.e2e,
    longTasks: s.longTasks,
    error: s.error,
  };
}
