// The collector's HTTP routes under /collector/v1, mountable in the OIP server and the app server:
// POST results (schema-validated, size-capped, rate-limited; all or nothing), GET list (JSON/CSV), DELETE one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEVICE_RESULT_SCHEMA } from '../../lib/devices/result.ts';
import { DeviceResultError, validateDeviceResult } from '../../lib/devices/validate.ts';
import { devicesCsv } from '../../lib/devices/rows.ts';
import { RateLimiter, type RateOptions } from './rate.ts';
import { ResultStore } from './store.ts';
import { SCHEMA_VERSION } from './migrations.ts';

export const COLLECTOR_PREFIX = '/collector/v1';

export interface CollectorOptions {
  /** DuckDB file ('.edgeprobe/collector.duckdb' in npm start), or ':memory:'. */
  file: string;
  /** Largest accepted POST body, bytes. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Most results in one POST. Default 64. */
  maxResults?: number;
  /** Per-client rate. Default 120 per minute, burst 60. */
  rate?: RateOptions;
}

export interface Collector {
  file: string;
  store: ResultStore;
  /** Answer the request when its path is under /collector/v1; false (untouched) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

class IntakeError extends Error {
  override name = 'IntakeError';
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** Read the body up to `max` bytes; larger → 413 before reading on (the connection is closed). */
async function readCapped(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw new IntakeError(400, `the body is ${declared} bytes; at most ${max} are accepted`, { Connection: 'close' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new IntakeError(400, `the body is over ${max} bytes; at most ${max} are accepted`, { Connection: 'close' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Open the store and build the handler. */
export async function createCollector(opts: CollectorOptions): Promise<Collector> {
  const store = await ResultStore.open(opts.file);
  const maxBody = opts.maxBodyBytes ?? 256 * 1024;
  const maxResults = opts.maxResults ?? 64;
  const limiter = new RateLimiter(opts.rate ?? { perMinute: 120, burst: 60 });

  async function accept(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // text/plain is what a no-preflight browser POST sends; the body is parsed as JSON all the same.
    if (type !== 'application/json' && type !== 'text/plain') throw new IntakeError(415, `Content-Type ${type || '(none)'} is not accepted: send application/json`);
    const text = await readCapped(req, maxBody);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new IntakeError(400, `the body is not JSON: ${(e as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length === 0) throw new IntakeError(400, 'no result in the body');
    if (list.length > maxResults) throw new IntakeError(400, `${list.length} results in one request; at most ${maxResults}`);
    const clean = list.map((r, i) => {
      try {
        return validateDeviceResult(r);
      } catch (e) {
        if (e instanceof DeviceResultError) throw new IntakeError(400, `${list.length > 1 ? `result ${i}: ` : ''}${e.message} (schema ${DEVICE_RESULT_SCHEMA}); nothing was stored`);
        throw e;
      }
    });
    const wait = limiter.take(req.socket.remoteAddress ?? 'unknown', clean.length);
    if (wait > 0) throw new IntakeError(429, `too many results from this address; try again in ${wait} s`, { 'Retry-After': String(wait) });
    const ids = await store.insert(clean);
    send(res, 201, { ids });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://collector');
    if (url.pathname !== COLLECTOR_PREFIX && !url.pathname.startsWith(`${COLLECTOR_PREFIX}/`)) return false;
    const path = url.pathname.slice(COLLECTOR_PREFIX.length);
    const method = req.method ?? 'GET';
    try {
      if (method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
        res.statusCode = 204;
        res.end();
      } else if (path === '' || path === '/') {
        if (method !== 'GET' && method !== 'HEAD') throw new IntakeError(405, `${method} is not allowed on ${url.pathname}; use GET`, { Allow: 'GET, HEAD' });
        send(res, 200, { collector: 'edgeprobe', schema: DEVICE_RESULT_SCHEMA, databaseVersion: SCHEMA_VERSION, results: await store.count() });
      } else if (path === '/results') {
        if (method === 'POST') await accept(req, res);
        else if (method === 'GET' || method === 'HEAD') {
          const model = url.searchParams.get('model') ?? undefined;
          const results = await store.list({ model });
          if (url.searchParams.get('format') === 'csv') send(res, 200, devicesCsv(results), {}, 'text/csv; charset=utf-8');
          else send(res, 200, { schema: DEVICE_RESULT_SCHEMA, results });
        } else throw new IntakeError(405, `${method} is not allowed on ${url.pathname}; use GET or POST`, { Allow: 'GET, HEAD, POST' });
      } else if (/^\/results\/\d+$/.test(path)) {
        if (method !== 'DELETE') throw new IntakeError(405, `${method} is not allowed on ${url.pathname}; use DELETE`, { Allow: 'DELETE' });
        const id = Number(path.slice('/results/'.length));
        if (!(await store.remove(id))) throw new IntakeError(404, `no result with id ${id}`);
        send(res, 200, { deleted: id });
      } else {
        throw new IntakeError(404, `no collector route ${url.pathname}; routes: ${COLLECTOR_PREFIX}, ${COLLECTOR_PREFIX}/results, ${COLLECTOR_PREFIX}/results/ID`);
      }
    } catch (e) {
      if (!(e instanceof IntakeError)) throw e;
      if (!req.complete) req.resume();
      send(res, e.status, { error: e.message }, e.headers);
    }
    return true;
  }

  return { file: opts.file, store, handle, close: () => store.close() };
}
