// Main-thread side of the engine: owns the worker, restarts it after a crash or for a new thread
// count, and reloads sessions transparently so callers keep their state across a restart.
import { transfer, proxy } from 'comlink';
import { WorkerHost } from '../platform/worker-host.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import type { EngineApi, EnvironmentInfo, LoadResult, ProgressFn, RunResult, SessionOptions } from './protocol.ts';
import type { BenchProgressFn, BenchRun } from './protocol.ts';
import type { BenchProtocol, LatencyStats, PeakMemory, ProfileResult } from '../lib/bench/types.ts';
import { WorkerCrashedError } from './errors.ts';
import { buffersOf } from '../lib/tensors/buffers.ts';
import type { TextExplanation, TextRunResult, TokenFeed, TokenizerFiles, TokenizerInfo } from './protocol.ts';
import type { SequencePlan, SequenceResult } from './protocol.ts';
import { CancelledError } from '../lib/cancel.ts';

/** How long a cancelled call may take to stop on its own (between sequence steps) before the
 * worker is ended: one session.run cannot be interrupted, so a long one ends with its worker. ms. */
const STOP_GRACE_MS = 300;

export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'edgeprobe-engine' });

export interface ClientOptions {
  threads?: number;
  /** Told when the worker died and was replaced (e.g. to show a notice). */
  onCrash?: (err: WorkerCrashedError) => void;
  createWorker?: WorkerFactory;
}

export class EngineClient {
  private readonly host: WorkerHost<EngineApi>;
  private envInfo!: Promise<EnvironmentInfo>;
  private readonly known = new Map<string, { model: Uint8Array; options: SessionOptions }>();
  private threadCount: number;
  private readonly tokenizers = new Map<string, { files: TokenizerFiles; maxLength: number }>();
  /** The reload of a session after a cancel ended its worker; calls wait for it. */
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(options: ClientOptions = {}) {
    this.threadCount = options.threads ?? defaultThreads();
    this.host = new WorkerHost<EngineApi>({
      factory: options.createWorker ?? defaultFactory,
      crashError: (detail) => new WorkerCrashedError(`The inference worker crashed (${detail}); a new one was started. Your data is kept.`),
      onCrash: options.onCrash as ((e: Error) => void) | undefined,
      onSpawn: (api) => {
        this.envInfo = api.init(this.threadCount);
        this.envInfo.catch(() => undefined);
      },
      holdLifeLock: (api, name) => api.holdLifeLock(name),
    });
  }

  get threads(): number {
    return this.threadCount;
  }

  /** Counts crash restarts, so a test or the UI can see that recovery happened. */
  get restarts(): number {
    return this.host.restarts;
  }

  private get api() {
    return this.host.api;
  }

  /** A fresh worker with another thread count (onnxruntime reads the count once per worker). */
  async setThreads(threads: number): Promise<EnvironmentInfo> {
    if (threads !== this.threadCount) {
      this.threadCount = threads;
      this.host.replace(new Error(`the worker was restarted for ${threads} threads`));
    }
    return this.environment();
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.host.call(fn);
  }

  environment(): Promise<EnvironmentInfo> {
    return this.call(() => this.envInfo);
  }

  inspect(model: Uint8Array): Promise<ModelInfo> {
    return this.call(() => this.api.inspect(model));
  }

  async load(model: Uint8Array, options: SessionOptions): Promise<LoadResult> {
    const r = await this.call(() => this.api.load(model, options));
    this.known.set(r.sessionId, { model, options });
    return r;
  }

  /**
   * Runs one inference; after a worker restart the session is rebuilt from the bytes kept here.
   * When `signal` fires the call rejects with a CancelledError and the worker, which cannot stop a
   * session.run midway, is ended and replaced, with this session loaded again.
   */
  async run(sessionId: string, inputs: TensorMap, outputNames?: string[], signal?: AbortSignal): Promise<RunResult> {
    return this.cancellable(sessionId, signal, () => this.withSession(sessionId, () => this.api.run(sessionId, inputs, outputNames)));
  }

  /**
   * A streaming model over a sequence, state fed back (see EngineApi.runSequence). `signal` stops it
   * between steps, or ends the worker when a step does not finish soon (as run()).
   */
  async runSequence(sessionId: string, plan: SequencePlan, onProgress?: ProgressFn, signal?: AbortSignal): Promise<SequenceResult> {
    const progress = onProgress ? proxy(onProgress) : undefined;
    return this.cancellable(sessionId, signal, () => this.withSession(sessionId, () => this.api.runSequence(sessionId, plan, progress)));
  }

  private async cancellable<T>(sessionId: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    if (!signal) return fn();
    if (signal.aborted) throw new CancelledError('the run was cancelled before it started');
    const onAbort = () => void this.stop(sessionId);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await fn();
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Ask the worker to stop; when it does not within the grace time, end it and reload the session. */
  private async stop(sessionId: string): Promise<void> {
    this.api.cancel().catch(() => undefined);
    const ended = await this.host.settleOrReplace(STOP_GRACE_MS, new CancelledError('the run was cancelled; the worker was stopped and the model is being loaded again'));
    const known = this.known.get(sessionId);
    if (ended && known) {
      this.reloading = this.call(() => this.api.load(known.model, known.options)).catch(() => undefined);
    }
  }

  /** Resolves once a reload after a cancel is done (at once when none is under way). */
  ready(): Promise<unknown> {
    return this.reloading;
  }

  /** Runs many samples; their buffers are transferred to the worker (the caller gives them up). */
  async runMany(sessionId: string, samples: TensorMap[], onProgress?: ProgressFn): Promise<RunResult[]> {
    const buffers = buffersOf(samples.flatMap((s) => Object.values(s)));
    const progress = onProgress ? proxy(onProgress) : undefined;
    return this.withSession(sessionId, () => this.api.runMany(sessionId, transfer(samples, buffers), progress));
  }

  private async withSession<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    await this.reloading;
    try {
      return await this.call(fn);
    } catch (e) {
      const known = this.known.get(sessionId);
      if ((e as Error).name !== 'SessionNotFoundError' || !known) throw e;
      await this.call(() => this.api.load(known.model, known.options));
      return this.call(fn);
    }
  }

  /** Builds a tokenizer in the worker; kept here so it is rebuilt after a worker restart. */
  async loadTokenizer(files: TokenizerFiles, maxLength: number): Promise<TokenizerInfo> {
    const info = await this.call(() => this.api.loadTokenizer(files, maxLength));
    this.tokenizers.set(info.tokenizerId, { files, maxLength });
    return info;
  }

  /** Labels for texts, tokenized in the worker (see EngineApi.classifyTexts). */
  classifyTexts(sessionId: string, tokenizerId: string, texts: string[], labels: string[] | null, sequence?: number): Promise<TextRunResult> {
    return this.withTokenizer(tokenizerId, () => this.withSession(sessionId, () => this.api.classifyTexts(sessionId, tokenizerId, texts, labels, sequence)));
  }

  /** Token feeds per text, tokenized in the worker (see EngineApi.encodeTexts). */
  encodeTexts(sessionId: string, tokenizerId: string, texts: string[], sequence?: number): Promise<{ feeds: TensorMap[]; truncated: number }> {
    return this.withTokenizer(tokenizerId, () => this.withSession(sessionId, () => this.api.encodeTexts(sessionId, tokenizerId, texts, sequence)));
  }

  /** One text's answer with word occlusion (see EngineApi.explainText). */
  explainText(sessionId: string, tokenizerId: string, text: string, labels: string[] | null): Promise<TextExplanation> {
    return this.withTokenizer(tokenizerId, () => this.withSession(sessionId, () => this.api.explainText(sessionId, tokenizerId, text, labels)));
  }

  /** A long text's ids, uncut, for the benchmark's sequence sweep (see EngineApi.tokenFeed). */
  tokenFeed(tokenizerId: string, text: string): Promise<TokenFeed> {
    return this.withTokenizer(tokenizerId, () => this.call(() => this.api.tokenFeed(tokenizerId, text)));
  }

  private async withTokenizer<T>(tokenizerId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const known = this.tokenizers.get(tokenizerId);
      if ((e as Error).name !== 'TokenizerNotFoundError' || !known) throw e;
      await this.call(() => this.api.loadTokenizer(known.files, known.maxLength));
      return fn();
    }
  }

  cancel(): Promise<void> {
    return this.api.cancel();
  }

  /** The latency protocol inside the worker (see EngineApi.bench); inputs are copied, not transferred. */
  async bench(sessionId: string, inputs: TensorMap, protocol: BenchProtocol, batch: number, onProgress?: BenchProgressFn): Promise<BenchRun> {
    const progress = onProgress ? proxy(onProgress) : undefined;
    return this.withSession(sessionId, () => this.api.bench(sessionId, inputs, protocol, batch, progress));
  }

  /** Statistics of pooled samples, computed in the worker (see EngineApi.summarize). */
  summarize(samples: number[], batch: number, clockStepMs: number): Promise<LatencyStats> {
    return this.call(() => this.api.summarize(samples, batch, clockStepMs));
  }

  /** Per-operator profile of a fresh profiling session (see EngineApi.profile). */
  profile(model: Uint8Array, options: SessionOptions, inputs: TensorMap, runs: number, configId: string): Promise<ProfileResult> {
    return this.call(() => this.api.profile(model, options, inputs, runs, configId));
  }

  /**
   * End-to-end latency as the page sees it: `count` run() calls timed on this thread (ms each),
   * including the message round trip, input copies and output conversion; with session.run's own
   * time of each call as the worker measured it (so e2e − compute is this call's overhead).
   */
  async endToEnd(sessionId: string, inputs: TensorMap, count: number): Promise<{ endToEnd: number[]; compute: number[] }> {
    const endToEnd: number[] = [];
    const compute: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const r = await this.run(sessionId, inputs);
      endToEnd.push(performance.now() - t0);
      compute.push(r.computeMs);
    }
    return { endToEnd, compute };
  }

  async release(sessionId: string): Promise<void> {
    this.known.delete(sessionId);
    await this.call(() => this.api.release(sessionId));
  }

  /** Memory the worker holds (see EngineApi.memory). */
  memory(reset = false): Promise<PeakMemory> {
    return this.call(() => this.api.memory(reset));
  }

  /** Test hook: make the worker die the way a wasm abort or out-of-memory would. */
  crash(kind: 'throw' | 'oom'): Promise<void> {
    return this.call(() => this.api.crash(kind));
  }

  dispose(): void {
    this.host.dispose();
  }
}

function defaultThreads(): number {
  const cores = (globalThis.navigator?.hardwareConcurrency ?? 1) | 0;
  // Leave one core to the page; onnxruntime's own default is min(4, ceil(cores / 2)).
  return Math.max(1, Math.min(4, cores));
}
