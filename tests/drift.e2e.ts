// The drift screen as a user drives it in Chromium: bundled pairs one click away with the same
// numbers as the library, overrides and corrections, a timeline, model predictions (tabular and
// image models), bad input that leaves the page usable, and 3 million Parquet rows split by date.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, loadDemo, fixture, type AppSession } from './setup/app.ts';
import { parseCsv } from '../src/lib/data/csv.ts';
import { driftReport } from '../src/lib/drift/report.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/drift');
});
afterAll(async () => {
  await app?.close();
});

const summary = (page: Page) => page.waitForSelector('[data-testid=drift-summary]', { timeout: 60_000 });
const idle = (page: Page, timeout = 60_000) => page.waitForSelector('[data-testid=drift-progress]', { state: 'detached', timeout });
const openSchema = (page: Page) => page.$eval('[data-testid=schema]', (d) => ((d as HTMLDetailsElement).open = true));
const columnNames = (page: Page) => page.$$eval('[data-testid=column-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-column')));

async function downloadJson(page: Page): Promise<{ columns: { name: string; test: string | null; statistic: number | null; pValue: number | null; drift: boolean; reason?: string }[]; dataset: { drifted: boolean; driftShare: number }; timeline: unknown }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  return JSON.parse(readFileSync((await dl.path())!, 'utf8'));
}

async function pick(page: Page, slot: 'reference' | 'current', name: string, content: string | Buffer) {
  await page.setInputFiles(`[data-testid=file-${slot}]`, { name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  await idle(page);
}

describe('bundled pairs', () => {
  it('weather 2012 vs 2015: verdict, table and exports agree with the library on the same files', async () => {
    const { page } = app;
    await page.click('[data-pair=weather-2012]');
    await summary(page);
    const json = await downloadJson(page);
    const ref = parseCsv(readFileSync(fixture('public/samples/weather-2012.csv'), 'utf8'));
    const cur = parseCsv(readFileSync(fixture('public/samples/weather-2015.csv'), 'utf8'));
    // The page leaves the datetime column out by default; everything else is tested.
    const want = driftReport(ref, cur, { columns: ['precipitation', 'temp_max', 'temp_min', 'wind', 'weather', 'month'] });
    expect(json.columns.map((c) => [c.name, c.test, c.statistic, c.pValue, c.drift])).toEqual(want.columns.map((c) => [c.name, c.test, c.statistic, c.pValue, c.drift]));
    expect(json.dataset.drifted).toBe(want.dataset.drifted);
    expect(await page.getAttribute('[data-testid=verdict]', 'data-drifted')).toBe(String(want.dataset.drifted));
    expect(await page.textContent('[data-testid=drift-share]')).toBe(`${want.dataset.nDrifted} of ${want.dataset.nTested}`);
    // Sorted by verdict: drifted columns first; the first one's plots are shown with the KS gap.
    const first = want.columns.filter((c) => c.drift).map((c) => c.name);
    expect((await columnNames(page)).slice(0, first.length).sort()).toEqual(first.sort());
    expect(await page.textContent('[data-testid=ecdf] figcaption')).toMatch(/KS 0\.\d+/);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-html]')]);
    const html = readFileSync((await dl.path())!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)=/);
  });

  it('type, test and threshold overrides, a correction, and the timeline by month', async () => {
    const { page } = app;
    await openSchema(page);
    await page.selectOption('select[aria-label="Type of month"]', 'categorical');
    await page.selectOption('select[aria-label="Test for wind"]', 'psi');
    await page.fill('input[aria-label="Threshold for temp_min"]', '0.001');
    await page.press('input[aria-label="Threshold for temp_min"]', 'Tab');
    await page.selectOption('[data-testid=correction]', 'bonferroni');
    await page.check('[data-testid=timeline-on]');
    await page.click('[data-testid=compute]');
    await idle(page);
    const json = await downloadJson(page);
    const by = new Map(json.columns.map((c) => [c.name, c]));
    expect(by.get('month')!.test).toBe('chisquare');
    expect(by.get('wind')!.test).toBe('psi');
    expect((by.get('temp_min') as { threshold?: number }).threshold).toBe(0.001);
    expect((json as unknown as { dataset: { correction: string } }).dataset.correction).toBe('bonferroni');
    const windows = await page.$$eval('[data-testid=timeline] tbody tr', (r) => r.length);
    expect(windows).toBe(12);
    expect(await page.textContent('[data-testid=timeline]')).toContain('2015-01');
  });
});

describe('bad input keeps the page usable', () => {
  it('ragged rows, an empty file and invalid UTF-8 give a clear error; the loaded sets stay', async () => {
    const { page } = app;
    const before = await page.textContent('[data-testid=side-reference] .name');
    await pick(page, 'reference', 'ragged.csv', 'a,b\n1,2\n3\n');
    expect(await page.textContent('[role=alert]')).toMatch(/line 3: expected 2 fields/);
    await pick(page, 'reference', 'empty.csv', '');
    expect(await page.textContent('[role=alert]')).toMatch(/empty/);
    await pick(page, 'reference', 'latin1.csv', Buffer.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(await page.textContent('[role=alert]')).toMatch(/invalid UTF-8/);
    expect(await page.textContent('[data-testid=side-reference] .name')).toBe(before);
    expect(await page.isVisible('[data-testid=drift-summary]')).toBe(true);
  });

  it('a current set with no rows, an all-missing column and mixed types: columns marked not tested or explained', async () => {
    const { page } = app;
    await pick(page, 'reference', 'ref.csv', 'x,empty,mixed\n1,,1\n2,,2\n3,,3\n4,,4\n5,,5\n6,,6\n');
    await pick(page, 'current', 'cur.csv', 'x,empty,mixed\n1,,1\n2,,n/a?\n3,,3\n4,,4\n9,,5\n9,,6\n');
    await openSchema(page);
    expect(await page.textContent('[data-testid=mismatches]')).toMatch(/mixed: numbers in the reference set but text in the current set/);
    await page.check('input[aria-label="Test empty"]');
    await page.click('[data-testid=compute]');
    await idle(page);
    const json = await downloadJson(page);
    expect(json.columns.find((c) => c.name === 'empty')).toMatchObject({ test: null, reason: 'all reference values are missing' });
    expect(await page.textContent('[data-testid=column-table] [data-column=empty]')).toContain('not tested');
    await pick(page, 'current', 'none.csv', 'x,empty,mixed\n');
    await page.click('[data-testid=compute]');
    await idle(page);
    const none = await downloadJson(page);
    expect(none.columns.every((c) => c.test === null)).toBe(true);
    expect(none.dataset.driftShare).toBe(0);
    expect(await page.textContent('[data-testid=verdict]')).toBe('No dataset drift');
  });

  it('thousands of columns', async () => {
    const { page } = app;
    const wide = (k: number) => [Array.from({ length: 3000 }, (_, i) => `c${i}`).join(','),
      ...Array.from({ length: 40 }, (_, r) => Array.from({ length: 3000 }, (_, i) => (r * k + i) % 17).join(','))].join('\n');
    await pick(page, 'reference', 'wide1.csv', wide(3));
    await pick(page, 'current', 'wide2.csv', wide(5));
    await page.click('[data-testid=compute]');
    await idle(page);
    expect(await page.textContent('[data-testid=drift-share]')).toMatch(/ of 3000$/);
  });
});

describe('image sets from files', () => {
  it('PNG files picked for each side become per-image statistics', async () => {
    const { page } = app;
    const dir = (d: string) => Array.from({ length: 12 }, (_, i) => fixture(`public/samples/${d}/${JSON.parse(readFileSync(fixture('public/samples/index.json'), 'utf8')).samples.find((s: { id: string }) => s.id === `${d}-png`).files[i].file}`));
    await page.setInputFiles('[data-testid=file-reference]', dir('digits-clean'));
    await idle(page);
    await page.setInputFiles('[data-testid=file-current]', dir('digits-shifted'));
    await idle(page);
    expect(await page.textContent('[data-testid=rows-current]')).toMatch(/^12 rows · 7 columns/);
    await page.click('[data-testid=compute]');
    await idle(page);
    expect(await columnNames(page)).toEqual(expect.arrayContaining(['brightness', 'contrast', 'width', 'height', 'meanR', 'meanG', 'meanB']));
  });
});

describe('prediction drift', () => {
  it('weather model over 2012 and 2015: prediction columns and accuracy per set (card: 82.19% on 2015)', async () => {
    const { page } = app;
    await page.click('nav a[href="#/model"]');
    await loadDemo(page, 'weather');
    await page.click('nav a[href="#/drift"]');
    await page.click('[data-pair=weather-2012]');
    await summary(page);
    await idle(page);
    const names = await columnNames(page);
    expect(names).toContain('prediction: class');
    expect(names).toContain('prediction: top score');
    expect(await page.textContent('[data-testid=accuracy]')).toMatch(/accuracy \(weather\).*→ 82\.2%/);
  });

  it('digits model over the clean and shifted PNG sets: image statistics and predictions drift', async () => {
    const { page } = app;
    await page.click('nav a[href="#/model"]');
    await loadDemo(page, 'digits');
    await page.click('nav a[href="#/drift"]');
    await page.click('[data-pair=digits-clean-png]');
    await summary(page);
    await idle(page);
    const names = await columnNames(page);
    for (const n of ['brightness', 'contrast', 'prediction: class', 'prediction: top score']) expect(names).toContain(n);
    expect(await page.textContent('[data-testid=accuracy]')).toMatch(/accuracy \(label(Name)?\)/);
    await page.click('[data-pair=digits-clean]');
    await summary(page);
    await idle(page);
    expect(await columnNames(page)).toContain('prediction: class');
    // digits-shifted.jsonl: the card says 0.81 accuracy; digits-clean 0.9867.
    expect(await page.textContent('[data-testid=accuracy]')).toMatch(/98\.7% → 81\.0%/);
  });
});

describe('scale', () => {
  it('flights-3m.parquet split at 2001-04-01 in the page, with progress', async () => {
    const { page } = app;
    await page.click('text=One file, split in two periods');
    await page.setInputFiles('[data-testid=split-file]', fixture('node_modules/vega-datasets/data/flights-3m.parquet'));
    await page.waitForSelector('[data-testid=split-cut]');
    await page.fill('[data-testid=split-cut]', '2001-04-01');
    const t0 = Date.now();
    await page.click('[data-testid=split-run]');
    await page.waitForSelector('[data-testid=drift-progress] progress[max]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=drift-summary]', { timeout: 240_000 });
    await idle(page, 240_000);
    const ms = Date.now() - t0;
    console.log(`flights-3m split + drift in the page: ${(ms / 1000).toFixed(1)} s`);
    const rows = (await page.textContent('[data-testid=rows-reference]'))! + (await page.textContent('[data-testid=rows-current]'))!;
    const counts = [...rows.matchAll(/([\d,]+) rows/g)].map((m) => Number(m[1].replaceAll(',', '')));
    expect(counts[0] + counts[1]).toBe(3_000_000);
    expect(await columnNames(page)).toEqual(expect.arrayContaining(['delay', 'distance', 'origin', 'destination']));
    expect(await columnNames(page)).not.toContain('date');
    // Drift per week of the current quarter, each week against the whole first quarter.
    await page.check('[data-testid=timeline-on]');
    await page.selectOption('select[aria-label="Time column"]', 'date');
    await page.selectOption('select[aria-label=Window]', 'week');
    const t1 = Date.now();
    await page.click('[data-testid=compute]');
    await idle(page, 240_000);
    console.log(`flights-3m weekly timeline in the page: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    expect(await page.$$eval('[data-testid=timeline] tbody tr', (r) => r.length)).toBe(14);
    expect(app.pageErrors).toEqual([]);
  }, 400_000);

  it('cancel stops a read and keeps the sets', async () => {
    const { page } = app;
    await page.click('[data-testid=split-run]');
    await page.waitForSelector('[data-testid=drift-cancel]');
    await page.click('[data-testid=drift-cancel]');
    await idle(page);
    expect(await page.getAttribute('[role=alert]', 'data-error-name')).toBe('CancelledError');
    expect(await page.textContent('[data-testid=rows-reference]')).toMatch(/rows/);
  }, 120_000);
});
