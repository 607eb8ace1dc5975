// HTTP-level error for the baseline server: carries the status code and the message that goes
// into the `{"error": "..."}` body, so every failure path answers the same way.

/** An error answered with `status` and `{"error": message}`; `headers` are added to the response. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
