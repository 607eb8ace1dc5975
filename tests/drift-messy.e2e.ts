// One verdict everywhere: messy pairs the code never saw (scripts/reference/messy-pairs.ts) read
// in the page and by `edgeprobe drift` with the same settings give the same JSON, apart from the
// compute and generation times (and last-bit rounding of p-values between Chromium's and Node's V8). The page shows the plan (dates left out with their format, locale evidence), and
// settings exported from the page load into the CLI (--settings) for the same report again.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './setup/app.ts';
import { driftCommand } from '../src/cli/drift.ts';
import { writeMessyPairs, type MessyPair } from '../scripts/reference/messy-pairs.ts';

let app: AppSession;
let dir: string;
let pairs: MessyPair[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-messy-e2e-'));
  pairs = writeMessyPairs(dir);
  app = await openApp('#/drift');
});
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const idle = (page: Page) => page.waitForSelector('[data-testid=drift-progress]', { state: 'detached', timeout: 60_000 });

async function pick(page: Page, slot: 'reference' | 'current', path: string) {
  await page.setInputFiles(`[data-testid=file-${slot}]`, { name: basename(path), mimeType: 'application/octet-stream', buffer: readFileSync(path) });
  await idle(page);
}

async function exportJson(page: Page): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  return readFileSync((await dl.path())!, 'utf8');
}

async function cli(argv: string[]): Promise<string> {
  const json = join(dir, `cli-${Math.random().toString(36).slice(2)}.json`);
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    await driftCommand([...argv, '--json', json, '--quiet']);
  } finally {
    process.stderr.write = write;
  }
  return readFileSync(json, 'utf8');
}

/** The JSON without what is allowed to differ: compute time and the time it was generated. */
function comparable(text: string): unknown {
  const r = JSON.parse(text);
  delete r.timing;
  if (r.meta) delete r.meta.generated;
  return r;
}

/**
 * Every difference between two JSON values. Numbers may differ in their last bits only (relative
 * 1e-14): Chromium's and Node's V8 round Math.exp/log differently in the p-value functions.
 */
function differences(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items vs ${b.length}`];
    return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

describe('the page and the CLI give one verdict on messy data', () => {
  it('European CSV (; , decimal comma, day-first dates) with a monthly timeline: same JSON', async () => {
    const { page } = app;
    const pair = pairs.find((p) => p.name === 'seattle_eu')!;
    await pick(page, 'reference', pair.reference);
    await pick(page, 'current', pair.current);
    await page.$eval('[data-testid=schema]', (d) => ((d as HTMLDetailsElement).open = true));
    // The plan: the date column is datetime (day-first), left out of the verdict with the reason; numbers read with a decimal comma.
    await page.waitForSelector('tr[data-column=date][data-type=datetime][data-tested=false]');
    expect(await page.textContent('tr[data-column=date] [data-testid=reason]')).toMatch(/datetime \(dmy\): left out of the verdict/);
    expect(await page.getAttribute('tr[data-column=temp_max]', 'data-type')).toBe('numerical');
    expect(await page.textContent('[data-testid=locale]')).toMatch(/decimal comma in [\d,]+ of [\d,]+ number-like text values/);
    await page.check('[data-testid=timeline-on]');
    await page.selectOption('select[aria-label="Time column"]', 'date');
    await page.click('[data-testid=compute]');
    await idle(page);
    await page.waitForSelector('[data-testid=drift-summary]');
    const fromPage = await exportJson(page);
    const fromCli = await cli(['--reference', pair.reference, '--current', pair.current, '--time-column', 'date', '--window', 'month']);
    expect(differences(comparable(fromPage), comparable(fromCli))).toEqual([]);
    const r = JSON.parse(fromPage);
    expect(r.columns.map((c: { name: string }) => c.name)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    expect(r.timeline.windows.map((w: { label: string }) => w.label)).toEqual(Array.from({ length: 12 }, (_, i) => `2015-${String(i + 1).padStart(2, '0')}`));
    // The page's settings, loaded by the CLI, give the same report again.
    const saved = join(dir, 'page-report.json');
    writeFileSync(saved, fromPage);
    expect(comparable(await cli(['--reference', pair.reference, '--current', pair.current, '--settings', saved]))).toEqual(comparable(fromCli));
  });

  it('numbers with text markers and 3/"3" mixes (JSON), a type override made in the page: same JSON, tokens listed', async () => {
    const { page } = app;
    const pair = pairs.find((p) => p.name === 'cars_markers')!;
    await pick(page, 'reference', pair.reference);
    await pick(page, 'current', pair.current);
    await page.uncheck('[data-testid=timeline-on]');
    await page.waitForSelector('tr[data-column=Horsepower][data-type=numerical][data-tested=true]');
    await page.selectOption('select[aria-label="Type of Cylinders"]', 'categorical');
    await page.waitForSelector('tr[data-column=Cylinders][data-type=categorical]');
    await page.click('[data-testid=compute]');
    await idle(page);
    const fromPage = await exportJson(page);
    const fromCli = await cli(['--reference', pair.reference, '--current', pair.current, '--kind', 'Cylinders=categorical']);
    expect(differences(comparable(fromPage), comparable(fromCli))).toEqual([]);
    const r = JSON.parse(fromPage);
    const cyl = r.columns.find((c: { name: string }) => c.name === 'Cylinders');
    // 4 and "4" are one category.
    expect(cyl.categories.categories.map((c: { key: string }) => c.key).sort()).toEqual(['3', '4', '6', '8']);
    const hp = r.quality.find((q: { column: string }) => q.column === 'Horsepower');
    expect(hp).toMatchObject({ check: 'non-numeric-values', severity: 'warn' });
    expect(hp.details.tokens.map((t: { value: string }) => t.value).sort()).toEqual(['?', 'unknown']);
    expect(r.excluded.map((e: { name: string }) => e.name).sort()).toEqual(['Name', 'Year']);
    expect(app.pageErrors).toEqual([]);
  });

  it('settings written by the CLI load in the page (Load settings…), missing markers included: same JSON', async () => {
    const { page } = app;
    const pair = pairs.find((p) => p.name === 'flights_us_thousands')!;
    const argv = ['--reference', pair.reference, '--current', pair.current, '--kind', 'destination=ignore', '--correction', 'bh',
      '--na', 'NA,,ATL', '--time-column', 'date', '--window', 'week'];
    const fromCli = await cli(argv);
    const saved = join(dir, 'cli-settings.json');
    writeFileSync(saved, fromCli);
    await pick(page, 'reference', pair.reference);
    await pick(page, 'current', pair.current);
    await page.setInputFiles('[data-testid=settings-file]', { name: 'cli-settings.json', mimeType: 'application/json', buffer: readFileSync(saved) });
    await idle(page);
    expect(await page.inputValue('[data-testid=na]')).toBe('NA,,ATL');
    await page.click('[data-testid=compute]');
    await idle(page);
    const fromPage = await exportJson(page);
    expect(differences(comparable(fromPage), comparable(fromCli))).toEqual([]);
    const r = JSON.parse(fromPage);
    // ATL read as missing (the page read both files again with the markers), distance numerical with US thousands.
    expect(r.columns.find((c: { name: string }) => c.name === 'origin').missingRef).toBeGreaterThan(0);
    expect(r.columns.find((c: { name: string }) => c.name === 'distance')).toMatchObject({ kind: 'numerical', test: 'wasserstein' });
    expect(r.timeline.window).toBe('week');
    expect(app.pageErrors).toEqual([]);
  });
});
