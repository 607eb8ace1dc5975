// Shared benchmark links end to end: a desktop browser context and an emulated phone open the link,
// press Run, and both results reach the collector (DuckDB file), `edgeprobe devices --json` and the
// Devices view — still there after the server restarts. A collector that is down: the result is kept
// on the device and sent later. A link to a model on another origin is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, devices as playwrightDevices, type Browser, type BrowserContext } from 'playwright-core';
import { serveStatic, type StaticServer } from '../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/browser.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { shareUrl, type ShareSpec } from '../src/lib/devices/share-link.ts';
import type { StoredDeviceResult } from '../src/lib/devices/result.ts';
import { root } from './setup/app.ts';
import { runCli } from '../src/cli/cli-process.testing.ts';

const model = resolve(root, 'public/models/digits.onnx');
let dir = '';
let file = '';
let app: StaticServer;
let server: RunningServer;
let browser: Browser;

const spec = (collector: string, over: Partial<ShareSpec> = {}): ShareSpec => ({
  model: 'models/digits.onnx', name: 'digits', shapes: { image: [1, 1, 28, 28] }, quick: true, backends: ['wasm'], threads: [1],
  collector, budget: { metric: 'p90', ms: 1000 }, id: 'e2e', ...over,
});

const cli = runCli;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Open the link in a context, press Run, wait until the result was sent or kept. */
async function runLink(context: BrowserContext, link: string): Promise<{ kind: string | null; text: string; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await page.waitForSelector('[data-testid=run-model]', { timeout: 60_000 });
  expect(await page.textContent('[data-testid=run-estimate]')).toMatch(/roughly \d+ s/);
  await page.click('[data-testid=run-button]');
  // The delivery line, or an error box (then the test fails at once with its text).
  const delivery = await page.waitForSelector('[data-testid=run-delivery], .run .error', { timeout: 110_000 });
  const out = { kind: await delivery.getAttribute('data-kind'), text: (await delivery.textContent()) ?? '', errors };
  await page.close();
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ep-devices-'));
  file = join(dir, 'collector.duckdb');
  app = await serveStatic(resolve(root, 'dist'));
  server = await startServer({ models: [model], port: 0, workers: 1, collect: file });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shared benchmark links and the collector', () => {
  it('a desktop and an emulated phone run the link; both results are in devices --json and the Devices view, also after a restart', async () => {
    const link = shareUrl(`${app.url}/`, spec(server.url));
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const phone = await browser.newContext({ ...playwrightDevices['Pixel 5'] });
    const a = await runLink(desktop, link);
    const b = await runLink(phone, link);
    expect(a, a.text).toMatchObject({ kind: 'sent', errors: [] });
    expect(b, b.text).toMatchObject({ kind: 'sent', errors: [] });

    const listed = async (url: string) => {
      const r = await cli(['devices', '--collector', url, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { results: StoredDeviceResult[] }).results;
    };
    const results = await listed(server.url);
    expect(results).toHaveLength(2);
    expect(results.filter((r) => /Android/.test(r.device.userAgent))).toHaveLength(1);
    expect(results.filter((r) => !/Android/.test(r.device.userAgent))).toHaveLength(1);
    for (const r of results) {
      expect(r.model.name).toBe('digits');
      expect(r.shapes).toEqual({ image: [1, 1, 28, 28] });
      expect(r.stats.p50).toBeGreaterThan(0);
      expect(r.stats.p50).toBeLessThanOrEqual(r.stats.p99);
      expect(r.link).toBe('e2e');
      expect(r.budget?.metric).toBe('p90');
    }

    // The Devices view, on the phone (390 px wide), lists both rows.
    const page = await phone.newPage();
    await page.goto(`${app.url}/#/devices`);
    await page.fill('[data-testid=devices-collector]', server.url);
    await page.click('[data-testid=devices-refresh]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=devices-row]').length === 2, null, { timeout: 30_000 });
    expect(await page.textContent('[data-testid=devices-table]')).toMatch(/Android/);
    expect(await page.textContent('[data-testid=devices-budget]')).toMatch(/of 2/);

    // Restart the server on the same file: the results are still there.
    await server.close();
    server = await startServer({ models: [model], port: 0, workers: 1, collect: file });
    const again = await listed(server.url);
    expect(again.map((r) => r.id)).toEqual(results.map((r) => r.id));
    await page.fill('[data-testid=devices-collector]', server.url);
    await page.click('[data-testid=devices-refresh]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=devices-row]').length === 2, null, { timeout: 30_000 });

    // Compare → Load: a sweep of the same server by edgeprobe load, beside the device figures.
    const loadJson = join(dir, 'load.json');
    const swept = await cli(['load', '--baseline', server.url, '--baseline-model', 'digits', '--concurrency', '1,2', '--duration', '0.5', '--warmup', '0.2', '--json', loadJson]);
    expect(swept.code).toBe(0);
    await page.goto(`${app.url}/#/compare`);
    await page.setInputFiles('[data-testid=load-file]', loadJson);
    const sentence = await page.waitForSelector('[data-testid=load-sentence]', { timeout: 30_000 });
    expect(await sentence.textContent()).toMatch(/of 2 devices meet the budget on the device; the server meets p90 ≤ 1000 ms (up to \d+ concurrent request|at no tested concurrency)/);
    expect(await page.$$eval('[data-testid=load-table] tbody tr', (rows) => rows.length)).toBe(2);
    await desktop.close();
    await phone.close();
  });

  it('a collector that is down: the device keeps the result, says so, and sends it once the collector is up', async () => {
    const port = await freePort();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(shareUrl(`${app.url}/`, spec(`http://127.0.0.1:${port}`, { id: 'later' })));
    await page.waitForSelector('[data-testid=run-model]', { timeout: 60_000 });
    await page.click('[data-testid=run-button]');
    const delivery = await page.waitForSelector('[data-testid=run-delivery], .run .error', { timeout: 110_000 });
    expect(await delivery.getAttribute('data-kind')).toBe('kept');
    expect(await delivery.textContent()).toMatch(/Kept on this device: the collector at .* cannot be reached/);
    await page.waitForSelector('[data-testid=run-pending]');
    // A shared-link visit keeps only what it used: not the full precache (both onnxruntime builds).
    await page.waitForSelector('[data-testid=offline-status][data-phase=lean]', { timeout: 30_000 });
    const wasmCached = await page.evaluate(async () => {
      let n = 0;
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) if (r.url.endsWith('.wasm')) n++;
      return n;
    });
    expect(wasmCached).toBeLessThanOrEqual(1);
    const late = await startServer({ models: [model], port, workers: 1, collect: join(dir, 'late.duckdb') });
    try {
      await page.click('[data-testid=run-pending] button');
      await page.waitForSelector('[data-testid=run-delivery][data-kind=sent]', { timeout: 30_000 });
      expect(await late.collector!.store.count()).toBe(1);
      expect((await late.collector!.store.list())[0]!.link).toBe('later');
    } finally {
      await context.close();
      await late.close();
    }
  });

  it('refuses a link whose model is on another origin, by name', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(shareUrl(`${app.url}/`, spec(server.url, { model: 'https://models.example.com/evil.onnx' })));
    const box = await page.waitForSelector('[data-testid=run-link-error]', { timeout: 60_000 });
    const text = await box.textContent();
    expect(text).toMatch(/cannot be followed/);
    expect(text).toMatch(/https:\/\/models\.example\.com\/evil\.onnx is on another origin/);
    expect(await page.$('[data-testid=run-button]')).toBeNull();
    await context.close();
  });
});
