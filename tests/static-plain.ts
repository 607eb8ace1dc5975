// Test helper: a static host that sends no COOP/COEP (like GitHub Pages), so the e2e tests can see
// the service worker supply them; and a launcher that opens Chromium with the project's flags.
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/browser.ts';

export const root = resolve(import.meta.dirname, '..');
/** The build under test: dist/ unless EDGEPROBE_DIST names another. */
export const distDir = resolve(root, process.env.EDGEPROBE_DIST ?? 'dist');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8', '.jsonl': 'application/x-ndjson',
};

export interface PlainServer { url: string; server: Server; close(): Promise<void> }

/** Serve `dir` with content types only: no isolation headers, no caching headers. */
export async function servePlain(dir = distDir): Promise<PlainServer> {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return void res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const st = statSync(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { url, server, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}

export function launch(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...args] });
}
