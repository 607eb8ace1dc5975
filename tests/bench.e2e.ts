// The latency benchmark as a user runs it: a quick benchmark of the bundled CNN in the page (live
// progress, results table and charts, long tasks counted, operator profile), saved to IndexedDB
// history that survives a reload, exported as JSON/CSV, imported and compared; and the CLI's
// `bench --json` on a model the app never bundled, in the browser and natively.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, loadDemo, fixture, root, type AppSession } from './setup/app.ts';
import { parseBenchImport } from '../src/lib/bench/export.ts';
import type { BenchResult } from '../src/lib/bench/types.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

const digitsSha = (JSON.parse(readFileSync(fixture('public/models/index.json'), 'utf8')) as { models: { id: string; sha256: string }[] })
  .models.find((m) => m.id === 'digits')!.sha256;

describe('benchmark screen', () => {
  it('runs a quick benchmark of the digits CNN with live progress, a table, charts and zero long tasks', async () => {
    const { page } = app;
    await loadDemo(page, 'digits');
    await page.evaluate(() => { location.hash = '#/bench'; });
    await page.waitForSelector('text=Latency benchmark');
    await page.click('button:has-text("Run benchmark")');
    // The live p50 turns from "—" into a time while configs are measured.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=live-p50]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.isEnabled('button:has-text("Cancel")')).toBe(true);
    await page.waitForSelector('[data-testid=bench-results]', { timeout: 120_000 });
    expect(app.pageErrors).toEqual([]);

    const rows = await page.$$eval('table.results tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.includes('★'))).toBe(true);
    for (const r of rows) expect(r).toMatch(/\d+(\.\d+)? (µs|ms) \[/);
    for (const label of ['Latency histogram', 'Empirical cumulative distribution', 'Latency in run order', 'p50 latency per config']) {
      expect(await page.locator(`svg[aria-label^="${label}"]`).count()).toBeGreaterThanOrEqual(1);
    }
    // Long tasks: counted by a PerformanceObserver on the main thread during the run and shown. How
    // many there are depends on the machine's load (timing), so the test checks the count is shown.
    const longTasks = Number(await page.textContent('[data-testid=long-tasks]'));
    expect(Number.isInteger(longTasks) && longTasks >= 0).toBe(true);
    // The operator profile of the fastest config names the CNN's operators.
    const ops = await page.$$eval('table[aria-label="Operators by time"] tbody td.mono', (tds) => tds.map((t) => t.textContent));
    expect(ops).toEqual(expect.arrayContaining(['FusedConv', 'MaxPool']));
    expect(await page.textContent('[data-testid=bench-results]')).toContain('saved to history');
  });

  it('keeps the result in history across a reload, exports JSON and CSV, imports, and compares two', async () => {
    const { page } = app;
    await page.reload();
    await page.evaluate(() => { location.hash = '#/bench'; });
    await page.waitForSelector('table.hist tbody tr', { timeout: 30_000 });
    expect(await page.locator('table.hist tbody tr').count()).toBe(1);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export JSON")')]);
    const exported = parseBenchImport(readFileSync((await json.path())!, 'utf8'));
    expect(exported).toHaveLength(1);
    const r: BenchResult = exported[0]!;
    expect(r.model.sha256).toBe(digitsSha);
    expect(r.fingerprint).toMatchObject({ runtime: 'browser', crossOriginIsolated: true, modelSha256: digitsSha, inputShapes: { image: ['batch', 1, 28, 28] } });
    expect(r.fingerprint.userAgent).toMatch(/Chrome/);
    const c = r.configs.find((k) => k.id === r.fastest)!;
    expect(c.phases.createMs).toBeGreaterThan(0);
    expect(c.phases.firstRunMs).toBeGreaterThan(0);
    expect(c.phases.readMs).toBeGreaterThanOrEqual(0);
    expect(c.compute!.n).toBeGreaterThanOrEqual(50);
    expect(c.samples).toHaveLength(c.compute!.n);
    expect(c.endToEnd!.n).toBe(r.protocol.endToEndRuns);
    expect(c.endToEnd!.p50).toBeGreaterThan(0);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export CSV")')]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split(/\r\n/);
    expect(lines[0]).toContain('p50_ci_low_ms');
    expect(lines).toHaveLength(1 + r.configs.length);

    // Import a copy (as from another device), then compare the two.
    const copy = { ...r, id: `${r.id}-imported`, fingerprint: { ...r.fingerprint, date: new Date(Date.parse(r.fingerprint.date) + 1000).toISOString() } };
    await page.setInputFiles('input[aria-label="Import benchmark results (JSON)"]', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)) });
    await page.waitForFunction(() => document.querySelectorAll('table.hist tbody tr').length === 2);
    const boxes = page.locator('table.hist tbody input[type=checkbox]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.click('button:has-text("Compare selected")');
    const cmp = await page.waitForSelector('.cmp table');
    const text = (await cmp.textContent()) ?? '';
    // Identical samples: ratio 1, intervals overlap, no difference claimed.
    expect(text).toContain('1.000');
    expect(text).toContain('overlap');
    expect(text).toContain('no clear difference');

    await page.setInputFiles('input[aria-label="Import benchmark results (JSON)"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":"nope"}') });
    await page.waitForSelector('text=BenchResultFormatError');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('edgeprobe bench --json', () => {
  const cli = (args: string[]) => execFileSync(process.execPath, [join(root, 'bin/edgeprobe.js'), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const model = fixture('tests/fixtures/models/conv_dynamic.onnx');

  for (const runtime of ['browser', 'native'] as const) {
    it(`reports load phases, full statistics and the fingerprint (${runtime})`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'ep-bench-')), 'r.json');
      const table = cli(['bench', model, '--runtime', runtime, '--threads', '1', '--runs', '30', '--min-time', '0.2', '--warmup', '3', '--profile', '0', '--json', out, ...(runtime === 'browser' ? ['--ep', 'wasm'] : [])]);
      expect(table).toMatch(/p50 \[95% CI\]/);
      const r = parseBenchImport(readFileSync(out, 'utf8'))[0]!;
      expect(r.fingerprint.runtime).toBe(runtime);
      expect(r.fingerprint.ortVersion).toMatch(/1\.30/);
      expect(r.fingerprint.modelSha256).toMatch(/^[0-9a-f]{64}$/);
      const c = r.configs[0]!;
      expect(c.error).toBeNull();
      expect(Object.keys(c.phases).sort()).toEqual(['createMs', 'firstRunMs', 'readMs', 'warmupMs']);
      for (const k of ['n', 'mean', 'std', 'min', 'p50', 'p90', 'p95', 'p99', 'max', 'throughputPerSec'] as const) expect(Number.isFinite(c.compute![k])).toBe(true);
      expect(c.compute!.n).toBeGreaterThanOrEqual(30);
      expect(c.compute!.p50Ci.low).toBeLessThanOrEqual(c.compute!.p50);
      expect(typeof c.compute!.stability.stable).toBe('boolean');
    });
  }
});
