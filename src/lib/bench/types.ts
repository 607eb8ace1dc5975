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
}

/** How long to measure. A run stops once BOTH minRuns and minTimeMs are met (or maxRuns/maxTimeMs hit). */
export interface BenchProtocol {
  warmupRuns: number;
  minRuns: number;
  /** ms */
  minTimeMs: number;
  /** Safety caps so a slow model cannot run forever: stop at whichever comes first. */
  maxRuns: number;
  /** ms */
  maxTimeMs: number;
  /** Main-thread end-to-end calls timed after the worker loop (0 = none). */
  endToEndRuns: number;
  quick: boolean;
}

/** Phases of bringing a config up, ms. readMs is null when the bytes were read before the benchmark. */
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
  /** Apparent clock resolution, ms (browsers coarsen performance.now(): 0.005 when isolated). */
  timerResolutionMs: number;
}

/** What the measured loop returns (worker side or native): raw samples in run order, ms. */
export interface LoopMeasurement {
  firstRunMs: number;
  warmupMs: number;
  samples: number[];
  /** Wall time of the measured phase, ms. */
  measuredMs: number;
  cancelled: boolean;
}

/** Memory while a config ran, bytes; null where the runtime cannot tell. */
export interface PeakMemory {
  /** wasm memory onnxruntime-web holds in the worker (a wasm memory only grows: its size is its
   * peak over the worker's life, which is one thread count's configs). */
  wasmHeapBytes: number | null;
  /** JS heap in use: the highest sample taken while the config ran (Chromium and Node report it). */
  jsHeapBytes: number | null;
  /** Peak resident set size of the process so far (`--runtime native`). */
  peakRssBytes: number | null;
}

/** Result for one config. `compute` is session.run timed inside the worker; `endToEnd` the main-thread call. */
export interface ConfigResult {
  id: string;
  label: string;
  config: BenchConfig;
  inputShapes: Record<string, number[]>;
  /** input name → dims as the protocol ran them (from the feeds it actually ran). */
  shapes: Record<string, number[]>;
  /** Peak memory of the runtime for this config (absent in results saved before it was measured). */
  memory?: PeakMemory | null;
  phases: LoadPhases;
  compute: LatencyStats | null;
  endToEnd: LatencyStats | null;
  /** Raw session.run times in run order, ms (kept for charts and re-analysis). */
  samples: number[];
  endToEndSamples: number[];
  /** Main-thread long tasks (> 50 ms) seen while this config ran; null where not observable. */
  longTasks: number | null;
  error: { name: string; message: string } | null;
}

/** Where and on what the benchmark ran. */
export interface Fingerprint {
  runtime: BenchRuntime;
  userAgent: string;
  platform: string;
  cores: number;
  deviceMemoryGb: number | null;
  crossOriginIsolated: boolean;
  gpu: { available: boolean; vendor?: string; architecture?: string; description?: string; reason?: string };
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
  /** id of the config with the lowest p50 (null when none succeeded). */
  fastest: string | null;
  longTasks: number | null;
  profile: ProfileResult | null;
  /** Why no profile was produced when one was asked for (e.g. the runtime cannot profile). */
  profileError: string | null;
  /** ms, wall time of the whole benchmark */
  totalMs: number;
}
