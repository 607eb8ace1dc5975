// Reads a request body up to a byte cap, within a deadline and above a minimum rate. An over-long
// body is refused from its Content-Length before any byte is read, or as soon as the running count
// passes the cap (chunked uploads); a body that trickles in gets 408 instead of holding the server.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.ts';

/** The client went away (reset, aborted) before its body arrived: nothing to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** Limits on one request body. */
export interface BodyLimits {
  /** Largest body, bytes. */
  maxBytes: number;
  /** The whole body must arrive within this many ms of the handler starting. */
  timeoutMs: number;
  /** After `graceMs`, at least this many bytes per second on average must have arrived (0 = no check). */
  minBytesPerSec: number;
  /** ms before the rate is checked (a slow first packet is normal). */
  graceMs: number;
}

/** Defaults: 32 MiB, 30 s, 64 KiB/s after 2 s (a 32 MiB body at 64 KiB/s would take 8.5 min: the deadline rules). */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 32 * 1024 * 1024, timeoutMs: 30_000, minBytesPerSec: 65_536, graceMs: 2_000 };

function tooLarge(maxBytes: number, got: string): HttpError {
  return new HttpError(413, `request body is ${got}; the limit is ${maxBytes} bytes (start the server with a larger --max-body)`);
}

/**
 * Collect the body of `req` into one Buffer within `limits`.
 * @throws HttpError 413 when the body is (or declares itself) longer; HttpError 408 when it does not
 *   arrive in time or too slowly (the connection is then closed); ClientGoneError on abort.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits, onBytes?: (n: number) => void): Promise<Buffer> {
  const { maxBytes, timeoutMs, minBytesPerSec, graceMs } = limits;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    return Promise.reject(tooLarge(maxBytes, `${declared} bytes (Content-Length)`));
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      clearInterval(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const fail = (e: Error) => {
      cleanup();
      // Stop buffering: the caller answers and closes the connection.
      req.pause();
      reject(e);
    };
    const check = () => {
      const elapsed = performance.now() - started;
      const expected = declared === undefined ? Infinity : Number(declared);
      if (elapsed >= timeoutMs) {
        fail(new HttpError(408, `request body not received in time: ${total} of ${declared ?? 'an unknown number of'} bytes after ${(elapsed / 1000).toFixed(1)} s (limit ${timeoutMs / 1000} s; --body-timeout)`, { Connection: 'close' }));
      } else if (minBytesPerSec > 0 && elapsed >= graceMs && total < Math.min(expected, (minBytesPerSec * (elapsed - graceMs)) / 1000)) {
        fail(new HttpError(408, `request body arrives too slowly: ${total} bytes in ${(elapsed / 1000).toFixed(1)} s, below the minimum of ${minBytesPerSec} bytes/s (--min-body-rate)`, { Connection: 'close' }));
      }
    };
    // A quarter of the grace period (at most 250 ms) between checks keeps the answer prompt and cheap.
    const timer = setInterval(check, Math.max(20, Math.min(250, graceMs / 4, timeoutMs / 4)));
    timer.unref();
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      onBytes?.(chunk.length);
      if (total > maxBytes) {
        fail(tooLarge(maxBytes, `over ${maxBytes} bytes (stopped reading at ${total})`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new ClientGoneError(`request body not received: ${e.message}`));
    };
    const onClose = () => {
      if (!req.complete) {
        cleanup();
        reject(new ClientGoneError('client closed the connection before the body ended'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
