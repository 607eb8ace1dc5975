// Reads a request body up to a byte cap. An over-long body is refused from its Content-Length
// before any byte is read, or as soon as the running count passes the cap (chunked uploads).
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.ts';

/** The client went away (reset, aborted) before its body arrived: nothing to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

function tooLarge(maxBytes: number, got: string): HttpError {
  return new HttpError(413, `request body is ${got}; the limit is ${maxBytes} bytes (start the server with a larger --max-body)`);
}

/**
 * Collect the body of `req` into one Buffer of at most `maxBytes` bytes.
 * @throws HttpError 413 when the body is (or declares itself) longer; ClientGoneError on abort.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    return Promise.reject(tooLarge(maxBytes, `${declared} bytes (Content-Length)`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        cleanup();
        // Stop buffering: the caller answers 413 and closes the connection.
        req.pause();
        reject(tooLarge(maxBytes, `over ${maxBytes} bytes (stopped reading at ${total})`));
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
