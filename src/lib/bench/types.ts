// The benchmark's plain-data result schema: what a run of the latency protocol produces, shared by
// the worker, the app, the CLI (`--json`) and the history store. Every time is in milliseconds.

/** Where a config ran: onnxruntime-web in a browser worker, or onnxruntime-node (`--runtime native`). */
export type BenchRuntime = 'browser' | 'native' | 'node-wasm';
export type BenchBackend = 'wasm' | 'webgpu' | 'cpu';
export type OptLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** One cell of the config matrix. `batch` is null when the model's batch dim is fixed. */
export interface BenchConfig {
  backend: BenchBackend;
  threads: number;
  graphOptimizationLevel: OptLevel;
  batch: number | null;
  /** Tokens per text in a text model's sequence sweep; absent (or null) outside a sweep. */
  seqLen?: number | null;
}

/**
 * How long to measure. Every config is measured in `rounds` rounds, interleaved across configs
 * (round 1 of A, B, C, then round 2 of A, B, C …); each round creates its session, times a first
 * run, warms up until BOTH warmupRuns and warmupMs are met, then measures until BOTH minRuns and
 * minTimeMs are met. maxTimeMs caps one round of one config (first run + warm-up + measuring),
 * so a slow model cannot run for ever; at least one measured run is always taken.
 */
export interface BenchProtocol {
  /** Rounds per config (≥ 1; the between-round spread needs ≥ 2). */
  rounds: number;
  /** Warm-up runs per round. */
  warmupRuns: number;
  /** Minimum warm-up time per round, ms: wasm tiers up during the first second or so. */
  warmupMs: number;
  /** Minimum measured runs per round. */
  minRuns: number;
  /** Minimum measured time per round, ms. */
  minTimeMs: number;
  /** Cap on measured runs per round. */
  maxRuns: number;
  /** Cap on one round of one config (first run, warm-up and measuring), ms. */
  maxTimeMs: number;
  /** End-to-end calls per config, spread over the rounds and timed right after each round's measured runs (0 = none). */
  endToEndRuns: number;
  quick: boolean;
}

/** Phases of bringing a config up in its first round (the coldest), ms. readMs is null when the bytes were read before the benchmark. */
export interface LoadPhases {
  readMs: number | null;
  createMs: number;
  firstRunMs: number;
  warmupMs: number;
}

/** A bootstrap confidence interval, ms. */
export interface Interval {
  low: number;
  high: number;
  level: number;
}

/** Tukey-fence outlier counts: "mild" beyond 1.5 IQR, "extreme" beyond 3 IQR (extreme ⊂ mild). Never dropped. */
export interface OutlierCounts {
  low: number;
  high: number;
  extreme: number;
  lowerFence: number;
  upperFence: number;
}

/** Stability after perf_analyzer: the run split into windows; stable when the last three agree within `tolerance`. */
export interface Stability {
  stable: boolean;
  /** Mean latency per window in run order, ms. */
  windowMeans: number[];
  windowSize: number;
  /** Largest relative deviation of the last three windows from their mean (NaN with < 3 windows). */
  spread: number;
  tolerance: number;
}

/** Latency statistics of one sample, ms (std is the population std, ddof = 0). */
export interface LatencyStats {
  n: number;
  mean: number;
  std: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Inferences per second at the measured mean (× batch for items per second: see itemsPerSec). */
  throughputPerSec: number;
  itemsPerSec: number;
  p50Ci: Interval;
  p90Ci: Interval;
  stability: Stability;
  outliers: OutlierCounts;
  /**
   * The clock's own step, ms: the smallest change of performance.now() seen in a tight loop
   * (browsers coarsen it: 0.005 when cross-origin isolated, 0.1 otherwise). NaN when not measured.
   */
  timerResolutionMs: number;
}

/** One round of one config, ms. */
export interface RoundResult {
  /** 0-based round number. */
  round: number;
  createMs: number;
  firstRunMs: number;
  /** Warm-up runs actually made and their time. */
  warmupRuns: number;
  warmupMs: number;
  /** Measured runs in this round and their median, p90 and mean. */
  n: number;
  p50: number;
  p90: number;
  mean: number;
  /** Wall time of the measured phase. */
  measuredMs: number;
  /** True when the round's time cap (maxTimeMs) ended it before the protocol's minimums were met. */
  capped: boolean;
}

/** The interval decisions use: over round medians (≥ 2 rounds) or, with one round, within the run only. */
export interface DecisionInterval extends Interval {
  /** 'rounds-t': Student t over the round medians; 'bootstrap-one-round': the within-run bootstrap (blind to drift between runs). */
  method: 'rounds-t' | 'bootstrap-one-round';
  rounds: number;
  /** Between-round spread: (max − min) / mean of the round medians (0 with one round). */
  spread: number;
}

/** What the measured loop returns (worker side or native): raw samples in run order, ms. */
export interface LoopMeasurement {
  firstRunMs: number;
  /** Warm-up runs made (the protocol's count, more to fill warmupMs, fewer if the cap hit). */
  warmupRuns: number;
  warmupMs: number;
  samples: number[];
  /** Wall time of the measured phase, ms. */
  measuredMs: number;
  cancelled: boolean;
  /** True when the round's time cap ended it before the protocol's minimums. */
  capped: boolean;
}

/** Memory while a config ran, bytes; null where the runtime cannot tell. */
export interface PeakMemory {
  /** wasm memory onnxruntime-web holds in the worker (a wasm memory only grows: its size is its
   * peak over the worker's life, which is one thread count's configs). */
  wasmHeapBytes: number | null;
  /** JS heap in use, bytes: in Node the highest sample while the config ran; in the browser the
   * worker's JS heap measured by the page once per single-thread config (measureUserAgentSpecificMemory,
   * engine-web/agent-memory.ts); null with a wasm thread pool or where the browser cannot measure. */
  jsHeapBytes: number | null;
  /** Peak resident set size of the process so far (`--runtime native`). */
  peakRssBytes: number | null;
}

/** Result for one config. `compute` is session.run timed inside the worker; `endToEnd` the main-thread call. */
export interface ConfigResult {
  id: string;
  label: string;
  config: BenchConfig;
  /** The same as shapes (the name results used before `shapes`); kept for readers of older code. */
  inputShapes: Record<string, number[]>;
  /** Input name → dims as actually run (from the feeds). */
  shapes: Record<string, number[]>;
  /** Peak memory of the runtime for this config over its rounds (absent in results saved before it was measured). */
  memory?: PeakMemory | null;
  /** Load phases of round 1. */
  phases: LoadPhases;
  /** Statistics of all measured runs of all rounds pooled. */
  compute: LatencyStats | null;
  /** The p50 interval decisions use (fastest, comparisons); null when nothing was measured. */
  p50Interval: DecisionInterval | null;
  /** Each round's load phases and median, in round order. */
  rounds: RoundResult[];
  /** True when any round hit its time cap before the protocol's minimums. */
  capped: boolean;
  /** Main-thread calls timed right after each round's measured runs (the page → worker → page round trip). */
  endToEnd: LatencyStats | null;
  /** session.run times of those same end-to-end calls, as the worker timed them: e2e − this is the per-call overhead. */
  endToEndCompute: LatencyStats | null;
  /** Raw session.run times in run order, ms, rounds one after another (see rounds[i].n). */
  samples: number[];
  endToEndSamples: number[];
  /** Main-thread long tasks (> 50 ms) seen while this config ran; null where not observable. */
  longTasks: number | null;
  error: { name: string; message: string } | null;
}

/** A main-thread long task and what the benchmark was doing when it started. */
export interface LongTaskEntry {
  /** ms since the benchmark started */
  startMs: number;
  durationMs: number;
  /** e.g. "round 2 · wasm-t1-all · measuring" */
  during: string;
}

/** Where and on what the benchmark ran. */
export interface Fingerprint {
  runtime: BenchRuntime;
  userAgent: string;
  platform: string;
  cores: number;
  deviceMemoryGb: number | null;
  crossOriginIsolated: boolean;
  /** `software` names a software renderer (SwiftShader…): its timings are a CPU's, not a GPU's. */
  gpu: { available: boolean; vendor?: string; architecture?: string; description?: string; reason?: string; software?: string };
  webnn: boolean;
  ortVersion: string;
  modelSha256: string;
  inputShapes: Record<string, (number | string | null)[]>;
  /** ISO 8601 */
  date: string;
}

/** One operator type's share of a profiled run. */
export interface OpProfile {
  opType: string;
  /** Total kernel time over all profiled runs, ms. */
  totalMs: number;
  /** Mean per profiled run, ms. */
  perRunMs: number;
  calls: number;
  share: number;
  nodes: number;
}

export interface ProfileResult {
  configId: string;
  runs: number;
  ops: OpProfile[];
  /** Sum of kernel times per run, ms. */
  kernelMsPerRun: number;
  source: string;
  /** The same config's p50 without profiling, ms (the profiling overhead is kernelMsPerRun against it); null if unknown. */
  unprofiledP50Ms?: number | null;
}

export const BENCH_SCHEMA = 'edgeprobe.bench/1';

/** A whole benchmark: model, fingerprint, protocol, one result per config, the fastest config. */
export interface BenchResult {
  schema: typeof BENCH_SCHEMA;
  id: string;
  model: { name: string; sha256: string; bytes: number };
  fingerprint: Fingerprint;
  protocol: BenchProtocol;
  configs: ConfigResult[];
  /** id of the config with the lowest per-call p50 (null when none succeeded). */
  fastest: string | null;
  /** True when the fastest config's p50 interval overlaps no other config's: a clear choice. */
  fastestClear: boolean;
  /** Configs whose p50 interval overlaps the fastest's ("no clear difference"). */
  tiedWithFastest: string[];
  /** id of the config with the most items per second (batch × inferences/s), shown apart from "fastest". */
  bestThroughput: string | null;
  longTasks: number | null;
  /** Each long task with what ran when it started; null where not observable. */
  longTaskDetail: LongTaskEntry[] | null;
  profile: ProfileResult | null;
  /** Why no profile was produced when one was asked for (e.g. the runtime cannot profile). */
  profileError: string | null;
  /** ms, wall time of the whole benchmark */
  totalMs: number;
}
