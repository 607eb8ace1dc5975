// Admission control for inferences: at most `maxInFlight` run at once and at most `maxQueue` wait;
// beyond that a request is refused at once (503) instead of piling up memory and latency. The server
// admits a request only once its body has fully arrived, so slow uploads never hold these places.

/** Thrown by `admit()` when every run slot and every queue place is taken. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  constructor(readonly running: number, readonly queued: number, readonly maxQueue: number) {
    super(`server busy: ${running} inference${running === 1 ? '' : 's'} running and ${queued} queued (queue limit ${maxQueue}); retry later`);
  }
}

/** A counting semaphore with a bounded wait queue. */
export class Limiter {
  private running = 0;
  private admitted = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly maxInFlight: number, readonly maxQueue: number) {
    if (!(maxInFlight >= 1) || !(maxQueue >= 0)) throw new RangeError('maxInFlight must be >= 1 and maxQueue >= 0');
  }

  /** Requests admitted and not yet released (running or waiting for a slot). */
  get pending(): number {
    return this.admitted;
  }

  /** Inferences holding a compute slot now. */
  get inFlight(): number {
    return this.running;
  }

  /** Admitted requests not holding a compute slot (waiting for one). */
  get queued(): number {
    return Math.max(0, this.admitted - this.running);
  }

  /** True when the next admit() would be refused. */
  get saturated(): boolean {
    return this.admitted >= this.maxInFlight + this.maxQueue;
  }

  /**
   * Take a place (synchronously) for a request whose body has arrived. Returns a ticket whose `run` waits for a compute slot and `release` frees both.
   * @throws QueueFullError when `maxInFlight + maxQueue` requests are already admitted.
   */
  admit(): { run<T>(fn: () => Promise<T>): Promise<T>; release(): void } {
    if (this.saturated) throw new QueueFullError(this.inFlight, this.queued, this.maxQueue);
    this.admitted++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.admitted--;
    };
    // The compute slot is held only for the duration of `fn`, whatever `release` does meanwhile.
    const run = async <T>(fn: () => Promise<T>): Promise<T> => {
      await this.acquireSlot();
      try {
        return await fn();
      } finally {
        this.freeSlot();
      }
    };
    return { run, release };
  }

  private acquireSlot(): Promise<void> {
    if (this.running < this.maxInFlight) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private freeSlot(): void {
    const next = this.waiting.shift();
    // Hand the slot straight to the next waiter: `running` stays the same.
    if (next) next();
    else this.running--;
  }
}
