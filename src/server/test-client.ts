// Test helper: a raw HTTP/1.1 client over node:http that sends paths exactly as given (fetch would
// normalise `..` and `%2e%2e` away) and tolerates servers that answer before the body is sent.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string | number>;
  /** Sent in one piece with a Content-Length. */
  body?: string | Buffer;
  /** Sent chunked (no Content-Length): `count` chunks of `chunk` bytes, stopping once answered. */
  stream?: { chunk: number; count: number };
  /** The client's own address (another loopback address stands for another client). */
  localAddress?: string;
}

/** Send one request to `base` (e.g. http://127.0.0.1:1234) with the raw `path`. */
export function rawRequest(base: string, path: string, opts: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest({
      host: url.hostname, port: url.port, path, method: opts.method ?? 'GET',
      headers: opts.headers, agent: false, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
    }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
      res.on('error', reject);
    });
    // Once the server has answered, write errors (EPIPE, reset) are expected: it stopped reading.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.stream) {
      const { chunk, count } = opts.stream;
      const buf = Buffer.alloc(chunk, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < count && !answered && !req.destroyed) {
          sent++;
          if (!req.write(buf)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    } else {
      req.end(opts.body);
    }
  });
}

/** POST a JSON value (or raw text) to `path`. */
export function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return rawRequest(base, path, { method: 'POST', body: text, headers: { 'Content-Type': 'application/json', ...headers } });
}
