// CORS for the baseline server: which browser origins may call it, and the headers that let a
// page read Server-Timing and use it from a cross-origin-isolated (COEP require-corp) context.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Origins allowed when none are given: any port of the local machine, over http. */
export const DEFAULT_CORS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

const ALLOW_METHODS = 'GET, HEAD, POST, OPTIONS';
const EXPOSE_HEADERS = 'Server-Timing, Inference-Header-Content-Length, Content-Length, Retry-After';
const ALLOW_HEADERS = 'Content-Type, Inference-Header-Content-Length, Accept';

/**
 * Build an origin test from patterns: `*` allows any origin; `scheme://host:*` any port of that
 * host (or none); anything else must equal the Origin header exactly (no trailing slash).
 */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const anyPort: string[] = [];
  let any = false;
  for (const p of patterns) {
    if (p === '*') any = true;
    else if (p.endsWith(':*')) anyPort.push(p.slice(0, -2).toLowerCase());
    else exact.add(p.replace(/\/+$/, '').toLowerCase());
  }
  return (origin) => {
    if (any) return true;
    const o = origin.toLowerCase();
    if (exact.has(o)) return true;
    return anyPort.some((base) => o === base || (o.startsWith(base + ':') && /^\d{1,5}$/.test(o.slice(base.length + 1))));
  };
}

/** Headers every response carries (CORP lets COEP require-corp pages load it). */
export function baseHeaders(res: ServerResponse): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * Add CORS headers for an allowed Origin. With `*` configured the answer is `*` (no credentials);
 * otherwise the origin is echoed with `Vary: Origin`. Returns whether the origin is allowed
 * (true when there is no Origin header: not a cross-origin browser request).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: (o: string) => boolean, wildcard: boolean): boolean {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (!allowed(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', wildcard ? '*' : origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  // Lets Resource Timing entries in the page see the Server-Timing values too.
  res.setHeader('Timing-Allow-Origin', wildcard ? '*' : origin);
  return true;
}

/** Answer an OPTIONS preflight (the caller has already applied CORS for the origin). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
  const asked = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', typeof asked === 'string' && asked.trim() !== '' ? asked : ALLOW_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access asks before a public page calls a loopback server.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.setHeader('Allow', ALLOW_METHODS);
  res.statusCode = 204;
  res.end();
}
