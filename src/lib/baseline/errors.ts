// The one error every baseline failure becomes: which kind of failure, against which URL or file,
// and what to do about it. `name` is explicit so it survives the worker boundary and the CLI.

/** What went wrong talking to (or reading) a baseline. */
export type BaselineErrorKind =
  /** Nothing answered: connection refused, host unknown, connection reset. */
  | 'unreachable'
  /** A fetch from a page failed without detail: most often CORS, else the server is down. */
  | 'cors'
  /** No answer within the time limit. */
  | 'timeout'
  /** The caller cancelled. */
  | 'cancelled'
  /** The server answered with a 4xx/5xx status (its own message is quoted). */
  | 'http'
  /** The body is not valid JSON. */
  | 'invalid-json'
  /** The answer's bytes are not valid UTF-8 (a BYTES tensor or message that is not text). */
  | 'invalid-utf8'
  /** The body is JSON but not the protocol's form (no outputs list, bad tensor). */
  | 'protocol'
  /** Tensor shapes disagree: with their data, with the model metadata, or with the device. */
  | 'shape'
  /** An output the comparison needs is absent from the answer. */
  | 'missing-output'
  /** The server or model is not live/ready, or the model is unknown. */
  | 'not-ready'
  /** A baseline file could not be read as JSONL of OIP responses or CSV of outputs. */
  | 'file';

export class BaselineError extends Error {
  override name = 'BaselineError';
  constructor(
    readonly kind: BaselineErrorKind,
    message: string,
    readonly details: { url?: string; status?: number; serverMessage?: string } = {},
  ) {
    super(message);
  }
}

export function isBaselineError(e: unknown): e is BaselineError {
  return (e as { name?: string } | null)?.name === 'BaselineError';
}
