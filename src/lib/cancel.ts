// Cancellation, one way everywhere: work takes an AbortSignal and stops with a CancelledError.
// The name survives a worker boundary, so the UI and the CLI recognise a cancel wherever it began.

/** The caller cancelled the work (its AbortSignal fired); what was done before is kept. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Throw a CancelledError saying what stopped, when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'the work'): void {
  if (signal?.aborted) throw new CancelledError(`${what} was cancelled`);
}

/**
 * Whether `e` is a cancellation: our CancelledError, or the platform's AbortError (fetch and
 * streams reject with it when their signal fires).
 */
export function isCancellation(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'CancelledError' || name === 'AbortError';
}
