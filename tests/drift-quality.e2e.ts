// The drift screen on a messy pair in Chromium: the data-quality section beside the verdict
// (a column gone, new categories, values outside the reference range, duplicates, text markers in
// numbers), the multivariate line, report date/version, both sides read at once, extra dropped
// files named, and an ONNX model dropped as data named as a model; at 1280 and 390 px.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, root, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/drift');
});
afterAll(async () => {
  await app?.close();
});

const idle = (timeout = 60_000) => app.page.waitForSelector('[data-testid=drift-progress]', { state: 'detached', timeout });
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

// Reference: price (numbers), colour (3 categories), size; current: price with "unknown" markers and
// values above the reference's range, a new colour, duplicated rows, and no "size" column.
const ref = 'price,colour,size\n' + Array.from({ length: 300 }, (_, i) => `${(10 + (i * 7) % 50).toFixed(1)},${['red', 'green', 'blue'][i % 3]},${i % 5}`).join('\n') + '\n';
const cur = 'price,colour\n' + Array.from({ length: 300 }, (_, i) => `${i % 40 === 0 ? 'unknown' : (20 + (i * 7) % 50).toFixed(1)},${['red', 'green', 'blue', 'purple'][i % 4]}`).join('\n') + '\n' +
  '25.0,red\n'.repeat(30);

describe('data quality on the drift screen', () => {
  it('both sides picked at once are both read; the quality section lists what failed', async () => {
    const { page } = app;
    // The current file is chosen while the reference is still being read: neither is cancelled.
    await Promise.all([
      page.setInputFiles('[data-testid=file-reference]', csv('ref.csv', ref)),
      page.setInputFiles('[data-testid=file-current]', csv('cur.csv', cur)),
    ]);
    await idle();
    await page.waitForSelector('[data-testid=rows-current]');
    expect(await page.textContent('[data-testid=rows-reference]')).toMatch(/^300 rows · 3 columns/);
    expect(await page.textContent('[data-testid=rows-current]')).toMatch(/^330 rows · 2 columns/);
    await page.click('[data-testid=compute]');
    await idle();
    await page.waitForSelector('[data-testid=quality]');
    const q = await page.textContent('[data-testid=quality]');
    expect(q).toMatch(/size · column missing/);
    expect(q).toMatch(/colour · new categories: 1 new category in \d+% of current values: "purple" ×\d+/);
    expect(q).toMatch(/price · out of range/);
    expect(q).toMatch(/all rows · duplicate rows/);
    expect(await page.getAttribute('[data-check=column-missing]', 'data-severity')).toBe('fail');
    expect(await page.textContent('[data-testid=quality-counts]')).toMatch(/[1-9]\d* failed/);
    expect(await page.textContent('[data-testid=multivariate]')).toMatch(/PCA reconstruction error/);
    expect(await page.textContent('[data-testid=report-meta]')).toMatch(/UTC · edgeprobe \d+\.\d+\.\d+/);

    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const json = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    const checks = new Set(json.quality.map((f: { check: string }) => f.check));
    for (const c of ['column-missing', 'new-categories', 'out-of-range', 'duplicate-rows', 'missing-share', 'constant-column', 'type-mismatch']) expect(checks.has(c), c).toBe(true);
    expect(json.meta.edgeprobe).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.multivariate.method).toBe('pca-reconstruction');
    const [hd] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-html]')]);
    const html = readFileSync((await hd.path())!, 'utf8');
    expect(html).toContain('Data quality');
    expect(html).toMatch(/by edgeprobe \d+\.\d+\.\d+/);

    // Screenshots for a person to look at (not compared): desktop now, phone below.
    const dir = join(root, 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'drift-quality-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(dir, 'drift-quality-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(app.pageErrors).toEqual([]);
  });

  it('extra files dropped on a side are named; an ONNX model dropped as data is named as a model', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=file-reference]', [csv('ref.csv', ref), csv('other.csv', ref)]);
    await idle();
    expect(await page.textContent('[data-testid=drop-note-reference]')).toBe('Read ref.csv; 1 other file was not read (other.csv): each side takes one data file, or only images.');
    const model = readFileSync(join(root, 'public/models/weather.onnx'));
    await page.setInputFiles('[data-testid=file-current]', { name: 'weather.onnx', mimeType: 'application/octet-stream', buffer: model });
    await idle();
    expect(await page.textContent('[role=alert]')).toMatch(/weather\.onnx is an ONNX model — load it on the Model screen/);
  });
});
