// The baseline server: Open Inference Protocol v2 (KServe v2 REST) over onnxruntime-node, on
// Node's http module. Every failure is answered `{"error": "..."}` and the process keeps serving.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { ClientGoneError, readBody } from './body.ts';
import { answerPreflight, applyCors, baseHeaders, DEFAULT_CORS, originMatcher } from './cors.ts';
import { HttpError } from './errors.ts';
import { encodeInferResponse, runModel } from './infer.ts';
import { Limiter, QueueFullError } from './limiter.ts';
import { loadModels, type LoadedModel } from './models.ts';
import { decodeInferRequest } from './request.ts';
import { parseRoute, type Route } from './routes.ts';
import { createCollector, type Collector } from './collector/intake.ts';
import { routeToCollector } from './collector/mount.ts';

/** Server name and version reported by `GET /v2`. */
export const SERVER_NAME = 'edgeprobe';
export const SERVER_VERSION = '0.1.0';
export const SERVER_EXTENSIONS = ['binary_tensor_data'];

export interface ServerOptions {
  /** Model files (`path.onnx`, or `NAME=path.onnx`); the name is the file name without `.onnx`. */
  models: string[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Allowed browser origins: exact origins, `scheme://host:*`, or `*`. Default DEFAULT_CORS. */
  cors?: string[];
  /** Largest accepted request body, bytes. Default 32 MiB. */
  maxBodyBytes?: number;
  /** Worker threads running inferences, i.e. inferences at once. Default min(4, cores). */
  workers?: number;
  /** onnxruntime intra-op threads per session. Default max(1, floor(cores / workers)). */
  intraOpThreads?: number;
  /** Inferences waiting for a slot before new ones get 503. Default 64. */
  maxQueue?: number;
  /** Where server-side failures (500s) are logged. Default console.error. */
  log?: (line: string) => void;
  /** Keep device results in this DuckDB file and serve the collector under /collector/v1. */
  collect?: string;
  /** Serve HTTPS with this key and certificate (PEM), e.g. from ensureCertificate for the LAN. */
  tls?: { key: string; cert: string };
}

/** A running server. `close()` stops accepting, ends open connections and frees the sessions. */
export interface RunningServer {
  url: string;
  /** The models served, in command-line order, with their declared inputs and outputs. */
  models: Array<Pick<LoadedModel, 'name' | 'path' | 'sha256' | 'inputs' | 'outputs'>>;
  /** The result collector, when started with `collect`. */
  collector?: Collector;
  close(): Promise<void>;
}

/** Unread request bodies up to this size are drained (keep-alive); larger ones close the connection. */
const DRAIN_LIMIT = 1024 * 1024;

const JSON_TYPES = /^(application\/json|application\/[\w.+-]+\+json|text\/plain|application\/x-www-form-urlencoded)$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function modelMetadata(m: LoadedModel): unknown {
  const tensor = (s: LoadedModel['inputs'][number]) => ({ name: s.name, datatype: s.datatype, shape: s.shape });
  return { name: m.name, versions: [m.version], platform: 'onnx', inputs: m.inputs.map(tensor), outputs: m.outputs.map(tensor) };
}

function ms(from: bigint, to: bigint): string {
  return (Number(to - from) / 1e6).toFixed(3);
}

/**
 * Load the models (one onnxruntime-node session each, created now) and listen.
 * @throws ModelLoadError when a model cannot be loaded; the listen error when the port is taken.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const cores = availableParallelism();
  const workers = Math.max(1, Math.floor(opts.workers ?? Math.min(4, cores)));
  const intraOpThreads = Math.max(1, Math.floor(opts.intraOpThreads ?? cores / workers));
  const { models, pool } = await loadModels(opts.models, { workers, intraOpThreads });
  const maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  const limiter = new Limiter(workers, opts.maxQueue ?? 64);
  const corsList = opts.cors && opts.cors.length > 0 ? opts.cors : DEFAULT_CORS;
  const allowed = originMatcher(corsList);
  const wildcard = corsList.includes('*');
  const log = opts.log ?? ((line: string) => console.error(line));
  let ready = true;
  let collector: Collector | undefined;
  try {
    collector = opts.collect ? await createCollector({ file: opts.collect }) : undefined;
  } catch (e) {
    await pool.close();
    throw e;
  }

  function findModel(route: { model: string; version?: string }): LoadedModel {
    const m = models.get(route.model);
    if (m === undefined) throw new HttpError(404, `unknown model "${route.model}"; served models: ${[...models.keys()].join(', ')}`);
    if (route.version !== undefined && route.version !== m.version) {
      throw new HttpError(404, `model "${m.name}" has no version "${route.version}"; versions: ${m.version}`);
    }
    return m;
  }

  async function infer(req: IncomingMessage, res: ServerResponse, model: LoadedModel): Promise<void> {
    const t0 = process.hrtime.bigint();
    let ticket: ReturnType<Limiter['admit']>;
    try {
      ticket = limiter.admit();
    } catch (e) {
      if (e instanceof QueueFullError) throw new HttpError(503, e.message, { 'Retry-After': '1' });
      throw e;
    }
    try {
      const headerValue = req.headers['inference-header-content-length'];
      const headerLength = headerValue === undefined ? undefined : Number(headerValue);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const binaryOk = headerLength !== undefined && type === 'application/octet-stream';
      if (type !== '' && !JSON_TYPES.test(type) && !binaryOk) {
        throw new HttpError(415, `Content-Type ${type} is not accepted: send application/json (or application/octet-stream with Inference-Header-Content-Length)`);
      }
      if (req.headers['content-encoding'] !== undefined && req.headers['content-encoding'] !== 'identity') {
        throw new HttpError(415, `Content-Encoding ${req.headers['content-encoding']} is not supported: send the body uncompressed`);
      }
      const body = await readBody(req, maxBody);
      const parsed = decodeInferRequest(body, headerLength, model);
      const t1 = process.hrtime.bigint();
      let tq = t1;
      const result = await ticket.run(async () => {
        tq = process.hrtime.bigint();
        // A client that gave up while queued (timeout, closed socket) is not worth a run.
        if (req.socket.destroyed) throw new ClientGoneError('client left while the request was queued');
        return runModel(pool, model, parsed);
      });
      const tc = process.hrtime.bigint();
      const encoded = encodeInferResponse(model, parsed, result.outputs);
      // compute is onnxruntime's run inside the worker; the rest of the slot time (tensor copies
      // to and from the worker thread) is reported as transfer.
      const transfer = Math.max(0, Number(tc - tq) / 1e6 - result.ms);
      const headers: Record<string, string> = {
        'Server-Timing': `parse;dur=${ms(t0, t1)}, queue;dur=${ms(t1, tq)}, transfer;dur=${transfer.toFixed(3)}, compute;dur=${result.ms.toFixed(3)}`,
      };
      if (encoded.headerLength !== undefined) headers['Inference-Header-Content-Length'] = String(encoded.headerLength);
      res.statusCode = 200;
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('Content-Type', encoded.contentType);
      res.setHeader('Content-Length', encoded.body.length);
      res.end(encoded.body);
    } finally {
      ticket.release();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    const originOk = applyCors(req, res, allowed, wildcard);
    const method = req.method ?? 'GET';
    if (collector && (await routeToCollector(collector, req, res, originOk))) return;
    const route: Route = parseRoute(req.url ?? '/');
    if (method === 'OPTIONS') {
      if (!originOk) throw new HttpError(403, `origin ${req.headers.origin} is not allowed; start the server with --cors ${req.headers.origin}`);
      answerPreflight(req, res);
      return;
    }
    const allowedMethods = route.kind === 'infer' ? ['POST'] : ['GET', 'HEAD'];
    if (!allowedMethods.includes(method)) {
      throw new HttpError(405, `${method} is not allowed on ${req.url}; use ${allowedMethods.join(' or ')}`, {
        Allow: [...allowedMethods, 'OPTIONS'].join(', '),
      });
    }
    switch (route.kind) {
      case 'server':
        return send(res, 200, { name: SERVER_NAME, version: SERVER_VERSION, extensions: SERVER_EXTENSIONS });
      case 'live':
        return send(res, 200, { live: true });
      case 'ready':
        return ready ? send(res, 200, { ready: true }) : send(res, 503, { ready: false });
      case 'model':
        return send(res, 200, modelMetadata(findModel(route)));
      case 'modelReady': {
        const m = findModel(route);
        return ready ? send(res, 200, { name: m.name, ready: true }) : send(res, 503, { name: m.name, ready: false });
      }
      case 'infer':
        return infer(req, res, findModel(route));
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ClientGoneError) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) {
        if (e.status >= 500 && e.status !== 503) log(`edgeprobe serve: ${req.method} ${req.url} -> ${e.status}: ${e.message}`);
        // Node drains an unread body to keep the connection: fine for small ones (a refused request
        // under load), but a large or unsized body (413) is not read: the connection is closed.
        const small = Number(req.headers['content-length']) <= DRAIN_LIMIT;
        const headers = !req.complete && !small ? { ...e.headers, Connection: 'close' } : e.headers;
        return send(res, e.status, { error: e.message }, headers);
      }
      log(`edgeprobe serve: ${req.method} ${req.url} -> 500: ${(e as Error)?.stack ?? String(e)}`);
      send(res, 500, { error: `internal server error: ${(e as Error)?.message ?? String(e)}` });
    });
  };
  const server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest) : createServer(onRequest);
  // Bounds for slow or stuck clients, so they cannot hold sockets forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const text = JSON.stringify({ error: `malformed HTTP request: ${err.message}` });
    socket.end(`HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8000, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${addr.port}`,
    models: [...models.values()].map(({ name, path, sha256, inputs, outputs }) => ({ name, path, sha256, inputs, outputs })),
    collector,
    async close() {
      ready = false;
      // Stop accepting; requests already admitted finish (for up to 2 s), then the workers stop.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      await pool.close();
      await collector?.close();
    },
  };
}
