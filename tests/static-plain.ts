// Test helper: a static host that sends no COOP/COEP (like GitHub Pages), so the e2e tests can see
// the service worker supply them (the project's one static server, in plain mode); and a launcher
// that opens Chromium with the project's flags.
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/browser.ts';
import { serveStatic, type StaticServer } from '../src/cli/static.ts';

export const root = resolve(import.meta.dirname, '..');
/** The build under test: dist/ unless EDGEPROBE_DIST names another. */
export const distDir = resolve(root, process.env.EDGEPROBE_DIST ?? 'dist');

export type PlainServer = StaticServer;

/** Serve `dir` with content types only: no isolation headers, no caching headers. */
export function servePlain(dir = distDir): Promise<PlainServer> {
  return serveStatic(dir, { plain: true });
}

export function launch(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...args] });
}
