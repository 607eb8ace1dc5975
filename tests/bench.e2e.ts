// The latency benchmark as a user runs it: a quick benchmark of the bundled CNN in the page (live
// progress, results table and charts, long tasks counted, operator profile), saved to IndexedDB
// history that survives a reload, exported as JSON/CSV, imported and compared; and the CLI's
// `bench --json` on a model the app never bundled, in the browser and natively.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
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
    // Runs and time per round are editable in the page; the protocol line and the estimate follow.
    await page.fill('#runs-in', '40');
    await page.fill('#time-in', '0.5');
    await page.waitForFunction(() => /≥ 40 runs and ≥ 0\.5 s/.test(document.querySelector('[data-testid=protocol-line]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid=estimate-before]')).toMatch(/\d s/);
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
    // The decision names the fastest per call, clearly or as "no clear difference".
    expect(await page.textContent('[data-testid=decision]')).toMatch(/Fastest per call|No clear difference/);
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
    // The profile is read as shares, with its overhead against the unprofiled p50 stated.
    expect(await page.textContent('[data-testid=profile-overhead]')).toMatch(/against a p50 of .* without profiling \(×\d/);

    // A phone (390 px): the table shows config, p50, p90 and n without scrolling, and the charts fit.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const heads = await page.$$eval('table.results thead th', (ths) => ths.filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => t.textContent?.trim()));
    expect(heads).toEqual(['config', 'p50 [95% interval]', 'p90', 'n']);
    const fits = await page.$eval('table.results', (t) => t.scrollWidth <= (t.parentElement as HTMLElement).clientWidth + 1);
    expect(fits).toBe(true);
    const overflow = await page.$$eval('[data-testid=bench-results] svg', (svgs) => svgs.filter((s) => s.getBoundingClientRect().right > window.innerWidth + 0.5).length);
    expect(overflow).toBe(0);
    await page.screenshot({ path: `${process.env.EDGEPROBE_SHOTS ?? tmpdir()}/bench-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
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
    // Identical samples: ratio 1, no difference claimed; the older run is the baseline.
    expect(text).toContain('1.000');
    expect(text).toContain('no clear difference');
    expect(await page.textContent('[data-testid=comparison] h3')).toMatch(/^Newer: .* against the older/);

    // A run at another shape is refused, naming what differs; "Compare anyway" compares it.
    const otherShape = { ...copy, id: `${r.id}-b8`, fingerprint: { ...r.fingerprint, date: new Date(Date.parse(r.fingerprint.date) + 2000).toISOString() }, configs: r.configs.map((k) => ({ ...k, shapes: { image: [8, 1, 28, 28] } })) };
    await page.setInputFiles('input[aria-label="Import benchmark results (JSON)"]', { name: 'b8.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(otherShape)) });
    await page.waitForFunction(() => document.querySelectorAll('table.hist tbody tr').length === 3);
    for (let i = 0; i < 3; i++) await boxes.nth(i).uncheck();
    const rowsNow = await page.$$eval('table.hist tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rowsNow).toHaveLength(3);
    await page.locator('table.hist tbody tr').nth(0).locator('input[type=checkbox]').check();
    await page.locator('table.hist tbody tr').nth(2).locator('input[type=checkbox]').check();
    await page.click('button:has-text("Compare selected")');
    const refused = await page.waitForSelector('[data-testid=compare-refused]');
    expect(await refused.textContent()).toMatch(/shapes of .*\[8,1,28,28\]/);
    await page.click('button:has-text("Compare anyway")');
    await page.waitForSelector('[data-testid=comparison]');

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
      const table = cli(['bench', model, '--runtime', runtime, '--threads', '1', '--runs', '30', '--min-time', '0.2', '--warmup', '3', '--warmup-time', '0.1', '--rounds', '1', '--profile', '0', '--json', out, ...(runtime === 'browser' ? ['--ep', 'wasm'] : [])]);
      expect(table).toMatch(/p50 \[95% interval\]/);
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

describe('rounds, budgets and bench-compare (CLI, native runtime)', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/edgeprobe.js'), ...args], { cwd: root, encoding: 'utf8' });
  const model = fixture('public/models/weather.onnx');
  const dir = mkdtempSync(join(tmpdir(), 'ep-rounds-'));
  const quick = ['--runtime', 'native', '--threads', '1', '--runs', '20', '--min-time', '0.05', '--warmup', '2', '--warmup-time', '0.05', '--e2e', '0', '--profile', '0'];

  it('bench --rounds 3 --json holds one p50 per round per config; budgets decide the exit code', () => {
    const a = run(['bench', model, ...quick, '--rounds', '3', '--json', join(dir, 'a.json'), '--budget', 'p90=0.001']);
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/budget missed: cpu-t1-all-b1: p90 \d+\.\d+ ms > budget 0\.001 ms/);
    const r = parseBenchImport(readFileSync(join(dir, 'a.json'), 'utf8'))[0]!;
    for (const c of r.configs) {
      expect(c.rounds).toHaveLength(3);
      for (const k of c.rounds) expect(Number.isFinite(k.p50)).toBe(true);
      expect(c.p50Interval).toMatchObject({ method: 'rounds-t', rounds: 3 });
      expect(c.shapes).toEqual({ features: [1, 5] });
    }
    const b = run(['bench', model, ...quick, '--rounds', '3', '--json', join(dir, 'b.json'), '--budget', 'p90=100000']);
    expect(b.status).toBe(0);
    expect(b.stderr).toMatch(/every config within budget/);
  });

  it('bench-compare A B and B A give the same verdict and ratio; other shapes exit 2', () => {
    const ab = run(['bench-compare', join(dir, 'a.json'), join(dir, 'b.json'), '--json', join(dir, 'ab.json')]);
    const ba = run(['bench-compare', join(dir, 'b.json'), join(dir, 'a.json'), '--json', join(dir, 'ba.json')]);
    expect(ab.status).toBe(ba.status);
    expect([0, 1]).toContain(ab.status);
    const x = JSON.parse(readFileSync(join(dir, 'ab.json'), 'utf8'));
    const y = JSON.parse(readFileSync(join(dir, 'ba.json'), 'utf8'));
    expect(x).toEqual(y);
    expect(x.baseline.id).toBe(parseBenchImport(readFileSync(join(dir, 'a.json'), 'utf8'))[0]!.id);
    expect(ab.stdout).toBe(ba.stdout);
    const c = run(['bench', model, ...quick, '--rounds', '2', '--shape', 'features=4,5', '--json', join(dir, 'c.json')]);
    expect(c.status).toBe(0);
    const refused = run(['bench-compare', join(dir, 'a.json'), join(dir, 'c.json')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refused: .*shapes: \{"features":\[1,5\]\} vs \{"features":\[4,5\]\}/);
  });
});
