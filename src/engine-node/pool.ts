// Runs onnxruntime-node sessions in worker threads. onnxruntime-node's `run` is synchronous on the
// calling thread, so running it on the main thread would stall health checks, admission control
// and every open connection for the length of each inference; workers keep the event loop free.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { PlainTensor, TypedArray } from '../lib/tensors/types.ts';

/** Tensor metadata as onnxruntime-node reports it (symbolic dims are strings). */
export interface RawValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: Array<number | string>;
}

/** What a worker learnt from loading one model. */
export interface RawModelMetadata {
  inputs: RawValueMetadata[];
  outputs: RawValueMetadata[];
}

/** onnxruntime-node rejected a model or a run; `message` is onnxruntime's. */
export class OrtError extends Error {
  override name = 'OrtError';
}

// Plain JavaScript, run with `eval: true`: it needs no TypeScript loader in the worker, so it works
// the same under node, tsx and vitest. It only talks plain data with the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const sessions = new Map();
const running = new Set();
const meta = (m) => m.map((v) => ({ name: v.name, isTensor: v.isTensor, type: v.type, shape: v.shape ? Array.from(v.shape) : [] }));
async function init() {
  const out = {};
  for (const m of workerData.models) {
    const s = await ort.InferenceSession.create(m.path, { logSeverityLevel: 4, intraOpNumThreads: workerData.intraOpThreads });
    sessions.set(m.name, s);
    out[m.name] = { inputs: meta(s.inputMetadata), outputs: meta(s.outputMetadata) };
  }
  return out;
}
init().then((models) => parentPort.postMessage({ kind: 'ready', models }),
  (e) => parentPort.postMessage({ kind: 'failed', message: String(e && e.message || e) }));
parentPort.on('message', async (msg) => {
  // Asked to stop: only after the run in progress (runs are synchronous here), so that no thread
  // is torn down inside onnxruntime.
  if (msg.kind === 'exit') {
    // onnxruntime-node's run yields once (setImmediate) before it runs: let started runs finish.
    await Promise.allSettled([...running]);
    for (const s of sessions.values()) await s.release().catch(() => {});
    process.exit(0);
  }
  let done;
  const current = new Promise((r) => (done = r));
  running.add(current);
  try {
    const s = sessions.get(msg.model);
    const feeds = {};
    for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    const t0 = performance.now();
    const res = await s.run(feeds, msg.outputs);
    const ms = performance.now() - t0;
    const outputs = {};
    const transfer = [];
    for (const name of msg.outputs) {
      const v = res[name];
      if (!v) throw new Error('no value returned for output "' + name + '"');
      outputs[name] = { type: v.type, dims: Array.from(v.dims), data: v.data };
      if (ArrayBuffer.isView(v.data) && !transfer.includes(v.data.buffer)) transfer.push(v.data.buffer);
    }
    parentPort.postMessage({ kind: 'result', id: msg.id, outputs, ms }, transfer);
  } catch (e) {
    parentPort.postMessage({ kind: 'error', id: msg.id, message: String(e && e.message || e) });
  } finally {
    running.delete(current);
    done();
  }
});
`;

/** The pool is closing: no more runs are accepted. */
export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
}

interface Pending {
  resolve(r: { outputs: Record<string, PlainTensor>; ms: number }): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  pending: Map<number, Pending>;
}

/** A fixed set of worker threads, each holding one session per model; runs go to an idle one. */
export class SessionPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly models: { name: string; path: string }[], private readonly intraOpThreads: number) {}

  /**
   * Start `workers` threads and load every model in each (sessions are created once, here).
   * @throws OrtError when onnxruntime cannot load a model (the message names it).
   */
  static async create(models: { name: string; path: string }[], workers: number, intraOpThreads: number): Promise<{ pool: SessionPool; metadata: Record<string, RawModelMetadata> }> {
    const pool = new SessionPool(models, intraOpThreads);
    try {
      const metas = await Promise.all(Array.from({ length: workers }, () => pool.spawn()));
      return { pool, metadata: metas[0]! };
    } catch (e) {
      await pool.close();
      throw e;
    }
  }

  private spawn(): Promise<Record<string, RawModelMetadata>> {
    const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath, models: this.models, intraOpThreads: this.intraOpThreads } });
    const slot: Slot = { worker, busy: true, pending: new Map() };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: { kind: string; id?: number; models?: Record<string, RawModelMetadata>; message?: string; outputs?: Record<string, PlainTensor>; ms?: number }) => {
        if (msg.kind === 'ready') {
          slot.busy = false;
          this.wake();
          resolve(msg.models!);
        } else if (msg.kind === 'failed') {
          reject(new OrtError(msg.message!));
        } else {
          const p = slot.pending.get(msg.id!);
          slot.pending.delete(msg.id!);
          slot.busy = false;
          this.wake();
          if (msg.kind === 'result') p?.resolve({ outputs: msg.outputs!, ms: msg.ms! });
          else p?.reject(new OrtError(msg.message!));
        }
      });
      // A worker that dies (a native crash in a thread, out of memory) fails its runs and is replaced.
      worker.on('error', (e) => reject(new OrtError(e.message)));
      worker.on('exit', (code) => {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        for (const p of slot.pending.values()) {
          p.reject(this.closed ? new PoolClosedError('the server is shutting down') : new OrtError(`the inference worker stopped (exit code ${code})`));
        }
        slot.pending.clear();
        if (!this.closed) this.spawn().catch(() => undefined);
      });
    });
  }

  private wake(): void {
    const next = this.waiting.shift();
    if (next) next();
  }

  /**
   * Run `model` on an idle worker (waiting for one if all are busy). Typed arrays in `feeds` are
   * copied to the worker; outputs come back as plain tensors, with onnxruntime's run time in ms.
   * @throws OrtError with onnxruntime's message when the run fails.
   */
  async run(model: string, feeds: Record<string, PlainTensor>, outputs: string[]): Promise<{ outputs: Record<string, PlainTensor>; ms: number }> {
    for (;;) {
      if (this.closed) throw new PoolClosedError('the server is shutting down; retry on another instance or after restart');
      const slot = this.slots.find((s) => !s.busy);
      if (slot) {
        slot.busy = true;
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
          slot.pending.set(id, { resolve, reject });
          const plainFeeds: Record<string, { type: string; dims: number[]; data: TypedArray | string[] }> = {};
          for (const [n, t] of Object.entries(feeds)) plainFeeds[n] = { type: t.type, dims: t.dims, data: t.data };
          slot.worker.postMessage({ id, model, feeds: plainFeeds, outputs });
        });
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  /**
   * Stop every worker after its current run (callers still waiting for a worker are rejected).
   * A worker that has not stopped after `graceMs` is terminated.
   */
  async close(graceMs = 5000): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    await Promise.all(this.slots.slice().map((s) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => void s.worker.terminate(), graceMs);
      s.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      s.worker.postMessage({ kind: 'exit' });
    })));
  }
}
