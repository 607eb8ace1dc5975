// Offline-first, as a user on a plane sees it: one visit to a static host that sends no COOP/COEP,
// then the network is cut (browser offline and the server stopped) and the page is reloaded.
// The service worker must serve the app, onnxruntime's wasm and the bundled models, and supply the
// isolation headers so wasm threads still run. Offline, a bundled model predicts, is benchmarked,
// and drift is computed on a bundled pair, with the reports exported.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { servePlain, launch, distDir, type PlainServer } from './static-plain.ts';

let server: PlainServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const failed: string[] = [];

beforeAll(async () => {
  server = await servePlain();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const manifest = () => JSON.parse(readFileSync(join(distDir, 'precache-manifest.json'), 'utf8')) as { version: string; totalBytes: number; files: { url: string; bytes: number }[] };

describe('first visit', () => {
  it('precaches the whole build: app chunks, onnxruntime wasm, bundled models and samples', async () => {
    const urls = manifest().files.map((f) => f.url);
    expect(urls).toContain('index.html');
    expect(urls.some((u) => /^assets\/ort-wasm-simd-threaded.*\.wasm$/.test(u))).toBe(true);
    expect(urls.some((u) => /^assets\/ort\.wasm\.bundle.*\.js$/.test(u))).toBe(true);
    expect(urls.some((u) => /^assets\/worker-.*\.js$/.test(u))).toBe(true);
    for (const u of ['models/index.json', 'models/weather.onnx', 'models/digits.onnx', 'samples/index.json', 'samples/weather-2015.csv', 'manifest.webmanifest', 'icons/icon-512.png']) expect(urls).toContain(u);
    expect(urls.some((u) => u.endsWith('.map') || u === 'sw.js')).toBe(false);
  });

  it('saves the app for offline use and becomes cross-origin isolated on a host without COOP/COEP', async () => {
    const res = await page.goto(`${server.url}/#/model`);
    expect(res?.headers()['cross-origin-embedder-policy']).toBeUndefined(); // the host really sends none
    await page.waitForSelector('[data-testid=offline-status][data-phase=ready]', { timeout: 120_000 });
    // The worker claimed the page and reloaded it once; now the headers come from the worker.
    await page.waitForFunction(() => globalThis.crossOriginIsolated === true, undefined, { timeout: 30_000 });
    const threads = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.waitForSelector('header .badge.good:has-text("wasm ×")');
    const badge = await page.textContent('header .badge.good:has-text("wasm ×")');
    expect(badge).toMatch(threads > 1 ? /wasm × [2-9]\d* threads/ : /wasm × 1 thread/);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const pre = keys.find((k) => k.startsWith('edgeprobe-precache-'))!;
      // Besides the build's files the cache keeps its own file list (__edgeprobe/precache-manifest),
      // which the next build reads to copy unchanged files instead of downloading them.
      const entries = (await (await caches.open(pre)).keys()).map((r) => new URL(r.url).pathname);
      return { name: pre, count: entries.filter((p) => !p.includes('/__edgeprobe/')).length, manifest: entries.some((p) => p.endsWith('/__edgeprobe/precache-manifest')) };
    });
    expect(cached.name).toBe(`edgeprobe-precache-${manifest().version}`);
    expect(cached.count).toBe(manifest().files.length);
    expect(cached.manifest).toBe(true);
  });
});

describe('with the network cut', () => {
  it('reloads from the service worker and the weather model predicts', async () => {
    await context.setOffline(true);
    await server.close(); // nothing could answer even if a request got out
    await page.reload();
    await page.waitForSelector('[data-testid=offline-status][data-online=false]');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await page.click('[data-demo=weather]');
    await page.waitForSelector('[data-testid=model-card]', { timeout: 60_000 });
    await page.click('text=Try it');
    const values = { precipitation: '25', temp_max: '9', temp_min: '4', wind: '5', month: '11' };
    for (const [f, v] of Object.entries(values)) await page.fill(`[data-feature=${f}]`, v);
    await page.click('button:has-text("Predict")');
    const top = await page.waitForSelector('[data-output=probabilities] [data-testid=top-class]');
    expect(await top.getAttribute('data-label')).toBe('rain');
    expect(await page.textContent('[data-testid=ran-on]')).toMatch(/wasm · \d+ threads?/);
  });

  it('runs the digits CNN on a held-out image from the precached samples', async () => {
    await page.goto(`${server.url}/#/model`);
    await page.click('[data-demo=digits]');
    await page.waitForSelector('[data-testid=model-card]', { timeout: 60_000 });
    await page.click('text=Try it');
    await page.click('text=Random held-out image');
    await page.waitForSelector('[data-testid=true-label]');
    await page.waitForSelector('[data-testid=top-class]');
  });

  it('benchmarks the weather model offline (quick protocol) and exports the result', async () => {
    await page.goto(`${server.url}/#/model`);
    await page.click('[data-demo=weather]');
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('Seattle'));
    await page.goto(`${server.url}/#/bench`);
    await page.check('input[type=checkbox]:near(:text("quick"))');
    await page.click('button:has-text("Run benchmark")');
    await page.waitForSelector('[data-testid=bench-results]', { timeout: 90_000 });
    expect(await page.textContent('[data-testid=bench-results]')).toMatch(/ms/);
    const download = page.waitForEvent('download');
    await page.click('[data-testid=bench-results] button:has-text("JSON")');
    expect((await download).suggestedFilename()).toMatch(/bench\.json$/);
  });

  it('computes drift on a bundled pair offline and exports the HTML report', async () => {
    await page.goto(`${server.url}/#/drift`);
    const pair = await page.waitForSelector('[data-pair]');
    await pair.click();
    await page.waitForSelector('[data-testid=rows-current]', { timeout: 60_000 });
    if (!(await page.$('[data-testid=drift-summary]'))) await page.click('[data-testid=compute]');
    await page.waitForSelector('[data-testid=drift-summary] [data-testid=verdict]', { timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.click('[data-testid=export-html]');
    expect((await download).suggestedFilename()).toMatch(/\.html$/);
  });

  it('opens every screen of the app offline without errors', async () => {
    const screens = await page.$$eval('nav[aria-label=Screens] a', (as) => as.map((a) => a.getAttribute('href')!));
    expect(screens.length).toBeGreaterThanOrEqual(2);
    for (const href of screens) {
      await page.goto(`${server.url}/${href}`);
      await page.waitForSelector(`nav a[href="${href}"][aria-current=page]`);
      expect(await page.$('[role=alert]'), href).toBeNull();
    }
  });

  it('answers a request for a file it never had with a network error, not a hang', async () => {
    const r = await page.evaluate(() => fetch('/models/not-there.onnx').then((x) => `HTTP ${x.status}`, (e: Error) => e.name));
    expect(r).toBe('TypeError');
  });

  it('had no page errors, and no failed request other than the one above', () => {
    expect(pageErrors).toEqual([]);
    expect(failed.filter((f) => !f.includes('not-there.onnx'))).toEqual([]);
  });
});
