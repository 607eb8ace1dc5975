// Shared e2e plumbing: serve the built app (COOP/COEP) on a free port and open it in Debian's
// Chromium through playwright-core; page errors are collected so tests can assert there were none.
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';

export const root = resolve(import.meta.dirname, '../..');
export const fixture = (p: string) => resolve(root, p);

export interface AppSession {
  server: StaticServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  url: string;
  pageErrors: string[];
  close(): Promise<void>;
}

/** Serve dist/ and open `hash` (e.g. '#/model') in a fresh browser context. */
export async function openApp(hash = '', opts: { viewport?: { width: number; height: number }; args?: string[] } = {}): Promise<AppSession> {
  const server = await serveStatic(resolve(root, 'dist'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...(opts.args ?? [])] });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/${hash}`);
  return {
    server, browser, context, page, url: server.url, pageErrors,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Load a bundled demo from the model screen and wait for its card. */
export async function loadDemo(page: Page, id: string): Promise<void> {
  await page.click(`[data-demo=${id}]`);
  // The demo's button turns active once the model is read, inspected and its session created.
  await page.waitForSelector(`[data-demo=${id}].active`, { timeout: 60_000 });
  await page.waitForSelector('[data-testid=model-card]', { timeout: 60_000 });
}
