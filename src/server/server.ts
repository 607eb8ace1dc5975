// The baseline server: Open Inference Protocol v2 (KServe v2 REST) over onnxruntime-node, on
// Node's http module. Every failure is answered `{"error": "..."}` and the process keeps serving.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { ClientGoneError, DEFAULT_BODY_LIMITS, readBody, type BodyLimits } from './body.ts';
import { ConnectionCap } from './connections.ts';
import { answerPreflight, applyCors, baseHeaders, DEFAULT_CORS, originMatcher } from './cors.ts';
import { HostAllowList } from './host.ts';
import { ServerMetrics } from './metrics.ts';
import { accessLine, type AccessInfo } from './access-log.ts';
import { sanitizeText } from '../lib/text/sanitize.ts';
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
  /** A request body must arrive within this many ms (else 408). Default 30 000. */
  bodyTimeoutMs?: number;
  /** Minimum average upload rate after a 2 s grace period, bytes/s (else 408); 0 disables. Default 65 536. */
  minBodyBytesPerSec?: number;
  /** Open connections one client address may hold; more are answered 429. Default 32. */
  maxConnectionsPerClient?: number;
  /**
   * Host names (or addresses) answered besides loopback and the listen address; `*` answers any
   * Host. LAN serving adds its names here, or later with RunningServer.allowHost().
   */
  allowedHosts?: string[];
  /** Largest model file, bytes. Default 2 GiB (the protobuf limit of a single ONNX file). */
  maxModelBytes?: number;
  /** Per-request access lines through `log`: 'json' (one JSON object a line), 'text', or none. */
  accessLog?: 'json' | 'text';
  /** Worker threads running inferences, i.e. inferences at once. Default min(4, cores). */
  workers?: number;
  /** onnxruntime intra-op threads per session. Default max(1, floor(cores / workers)). */
  intraOpThreads?: number;
  /** Inferences waiting for a slot before new ones get 503. Default 64. */
  maxQueue?: number;
  /** Where server-side failures (500s) and access lines are logged, sanitised. Default console.error. */
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
  models: Array<Pick<LoadedModel, 'name' | 'path' | 'sha256' | 'inputs' | 'outputs' | 'linkedFrom' | 'bytes'>>;
  /** Answer requests whose Host header names `name` too (e.g. a LAN name or address; any port). */
  allowHost(name: string): void;
  /** The Host names answered now. */
  allowedHosts(): string[];
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
  const loadOpts = opts.maxModelBytes === undefined ? { workers, intraOpThreads } : { workers, intraOpThreads, maxModelBytes: opts.maxModelBytes };
  const { models, pool } = await loadModels(opts.models, loadOpts);
  const bodyLimits: BodyLimits = {
    ...DEFAULT_BODY_LIMITS,
    maxBytes: opts.maxBodyBytes ?? DEFAULT_BODY_LIMITS.maxBytes,
    timeoutMs: opts.bodyTimeoutMs ?? DEFAULT_BODY_LIMITS.timeoutMs,
    minBytesPerSec: opts.minBodyBytesPerSec ?? DEFAULT_BODY_LIMITS.minBytesPerSec,
  };
  const limiter = new Limiter(workers, opts.maxQueue ?? 64);
  const corsList = opts.cors && opts.cors.length > 0 ? opts.cors : DEFAULT_CORS;
  const allowed = originMatcher(corsList);
  const wildcard = corsList.includes('*');
  const listenHost = opts.host ?? '127.0.0.1';
  const hosts = new HostAllowList(listenHost, opts.allowedHosts ?? []);
  const rawLog = opts.log ?? ((line: string) => console.error(line));
  // Messages and paths can carry text from clients and model files: one sanitiser before any log.
  const log = (line: string) => rawLog(sanitizeText(line));
  let receiving = 0;
  const metrics = new ServerMetrics({ inFlight: () => limiter.inFlight, queued: () => limiter.queued, receiving: () => receiving });
  let ready = true;
  let collector: Collector | undefined;
  try {
    collector = opts.collect ? await createCollector({ file: opts.collect }) : undefined;
  } catch (e) {
    await pool.close();
    throw e;
  }

  /** The 503 text: what holds the server, told apart (running, queued, uploads still arriving). */
  function busy(): HttpError {
    const up = receiving > 0 ? `; ${receiving} more request${receiving === 1 ? ' is' : 's are'} still receiving ${receiving === 1 ? 'its body' : 'their bodies'} (they hold no queue place)` : '';
    return new HttpError(503, `server busy: ${limiter.inFlight} inference${limiter.inFlight === 1 ? '' : 's'} running and ${limiter.queued} queued (queue limit ${limiter.maxQueue})${up}; retry later`, { 'Retry-After': '1' });
  }

  function loadReport(): Record<string, unknown> {
    return { running: limiter.inFlight, queued: limiter.queued, queue_limit: limiter.maxQueue, receiving };
  }

  function findModel(route: { model: string; version?: string }): LoadedModel {
    const m = models.get(route.model);
    if (m === undefined) throw new HttpError(404, `unknown model "${route.model}"; served models: ${[...models.keys()].join(', ')}`);
    if (route.version !== undefined && route.version !== m.version) {
      throw new HttpError(404, `model "${m.name}" has no version "${route.version}"; versions: ${m.version}`);
    }
    return m;
  }

  async function infer(req: IncomingMessage, res: ServerResponse, model: LoadedModel, info: AccessInfo): Promise<void> {
    const t0 = process.hrtime.bigint();
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
    // Refused before reading when every slot is taken by requests whose bodies have arrived.
    if (limiter.saturated) throw busy();
    // The body is read before a queue place is taken: a slow upload holds only its own connection.
    receiving++;
    let body: Buffer;
    try {
      body = await readBody(req, bodyLimits, (n) => metrics.bodyBytes.inc({ model: model.name }, n));
    } finally {
      receiving--;
    }
    info.bytesIn = body.length;
    const parsed = decodeInferRequest(body, headerLength, model);
    const t1 = process.hrtime.bigint();
    let ticket: ReturnType<Limiter['admit']>;
    try {
      ticket = limiter.admit();
    } catch (e) {
      if (e instanceof QueueFullError) throw busy();
      throw e;
    }
    try {
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
      info.queueMs = Number(tq - t1) / 1e6;
      info.computeMs = result.ms;
      metrics.queueSeconds.observe({ model: model.name }, info.queueMs / 1000);
      metrics.computeSeconds.observe({ model: model.name }, result.ms / 1000);
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

  async function handle(req: IncomingMessage, res: ServerResponse, info: AccessInfo): Promise<void> {
    baseHeaders(res);
    if (cap.isOver(req.socket)) {
      throw new HttpError(429, `too many connections from ${req.socket.remoteAddress}: the limit is ${cap.max} per client (--max-client-connections)`, { Connection: 'close', 'Retry-After': '1' });
    }
    // DNS rebinding: a page on rebind.evil.example resolved to this machine sends that name as Host.
    if (!hosts.allows(req.headers.host)) {
      throw new HttpError(421, `Host ${JSON.stringify(req.headers.host)} is not a name this server answers to (${hosts.list().join(', ')}); add it with --allow-host`);
    }
    const originOk = applyCors(req, res, allowed, wildcard);
    const method = req.method ?? 'GET';
    // Every request, not only preflights: a "simple" cross-origin POST (text/plain) skips the preflight.
    if (!originOk) throw new HttpError(403, `origin ${req.headers.origin} is not allowed; start the server with --cors ${req.headers.origin}`);
    if (collector && (await routeToCollector(collector, req, res, originOk))) return;
    const route: Route = parseRoute(req.url ?? '/');
    if (method === 'OPTIONS') {
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
        if (!ready) return send(res, 503, { ready: false, reason: 'shutting down' });
        // Saturated means a new inference would be refused now: not ready for more traffic.
        if (limiter.saturated) return send(res, 503, { ready: false, saturated: true, reason: busy().message, ...loadReport() }, { 'Retry-After': '1' });
        return send(res, 200, { ready: true, saturated: false, ...loadReport() });
      case 'metrics': {
        const m = await metrics.text();
        res.statusCode = 200;
        res.setHeader('Content-Type', m.contentType);
        res.setHeader('Content-Length', Buffer.byteLength(m.body));
        res.end(method === 'HEAD' ? undefined : m.body);
        return;
      }
      case 'model':
        return send(res, 200, modelMetadata(findModel(route)));
      case 'modelReady': {
        const m = findModel(route);
        return ready ? send(res, 200, { name: m.name, ready: true }) : send(res, 503, { name: m.name, ready: false });
      }
      case 'infer': {
        const m = findModel(route);
        info.model = m.name;
        return infer(req, res, m, info);
      }
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const info: AccessInfo = { start: process.hrtime.bigint(), bytesIn: 0 };
    res.once('close', () => {
      const totalMs = Number(process.hrtime.bigint() - info.start) / 1e6;
      if (info.model !== undefined) {
        metrics.requests.inc({ model: info.model, status: String(res.statusCode) });
        metrics.totalSeconds.observe({ model: info.model }, totalMs / 1000);
      }
      if (opts.accessLog) log(accessLine(opts.accessLog, req, res, info, totalMs));
    });
    handle(req, res, info).catch((e: unknown) => {
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
  // An https.Server is an http.Server for everything below (timeouts, clientError, listen).
  const server: Server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest) : createServer(onRequest);
  const cap = new ConnectionCap(server, opts.maxConnectionsPerClient ?? 32);
  // Bounds for slow or stuck clients, so they cannot hold sockets forever (the body has its own
  // deadline and minimum rate in readBody; this is the backstop).
  server.headersTimeout = 20_000;
  server.requestTimeout = bodyLimits.timeoutMs + 30_000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const text = JSON.stringify({ error: `malformed HTTP request: ${err.message}` });
    socket.end(`HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8000, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${addr.port}`,
    models: [...models.values()].map(({ name, path, sha256, inputs, outputs, linkedFrom, bytes }) => ({ name, path, sha256, inputs, outputs, linkedFrom, bytes })),
    allowHost: (name) => hosts.add(name),
    allowedHosts: () => hosts.list(),
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
