// Errors raised by the engine; each keeps an explicit `name` so it survives the worker boundary.

/** The requested backend cannot run here (no WebGPU adapter, no WebNN). Never silently replaced. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** onnxruntime failed while running a loaded session (unsupported op at run time, bad value…). */
export class InferenceError extends Error {
  override name = 'InferenceError';
}

/** The caller cancelled a long run: the one CancelledError (src/lib/cancel.ts). */
export { CancelledError } from '../lib/cancel.ts';

/** The worker died (out of memory, wasm abort); a new one has been started. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** A session id that this worker does not hold (released, or the worker was restarted). */
export class SessionNotFoundError extends Error {
  override name = 'SessionNotFoundError';
}
