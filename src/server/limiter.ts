// Admission control for inferences: at most `maxInFlight` run at once and at most `maxQueue` wait;
// beyond that a request is refused at once (503) instead of piling up memory and latency.

/** Thrown by `admit()` when every run slot and every queue place is taken. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

/** A counting semaphore with a bounded wait queue. */
export class Limiter {
  private running = 0;
  private admitted = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly maxInFlight: number, readonly maxQueue: number) {
    if (!(maxInFlight >= 1) || !(maxQueue >= 0)) throw new RangeError('maxInFlight must be >= 1 and maxQueue >= 0');
  }

  /** Requests admitted and not yet released (running, queued, or still reading their body). */
  get pending(): number {
    return this.admitted;
  }

  /**
   * Take a place (synchronously) before reading the request body, so a flood is refused before it
   * costs memory. Returns a ticket whose `run` waits for a compute slot and `release` frees both.
   * @throws QueueFullError when `maxInFlight + maxQueue` requests are already admitted.
   */
  admit(): { run<T>(fn: () => Promise<T>): Promise<T>; release(): void } {
    if (this.admitted >= this.maxInFlight + this.maxQueue) {
      throw new QueueFullError(`server busy: ${this.maxInFlight} inferences running and ${this.maxQueue} queued; retry later`);
    }
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
