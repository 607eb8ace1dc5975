// One comlink worker kept alive for the page: typed calls that fail fast when the worker dies
// (error event, or — for a worker killed outright — the release of a Web Lock it holds for its
// life), replacement after a crash, and replacement on demand (new settings, or a worker stuck in
// a loop that never reads its messages). The engine and the data clients both stand on it.
import { wrap, releaseProxy, type Remote } from 'comlink';

export interface HostOptions<Api> {
  factory: () => Worker;
  /** The error calls in flight are rejected with when the worker dies. */
  crashError: (detail: string) => Error;
  /** Told after a crash, once the new worker is running. */
  onCrash?: (err: Error) => void;
  /** Runs after each start of a worker (the first and every replacement). */
  onSpawn?: (api: Remote<Api>) => void;
  /** Asks the worker to hold a Web Lock named `name` until it dies (resolves true once held). */
  holdLifeLock?: (api: Remote<Api>, name: string) => Promise<boolean>;
}

/** Rebuild an Error that crossed the boundary so `instanceof Error` and `name` both hold. */
export function revive(e: unknown): Error {
  if (e instanceof Error) return e;
  const o = e as { name?: string; message?: string } | undefined;
  const err = new Error(o?.message ?? String(e));
  if (o?.name) err.name = o.name;
  return err;
}

export class WorkerHost<Api> {
  api!: Remote<Api>;
  /** Crash replacements so far (not counting replacements asked for). */
  restarts = 0;
  private worker!: Worker;
  /** Rejecters of the calls in flight on the current worker. (Racing every call against one
   * never-settling promise instead would pin a reaction per call: a slow leak.) */
  private pending = new Set<(e: Error) => void>();
  /** Workers ended on purpose: their released lock is not a crash. */
  private readonly retired = new WeakSet<Worker>();

  constructor(private readonly o: HostOptions<Api>) {
    this.spawn();
  }

  /** True while a call is in flight. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private spawn(): void {
    const worker = this.o.factory();
    this.worker = worker;
    this.pending = new Set();
    const onDeath = (detail: string) => {
      if (this.worker !== worker || this.retired.has(worker)) return;
      const err = this.o.crashError(detail);
      this.restarts++;
      this.replace(err);
      this.o.onCrash?.(err);
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      onDeath(ev.message || 'the worker stopped unexpectedly');
    }, { once: true });
    this.api = wrap<Api>(worker);
    this.o.onSpawn?.(this.api);
    const locks = globalThis.navigator?.locks;
    if (locks && this.o.holdLifeLock) {
      const name = `edgeprobe-worker-${Math.random().toString(36).slice(2)}`;
      this.o.holdLifeLock(this.api, name).then((held) => {
        if (held) void locks.request(name, () => onDeath('the worker was killed (out of memory or a wasm abort)'));
      }, () => undefined);
    }
  }

  /** Call the worker; rejects at once when the worker dies or is replaced meanwhile. */
  async call<T>(fn: (api: Remote<Api>) => Promise<T>): Promise<T> {
    const inFlight = this.pending;
    let reject!: (e: Error) => void;
    const ended = new Promise<never>((_, r) => { reject = r; });
    inFlight.add(reject);
    try {
      return await Promise.race([fn(this.api), ended]);
    } catch (e) {
      throw revive(e);
    } finally {
      inFlight.delete(reject);
    }
  }

  /** End the current worker and start a new one; calls in flight are rejected with `reason`. */
  replace(reason: Error = new Error('the worker was replaced')): void {
    for (const reject of this.pending) reject(reason);
    this.pending.clear();
    this.retire();
    this.spawn();
  }

  /**
   * Wait up to `ms` for the calls in flight to finish (after a cancel was sent); when they don't —
   * a worker stuck in a loop never reads the cancel — replace it. Returns true when it was replaced.
   */
  async settleOrReplace(ms: number, reason: Error): Promise<boolean> {
    const t0 = performance.now();
    while (this.busy && performance.now() - t0 < ms) await new Promise((r) => setTimeout(r, 25));
    if (!this.busy) return false;
    this.replace(reason);
    return true;
  }

  dispose(): void {
    for (const reject of this.pending) reject(new Error('the worker was closed'));
    this.pending.clear();
    this.retire();
  }

  private retire(): void {
    this.retired.add(this.worker);
    this.api[releaseProxy]?.();
    this.worker.terminate();
  }
}
