// HTTP for baseline clients over the standard fetch (Node 20+ and browsers): time limits, cancel,
// and every failure (refused, CORS, timeout, HTTP error, bad JSON) turned into a BaselineError.
import { firstInvalid } from '../text/utf8.ts';
import { BaselineError } from './errors.ts';
import { sanitizeText } from '../text/sanitize.ts';

/** How to reach a baseline: time limit per request, a cancel signal, and (for tests) a fetch. */
export interface HttpOptions {
  /** Per-request limit in ms, body included. Default 10 000. */
  timeoutMs?: number;
  /** Aborting it cancels the request (BaselineError kind 'cancelled'). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** A JSON answer and how long the request took (ms, from send to the full body). */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Headers;
  roundTripMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function errnoOf(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } } | null)?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

function pageOrigin(): string | undefined {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return typeof loc?.origin === 'string' && loc.origin !== 'null' ? loc.origin : undefined;
}

/** The hint for a page that cannot reach a cross-origin server. */
export function corsHint(origin: string): string {
  return `start the server with \`edgeprobe serve MODEL --cors ${origin}\` (another server: allow the origin ${origin} in its CORS settings and send Cross-Origin-Resource-Policy: cross-origin, which this cross-origin-isolated page needs)`;
}

/**
 * A page sees only "Failed to fetch" for both a dead server and a CORS refusal. A no-cors probe
 * tells them apart when the server sends CORP: an opaque answer means it is up (so CORS blocked us).
 */
async function probeNoCors(url: string, doFetch: typeof fetch): Promise<boolean> {
  try {
    await doFetch(url, { method: 'GET', mode: 'no-cors', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function networkError(e: unknown, method: string, url: string, doFetch: typeof fetch, timeoutMs: number, signal?: AbortSignal): Promise<BaselineError> {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || (name === 'AbortError' && !signal?.aborted)) {
    return new BaselineError('timeout', `${method} ${url} timed out: no complete answer within ${timeoutMs} ms; is the server overloaded or stuck? (raise the time limit if the model is slow)`, { url });
  }
  if (name === 'AbortError' || signal?.aborted) return new BaselineError('cancelled', `${method} ${url} was cancelled`, { url });
  const code = errnoOf(e);
  if (code === 'ECONNREFUSED') {
    return new BaselineError('unreachable', `connection refused by ${new URL(url).host}: no server is listening there (is it started? \`edgeprobe serve MODEL\` or \`npm start\`)`, { url });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new BaselineError('unreachable', `host ${new URL(url).hostname} not found (DNS): check the baseline URL`, { url });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new BaselineError('unreachable', `${new URL(url).host} closed the connection during ${method} ${url} (the server went down or crashed)`, { url });
  }
  if (code !== undefined) return new BaselineError('unreachable', `could not reach ${url}: ${code}`, { url });
  const origin = pageOrigin();
  if (e instanceof TypeError && origin !== undefined) {
    const target = new URL(url);
    if (target.origin !== origin) {
      const up = await probeNoCors(target.origin + '/', doFetch);
      return up
        ? new BaselineError('cors', `${target.origin} answers but blocked this page (origin ${origin}) by CORS: ${corsHint(origin)}`, { url })
        : new BaselineError('unreachable', `could not reach ${target.origin} from this page: the server is likely down (is it started? \`npm start\` or \`edgeprobe serve MODEL\`), or it is up and blocks this page by CORS; then ${corsHint(origin)}`, { url });
    }
    return new BaselineError('unreachable', `could not reach ${url}: the server is down or the network failed`, { url });
  }
  return new BaselineError('unreachable', `could not reach ${url}: ${(e as Error)?.message ?? String(e)}`, { url });
}

function snippet(text: string): string {
  // A server's bytes go into messages shown in terminals and logs: control text never passes.
  const t = sanitizeText(text.replace(/\s+/g, ' ').trim(), { oneLine: true });
  return t.length > 160 ? `${t.slice(0, 160)}…` : t || '(empty body)';
}

/** The server's own message from an error body: `{"error": "..."}` per the protocols, else text. */
export function serverMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const m = j?.error ?? j?.message ?? j?.detail;
    if (typeof m === 'string') return sanitizeText(m, { oneLine: true });
    if (m !== undefined) return sanitizeText(JSON.stringify(m), { oneLine: true });
  } catch {
    // not JSON: quote the text
  }
  return snippet(text);
}

/**
 * Send a request and read the whole answer as text. Resolves for any HTTP status (callers decide);
 * network failures, time limit and cancel reject with a BaselineError.
 */
export async function requestText(method: string, url: string, body: string | undefined, opts: HttpOptions = {}): Promise<{ status: number; text: string; headers: Headers; roundTripMs: number }> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  if (opts.signal?.aborted) throw new BaselineError('cancelled', `${method} ${url} was cancelled`, { url });
  const t0 = performance.now();
  let res: Response;
  try {
    res = await doFetch(url, {
      method,
      body,
      signal,
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
  } catch (e) {
    throw await networkError(timeout.aborted ? timeout.reason : e, method, url, doFetch, timeoutMs, opts.signal);
  }
  try {
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = decodeAnswer(bytes, method, url);
    return { status: res.status, text, headers: res.headers, roundTripMs: performance.now() - t0 };
  } catch (e) {
    if (e instanceof BaselineError) throw e;
    const name = (e as { name?: string } | null)?.name;
    if (timeout.aborted || opts.signal?.aborted || name === 'AbortError' || name === 'TimeoutError') {
      throw await networkError(timeout.aborted ? timeout.reason : e, method, url, doFetch, timeoutMs, opts.signal);
    }
    // The headers came, so the server is up and CORS let us read: the body was cut off.
    throw new BaselineError('unreachable', `${new URL(url).host} closed the connection mid-response during ${method} ${url} (HTTP ${res.status} headers arrived, the body did not end): the server crashed, was stopped, or a proxy cut the answer`, { url });
  }
}

/**
 * An answer's bytes as text. Invalid UTF-8 (e.g. a BYTES output that is not text) is refused with a
 * BaselineError 'invalid-utf8' naming the offset: replacing it with U+FFFD would hide the difference.
 */
export function decodeAnswer(bytes: Uint8Array, method: string, url: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BaselineError('invalid-utf8', `the answer to ${method} ${url} is not valid UTF-8 (first invalid byte at offset ${firstInvalid(bytes)} of ${bytes.length}): a BYTES tensor or message that is not text cannot be compared`, { url });
  }
}

/** Parse a body as JSON, or a BaselineError 'invalid-json' quoting the start of it. */
export function parseJsonBody(text: string, what: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BaselineError('invalid-json', `${what} from ${url} is not valid JSON (${(e as Error).message}); it starts: ${snippet(text)}`, { url });
  }
}

/**
 * A request whose answer must be 2xx JSON. A 4xx/5xx becomes BaselineError 'http' with the
 * server's own message (`{"error": "..."}`); a 404 says the path or model is unknown.
 */
export async function requestJson(method: string, url: string, body: unknown, what: string, opts: HttpOptions = {}): Promise<JsonAnswer> {
  const r = await requestText(method, url, body === undefined ? undefined : JSON.stringify(body), opts);
  if (r.status < 200 || r.status >= 300) {
    const msg = serverMessage(r.text);
    throw new BaselineError('http', `${what}: ${method} ${url} answered HTTP ${r.status}: ${msg}`, { url, status: r.status, serverMessage: msg });
  }
  return { status: r.status, body: parseJsonBody(r.text, what, url), headers: r.headers, roundTripMs: r.roundTripMs };
}

/** Join a base URL and a path, keeping a base path prefix (`http://h/prefix` + `v2/...`). */
export function joinUrl(base: string, path: string): string {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new BaselineError('unreachable', `"${base}" is not a valid URL; expected e.g. http://127.0.0.1:8000`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new BaselineError('unreachable', `"${base}" is not an http(s) URL; expected e.g. http://127.0.0.1:8000`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
