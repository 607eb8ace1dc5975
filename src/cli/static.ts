// The one static file server for the built app (dist/): `npm start`, the CLI's browser runtime,
// the benchmarks and the e2e tests. It sends COOP/COEP so the page is cross-origin isolated (wasm
// threads) — or, with `plain`, only content types, like a static host that cannot send headers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ISOLATION_HEADERS } from '../lib/http/isolation.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8', '.jsonl': 'application/x-ndjson', '.parquet': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

export interface StaticServer {
  url: string;
  server: Server;
  /** Serve one extra local file under a fixed URL path (the CLI hands model files to the page). */
  mount(urlPath: string, filePath: string): void;
  close(): Promise<void>;
}

export interface StaticOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Send only Content-Type and Content-Length: no isolation or caching headers, as GitHub Pages and
   * most static hosts do (the e2e tests check the service worker supplies isolation there).
   */
  plain?: boolean;
  /** Tried before the files (the collector in npm start); resolves false to fall through. */
  handler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Serve HTTPS with this key and certificate (PEM): npm start -- --lan. */
  tls?: { key: string; cert: string };
}

/** Serve `root` (port 0 picks a free one). Paths outside root are refused. */
export async function serveStatic(root: string, options: StaticOptions | number = {}): Promise<StaticServer> {
  const { port = 0, host = '127.0.0.1', plain = false, handler, tls } = typeof options === 'number' ? { port: options } as StaticOptions : options;
  const extra: Record<string, string> = plain ? {} : { ...ISOLATION_HEADERS };
  // The real root: a root reached through a symlink still bounds what is served.
  const base = realpathSafe(resolve(root)) ?? resolve(root);
  const mounts = new Map<string, string>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!handler) return files(req, res);
    handler(req, res).then((done) => done || files(req, res), (e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`internal error: ${e.message}`);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createServer(onRequest);
  function files(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    let file = mounts.get(path);
    if (!file) {
      file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
    }
    let st = statSafe(file);
    if (st?.isDirectory()) {
      file = join(file, 'index.html');
      st = statSafe(file);
    }
    // A symlink inside the root may point anywhere: what is served is the real file, and it must
    // be inside the real root too (mounted files are exempt: the CLI names them itself).
    if (st?.isFile() && !mounts.has(path)) {
      const real = realpathSafe(file);
      if (real === undefined || (real !== base && !real.startsWith(base + sep))) {
        res.writeHead(403, { 'Content-Type': 'text/plain', ...extra }).end('forbidden');
        return;
      }
    }
    if (!st?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...extra }).end('not found');
      return;
    }
    const hashed = /\/assets\//.test(path);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': st.size,
      ...(plain ? {} : { 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' }),
      ...extra,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const addr = server.address() as AddressInfo;
  // Always advertise "localhost": it is a secure context, which WebGPU and crypto.subtle need.
  const url = `${tls ? 'https' : 'http'}://localhost:${addr.port}`;
  return {
    url,
    server,
    mount: (urlPath, filePath) => mounts.set(urlPath, resolve(filePath)),
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

function realpathSafe(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
