// The engine: the one class that drives onnxruntime-web. It runs inside the Web Worker in the app
// and the CLI's browser runtime, and directly in Node for tests (with the wasm backend).
import type * as Ort from 'onnxruntime-common';
import type { TensorMap } from '../lib/tensors/types.ts';
import { checkInputs, isFixedDim } from '../lib/tensors/shape.ts';
import { ModelLoadError } from '../lib/model/errors.ts';
import { inspectModel, sha256Hex } from '../lib/model/onnx.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import type {
  Backend, EngineApi, EnvironmentInfo, LoadResult, ProgressFn, RunResult, SessionOptions, ValueInfo,
} from './protocol.ts';
import { BackendUnavailableError, CancelledError, InferenceError, SessionNotFoundError } from './errors.ts';
import { fromOrtTensor, toOrtTensor } from './ort-tensors.ts';
import { benchSession, installPrintCapture, profileSession } from './bench.ts';
import type { BenchProgressFn, BenchRun } from './protocol.ts';
import type { BenchProtocol, LatencyStats, PeakMemory, ProfileResult } from '../lib/bench/types.ts';
import { summarizeLatencies } from '../lib/bench/summary.ts';
import { explainLoadFailure, probeWebGpu, type GPULike } from './probe.ts';
import { memorySnapshot, sampleJsHeap, watchWasmMemories } from './memory.ts';
import { TextSessions } from './text-sessions.ts';
import type { TextExplanation, TextRunResult, TokenFeed, TokenizerFiles, TokenizerInfo } from './protocol.ts';
import { runSequence, type SequencePlan, type SequenceResult } from '../lib/sequence/run.ts';

export type OrtModule = typeof Ort;
/** Loads onnxruntime for a backend; the worker passes lazy imports of the matching build. */
export type OrtLoader = (backend: Backend) => Promise<OrtModule>;

interface Held {
  session: Ort.InferenceSession;
  ort: OrtModule;
  backend: Backend;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

function describeValues(meta: readonly Ort.InferenceSession.ValueMetadata[]): ValueInfo[] {
  return meta.map((m) =>
    m.isTensor
      // onnxruntime-web reports a dim with neither value nor name as 4294967295 (uint32 −1): free.
      ? { name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === 'number' && !isFixedDim(d) ? null : d)) }
      : { name: m.name, type: 'unknown', dims: [] },
  );
}

export class Engine implements EngineApi {
  private readonly sessions = new Map<string, Held>();
  private readonly ortByBackend = new Map<Backend, Promise<OrtModule>>();
  private requestedThreads = 1;
  /** The running runMany/bench's controller; cancel() aborts it. */
  private work = new AbortController();
  private env: EnvironmentInfo | undefined;
  private readonly text = new TextSessions();

  constructor(private readonly loadOrt: OrtLoader) {
    // Before onnxruntime starts: its wasm module binds console.log once, and prints profiles there.
    installPrintCapture();
    // Before onnxruntime instantiates its wasm: note its memories, whose sizes are the heap's peak.
    watchWasmMemories();
  }

  async init(threads: number): Promise<EnvironmentInfo> {
    this.requestedThreads = Math.max(1, Math.floor(threads) || 1);
    this.env = undefined;
    return this.environment();
  }

  async environment(): Promise<EnvironmentInfo> {
    if (this.env) return this.env;
    const nav = (globalThis as { navigator?: Navigator & { deviceMemory?: number; gpu?: GPULike; ml?: unknown } }).navigator;
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
    const ort = await this.ort('wasm');
    this.env = {
      ortVersion: ort.env.versions?.web ?? ort.env.versions?.common ?? 'unknown',
      userAgent: nav?.userAgent ?? 'unknown',
      platform: (nav as { platform?: string } | undefined)?.platform ?? 'unknown',
      hardwareConcurrency: nav?.hardwareConcurrency ?? 1,
      deviceMemoryGb: nav?.deviceMemory ?? null,
      crossOriginIsolated: isolated,
      // onnxruntime-web falls back to one thread without cross-origin isolation (SharedArrayBuffer).
      threads: isolated || isNode ? this.requestedThreads : 1,
      requestedThreads: this.requestedThreads,
      webgpu: await probeWebGpu(nav?.gpu),
      webnn: nav?.ml !== undefined,
    };
    return this.env;
  }

  private ort(backend: Backend): Promise<OrtModule> {
    let p = this.ortByBackend.get(backend);
    if (!p) {
      p = this.loadOrt(backend).then((ort) => {
        ort.env.wasm.numThreads = this.requestedThreads;
        ort.env.logLevel = 'error';
        return ort;
      });
      this.ortByBackend.set(backend, p);
    }
    return p;
  }

  inspect(model: Uint8Array): Promise<ModelInfo> {
    return inspectModel(model);
  }

  async load(model: Uint8Array, options: SessionOptions): Promise<LoadResult> {
    if (!(model instanceof Uint8Array) || model.byteLength === 0) {
      throw new ModelLoadError('The model file is empty (0 bytes); choose an .onnx file.');
    }
    const env = await this.environment();
    const backend = options.backend;
    if (backend === 'webgpu' && !env.webgpu.available) {
      throw new BackendUnavailableError(
        `WebGPU was requested but is not available here: ${env.webgpu.reason ?? 'no adapter'}. Choose the wasm backend.`,
      );
    }
    if (backend !== 'wasm' && backend !== 'webgpu') {
      throw new BackendUnavailableError(`Unknown backend "${String(backend)}"; valid: wasm, webgpu.`);
    }
    const sha256 = await sha256Hex(model);
    const sessionId = `${sha256}:${backend}:${options.graphOptimizationLevel ?? 'all'}:${options.profiling ? 'prof' : ''}:${options.externalData?.length ?? 0}`;
    const held = this.sessions.get(sessionId);
    if (held) return this.describe(sessionId, sha256, held, 0, true);

    // The wasm-only build cannot mount external data files; the WebGPU build (which also runs the
    // wasm EP) can, so a model with external weights runs on that build even for the wasm backend.
    const ort = await this.ort(options.externalData?.length ? 'webgpu' : backend);
    const t0 = performance.now();
    let session: Ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(model, {
        executionProviders: [backend],
        graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
        enableProfiling: options.profiling === true,
        ...(options.externalData?.length ? { externalData: options.externalData } : {}),
      });
    } catch (e) {
      throw new ModelLoadError(explainLoadFailure(model, e));
    }
    const createMs = performance.now() - t0;
    const entry: Held = {
      session, ort, backend,
      inputs: describeValues(session.inputMetadata),
      outputs: describeValues(session.outputMetadata),
    };
    this.sessions.set(sessionId, entry);
    return this.describe(sessionId, sha256, entry, createMs, false);
  }

  private describe(sessionId: string, sha256: string, h: Held, createMs: number, cached: boolean): LoadResult {
    return { sessionId, sha256, backend: h.backend, threads: this.threadsFor(h.backend), inputs: h.inputs, outputs: h.outputs, createMs, cached };
  }

  private threadsFor(backend: Backend): number {
    // The webgpu EP runs kernels on the GPU; its CPU fallback ops use the same wasm thread pool.
    void backend;
    return this.env?.threads ?? 1;
  }

  private held(sessionId: string): Held {
    const h = this.sessions.get(sessionId);
    if (!h) throw new SessionNotFoundError(`No loaded session "${sessionId.slice(0, 16)}…"; load the model again.`);
    return h;
  }

  async run(sessionId: string, inputs: TensorMap, outputNames?: string[]): Promise<RunResult> {
    const h = this.held(sessionId);
    const feeds = this.feeds(h, inputs);
    const t0 = performance.now();
    let results: Ort.InferenceSession.ReturnType;
    try {
      results = outputNames?.length ? await h.session.run(feeds, outputNames) : await h.session.run(feeds);
      sampleJsHeap();
    } catch (e) {
      throw new InferenceError(`onnxruntime (${h.backend}) failed to run the model: ${(e as Error).message ?? String(e)}`);
    } finally {
      for (const t of Object.values(feeds)) t.dispose();
    }
    const computeMs = performance.now() - t0;
    const outputs: TensorMap = {};
    for (const [name, t] of Object.entries(results)) outputs[name] = fromOrtTensor(t);
    return { outputs, backend: h.backend, threads: this.threadsFor(h.backend), computeMs };
  }

  /** Validate names, element types and dims before onnxruntime sees them: its errors are cryptic. */
  private feeds(h: Held, inputs: TensorMap): Record<string, Ort.Tensor> {
    checkInputs(h.inputs.map((i) => ({ ...i, dims: i.type === 'unknown' ? null : i.dims })), inputs);
    const feeds: Record<string, Ort.Tensor> = {};
    for (const info of h.inputs) feeds[info.name] = toOrtTensor(h.ort, info.name, inputs[info.name]!);
    return feeds;
  }

  async runMany(sessionId: string, samples: TensorMap[], onProgress?: ProgressFn): Promise<RunResult[]> {
    const { signal } = this.startWork();
    const out: RunResult[] = [];
    let lastReport = 0;
    for (let i = 0; i < samples.length; i++) {
      if (signal.aborted) throw new CancelledError(`cancelled after ${i} of ${samples.length} samples`);
      out.push(await this.run(sessionId, samples[i]!));
      const now = performance.now();
      // Throttle progress messages: one every 50 ms is plenty for a progress bar.
      if (onProgress && (now - lastReport > 50 || i === samples.length - 1)) {
        lastReport = now;
        await onProgress(i + 1, samples.length);
      }
    }
    return out;
  }

  async runSequence(sessionId: string, plan: SequencePlan, onProgress?: ProgressFn): Promise<SequenceResult> {
    const { signal } = this.startWork();
    let lastReport = 0;
    return runSequence((feeds) => this.run(sessionId, feeds), plan, {
      signal,
      onStep: async (i) => {
        const now = performance.now();
        // One progress message per 50 ms at most: the loop must not wait on the page per step.
        if (onProgress && (now - lastReport > 50 || i === plan.steps.length - 1)) {
          lastReport = now;
          await onProgress(i + 1, plan.steps.length);
        }
      },
    });
  }

  async bench(sessionId: string, inputs: TensorMap, protocol: BenchProtocol, batch: number, onProgress?: BenchProgressFn): Promise<BenchRun> {
    const { signal } = this.startWork();
    const h = this.held(sessionId);
    const feeds = this.feeds(h, inputs);
    try {
      return await benchSession(h.session, feeds, protocol, batch, { signal, onProgress });
    } finally {
      sampleJsHeap(); // while the feeds and the last outputs are still alive

      for (const t of Object.values(feeds)) t.dispose();
    }
  }

  async summarize(samples: number[], batch: number, clockStepMs: number): Promise<LatencyStats> {
    return summarizeLatencies(samples, { batch, clockStepMs });
  }

  async profile(model: Uint8Array, options: SessionOptions, inputs: TensorMap, runs: number, configId: string): Promise<ProfileResult> {
    const { sessionId } = await this.load(model, { ...options, profiling: true });
    const h = this.held(sessionId);
    const feeds = this.feeds(h, inputs);
    try {
      return await profileSession(h.session, feeds, runs, configId);
    } finally {
      for (const t of Object.values(feeds)) t.dispose();
      await this.release(sessionId);
    }
  }

  loadTokenizer(files: TokenizerFiles, maxLength: number): Promise<TokenizerInfo> {
    return this.text.load(files, maxLength);
  }

  classifyTexts(sessionId: string, tokenizerId: string, texts: string[], labels: string[] | null, sequence?: number): Promise<TextRunResult> {
    const h = this.held(sessionId);
    return this.text.classify((f) => this.run(sessionId, f), tokenizerId, { ...h, labels }, texts, sequence);
  }

  async tokenFeed(tokenizerId: string, text: string): Promise<TokenFeed> {
    return this.text.feed(tokenizerId, text);
  }

  async encodeTexts(sessionId: string, tokenizerId: string, texts: string[], sequence?: number): Promise<{ feeds: TensorMap[]; truncated: number }> {
    return this.text.feeds(tokenizerId, this.held(sessionId), texts, sequence);
  }

  explainText(sessionId: string, tokenizerId: string, text: string, labels: string[] | null): Promise<TextExplanation> {
    const h = this.held(sessionId);
    return this.text.explain((f) => this.run(sessionId, f), tokenizerId, { ...h, labels }, text);
  }

  /** Cancel the running runMany or bench (a message from the page: signals cannot cross workers). */
  async cancel(): Promise<void> {
    this.work.abort();
  }

  /** A fresh AbortController for the call that starts now; cancel() aborts it. */
  private startWork(): AbortController {
    this.work = new AbortController();
    return this.work;
  }

  async release(sessionId: string): Promise<void> {
    const h = this.sessions.get(sessionId);
    if (!h) return;
    this.sessions.delete(sessionId);
    await h.session.release();
  }

  async memory(reset = false): Promise<PeakMemory> {
    return memorySnapshot(reset);
  }

  async holdLifeLock(name: string): Promise<boolean> {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (!locks) return false;
    await new Promise<void>((granted) => {
      void locks.request(name, () => {
        granted();
        return new Promise<never>(() => undefined); // held until this worker dies
      });
    });
    return true;
  }

  async crash(kind: 'throw' | 'oom'): Promise<void> {
    if (kind === 'oom') {
      // Grow until the allocator gives up, as a model too large for memory does; the browser then
      // kills such a worker outright (no error event), which close() reproduces.
      const hog: ArrayBuffer[] = [];
      try {
        for (;;) hog.push(new ArrayBuffer(256 * 1024 * 1024));
      } catch {
        hog.length = 0;
        (globalThis as { close?: () => void }).close?.();
      }
      return;
    }
    // An uncaught error outside any request, as a wasm abort raises it.
    setTimeout(() => { throw new Error('simulated wasm abort'); }, 0);
  }
}
