// The run state Predict's single run and its sequence share: running, started at (for the elapsed
// time), cancelled or failed, and Cancel. One AbortSignal per run; the engine client turns an abort
// into the one CancelledError (ending a worker that cannot stop), kept here as `cancelled`.
import { isCancellation } from '../../lib/cancel.ts';
import { describeError } from './engine.svelte.ts';

export class CancellableRun {
  error = $state<{ name: string; message: string } | null>(null);
  running = $state(false);
  /** Start of the run in progress (performance.now() ms), for its elapsed time; null when idle. */
  startedAt = $state<number | null>(null);
  /** Why the last run stopped early (the CancelledError's message), or null. */
  cancelled = $state<string | null>(null);
  private controller: AbortController | null = null;

  /** Runs `work` with a fresh signal; a cancellation lands in `cancelled`, another error in `error`. */
  protected async guarded(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.running = true;
    this.error = null;
    this.cancelled = null;
    this.startedAt = performance.now();
    try {
      await work(controller.signal);
    } catch (e) {
      if (isCancellation(e)) this.cancelled = (e as Error).message;
      else this.error = describeError(e);
    } finally {
      this.running = false;
      this.startedAt = null;
      this.controller = null;
    }
  }

  /** Stop the run in progress: the worker is ended when it cannot stop, and the model reloaded. */
  cancel(): void {
    this.controller?.abort();
  }
}
