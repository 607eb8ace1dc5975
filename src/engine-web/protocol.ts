// The worker API: what the UI and the CLI may ask of the engine, as plain data only.
// Nothing here mentions onnxruntime; tensors cross as PlainTensor with transferable buffers.
import type { PlainTensor, TensorMap } from '../lib/tensors/types.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import type { EnvironmentLike } from '../lib/bench/fingerprint.ts';
import type { BenchProtocol, LatencyStats, LoopMeasurement, PeakMemory, ProfileResult } from '../lib/bench/types.ts';
import type { LoopProgress } from '../lib/bench/protocol.ts';
import type { TokenizerFiles } from '../lib/text/folder.ts';
import type { TextExplanation, TextRunResult } from '../lib/text/pipeline.ts';
import type { TokenFeed } from '../lib/text/tokenizer.ts';
import type { SequencePlan, SequenceResult } from '../lib/sequence/run.ts';

export type Backend = 'wasm' | 'webgpu';
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** Options that decide which session is used; sessions are cached per model sha256 and these. */
export interface SessionOptions {
  backend: Backend;
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Collect onnxruntime's per-operator profile on this session (benchmark only). */
  profiling?: boolean;
  /** Files an ONNX model keeps its weights in (external data), by the path the model records. */
  externalData?: { path: string; data: Uint8Array }[];
}

/** What this worker can do: the device as the fingerprint records it (src/lib/bench), plus the
 * threads, which are fixed for the worker's life (onnxruntime reads the count once). */
export interface EnvironmentInfo extends EnvironmentLike {
  /** Threads the wasm backend really uses: 1 unless the page is cross-origin isolated. */
  threads: number;
  requestedThreads: number;
}

export interface ValueInfo {
  name: string;
  /** Element type as onnxruntime names it ('float32', 'int64', …), or 'unknown' for non-tensors. */
  type: string;
  /** Declared dims: a number, a symbolic name, or null when unknown. */
  dims: (number | string | null)[];
}

export interface LoadResult {
  sessionId: string;
  sha256: string;
  backend: Backend;
  threads: number;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** ms: session creation (graph optimisation + compile); 0 when served from the cache. */
  createMs: number;
  cached: boolean;
}

export interface RunResult {
  outputs: TensorMap;
  backend: Backend;
  threads: number;
  /** ms spent in session.run inside the worker (includes input/output copies onnxruntime makes). */
  computeMs: number;
}

/** Progress callbacks travel as comlink proxies. */
export type ProgressFn = (done: number, total: number, detail?: Record<string, number>) => void;

/** Benchmark progress (throttled, a comlink proxy): phase, runs done, fraction, live p50 in ms. */
export type BenchProgressFn = (p: LoopProgress) => void;

/** The worker's benchmark of one round on one session: raw run-order samples (ms) and the clock's step (ms). */
export interface BenchRun {
  loop: LoopMeasurement;
  clockStepMs: number;
}

/** A tokenizer held by the worker (see EngineApi.loadTokenizer). */
export interface TokenizerInfo {
  tokenizerId: string;
  /** Tokens per text after truncation, special tokens included. */
  maxLength: number;
  padId: number;
}

export interface EngineApi {
  /** Sets the thread count and reports the environment; call once, first. */
  init(threads: number): Promise<EnvironmentInfo>;
  environment(): Promise<EnvironmentInfo>;
  /** Parses the model file for its card (no onnxruntime involved); throws ModelLoadError. */
  inspect(model: Uint8Array): Promise<ModelInfo>;
  /** Creates (or reuses) a session for these model bytes and options. */
  load(model: Uint8Array, options: SessionOptions): Promise<LoadResult>;
  run(sessionId: string, inputs: TensorMap, outputNames?: string[]): Promise<RunResult>;
  /** Runs many input sets one by one (a batch of samples), reporting progress; stops early when cancelled. */
  runMany(sessionId: string, samples: TensorMap[], onProgress?: ProgressFn): Promise<RunResult[]>;
  /**
   * Runs a streaming model over a sequence (lib/sequence/run.ts): each step's inputs plus the fixed
   * ones plus the state the previous step returned; state outputs are carried, not returned per step.
   * Stops between steps on cancel() with a CancelledError.
   */
  runSequence(sessionId: string, plan: SequencePlan, onProgress?: ProgressFn): Promise<SequenceResult>;
  cancel(): Promise<void>;
  /** Builds a tokenizer from a model folder's tokenizer.json (+ config) in the worker. */
  loadTokenizer(files: TokenizerFiles, maxLength: number): Promise<TokenizerInfo>;
  /** Tokenizes texts (truncated to the maximum length), runs them as one batch, labels from `labels`. */
  classifyTexts(sessionId: string, tokenizerId: string, texts: string[], labels: string[] | null, sequence?: number): Promise<TextRunResult>;
  /** A text's ids with special tokens, never truncated, and the closing specials: the benchmark cuts it to each sequence length. */
  tokenFeed(tokenizerId: string, text: string): Promise<TokenFeed>;
  /** Tokenizes texts into one feed set per text ([1, L]) for the session's inputs, padded to `sequence` tokens when given (cut to it when longer). */
  encodeTexts(sessionId: string, tokenizerId: string, texts: string[], sequence?: number): Promise<{ feeds: TensorMap[]; truncated: number }>;
  /** The answer for one text plus word occlusion (one batched run of the text minus each word). */
  explainText(sessionId: string, tokenizerId: string, text: string, labels: string[] | null): Promise<TextExplanation>;
  /**
   * Runs the latency protocol on a loaded session inside the worker: first run, warm-up, then
   * measured session.run calls (each timed alone) until both minimums are met; stops on cancel().
   * `batch` is items per inference (for items/s).
   */
  bench(sessionId: string, inputs: TensorMap, protocol: BenchProtocol, batch: number, onProgress?: BenchProgressFn): Promise<BenchRun>;
  /** Latency statistics of pooled samples (ms), computed here so the page's thread stays free. */
  summarize(samples: number[], batch: number, clockStepMs: number): Promise<LatencyStats>;
  /** Per-operator profile: a separate profiling session for these bytes/options, `runs` runs, then released. */
  profile(model: Uint8Array, options: SessionOptions, inputs: TensorMap, runs: number, configId: string): Promise<ProfileResult>;
  release(sessionId: string): Promise<void>;
  /** Memory the worker holds: wasm heaps (size = peak) and the highest JS-heap sample since the
   * last call with reset, bytes. */
  memory(reset?: boolean): Promise<PeakMemory>;
  /** Holds a Web Lock for the worker's life, so the page learns of its death even mid-run
   * (the lock is released when the worker dies); false where Web Locks are absent. */
  holdLifeLock(name: string): Promise<boolean>;
  /** For crash tests: makes the worker die as an out-of-memory or wasm abort would. */
  crash(kind: 'throw' | 'oom'): Promise<void>;
}

export type { TokenizerFiles, TextExplanation, TextRunResult, TokenFeed };
export type { PeakMemory };
export type { SequencePlan, SequenceResult };
export type { PlainTensor, TensorMap, ModelInfo, BenchProtocol, LatencyStats, ProfileResult, LoopProgress };
