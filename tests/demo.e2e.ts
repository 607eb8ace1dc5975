// The stakeholder demo view as a user drives it in Chromium, with the real model in the real worker:
// the weather model's SHAP bars add up to the answer's confidence, the fairness table covers every
// held-out day, the link restores the settings, the server latency badge appears when a baseline is
// set, and feedback on a drawn digit survives a reload and exports into the drift screen.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, fixture, type AppSession } from './setup/app.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { parseSamplesJsonl } from '../src/app/state/samples.ts';

let app: AppSession;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ models: [fixture('public/models/weather.onnx')], port: 0, workers: 1, log: () => undefined });
  app = await openApp('#/demo?model=weather&group=season%3A4&positive=2');
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

const heldoutCount = (JSON.parse(readFileSync(fixture('public/models/weather.card.json'), 'utf8')) as { heldoutCount: number }).heldoutCount;

describe('weather demo', () => {
  it('opens from a link, answers a real example, and its SHAP values add up to the confidence', async () => {
    const { page } = app;
    await page.waitForSelector('[data-testid=demo-answer]', { timeout: 60_000 });
    const bars = await page.waitForSelector('[data-testid=attribution-bars]', { timeout: 60_000 });
    const base = Number(await bars.getAttribute('data-base'));
    const output = Number(await bars.getAttribute('data-output'));
    const values = await page.$$eval('[data-testid=attribution-bars] li', (lis) => lis.map((li) => Number(li.getAttribute('data-value'))));
    expect(values).toHaveLength(5);
    expect(Math.abs(base + values.reduce((s, v) => s + v, 0) - output)).toBeLessThan(1e-9);
    const confidence = Number(await page.getAttribute('[data-testid=demo-answer]', 'data-confidence'));
    expect(output).toBeCloseTo(confidence, 5);
    expect(await page.textContent('[data-testid=attribution-sum]')).toMatch(/SHAP values, exact/);
    expect(await page.textContent('[data-testid=latency]')).toMatch(/\d+(\.\d)? ms on this device/);
  });

  it('tells the weather apart by season over every held-out day, tracking "rain" as the link asked', async () => {
    const { page } = app;
    await page.waitForSelector('[data-testid=fairness-table]', { timeout: 60_000 });
    expect(await page.inputValue('[data-testid=group-select]')).toBe('season:4');
    expect(await page.inputValue('[data-testid=positive-select]')).toBe('2');
    const rows = await page.$$eval('[data-testid=fairness-table] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-group'), Number(tr.querySelector('td')!.textContent)] as const));
    expect(rows.map((r) => r[0])).toEqual(['autumn', 'spring', 'summer', 'winter']);
    expect(rows.reduce((s, r) => s + r[1], 0)).toBe(heldoutCount);
    expect(await page.textContent('[data-testid=dpd]')).toMatch(/\d+\.\d pts/);
    // Drift split by the same groups: 2012 → 2015 temperatures moved except in autumn (SciPy, see demo-groups.test.ts).
    await page.waitForSelector('[data-testid=group-drift] tbody tr');
    const drift = await page.$$eval('[data-testid=group-drift] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-group'), tr.getAttribute('data-drifted')]));
    expect(drift).toEqual([['autumn', 'false'], ['spring', 'true'], ['summer', 'true'], ['winter', 'true']]);
  });

  it('keeps the chosen settings in the link and restores them on reload', async () => {
    const { page } = app;
    await page.selectOption('[data-testid=group-select]', 'feature:4');
    await page.click('summary:has-text("Settings")');
    await page.selectOption('[data-testid=method-select]', 'permutation');
    await page.waitForFunction(() => location.hash.includes('explain=permutation') && location.hash.includes('group=feature%3A4'));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).not.toMatch(/features|data|label=/);
    await page.reload();
    await page.waitForSelector('[data-testid=fairness-table]', { timeout: 60_000 });
    expect(await page.inputValue('[data-testid=group-select]')).toBe('feature:4');
    await page.waitForSelector('[data-testid=attribution-sum]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=attribution-sum]')).toMatch(/permutation estimate/);
    expect(await page.$$eval('[data-testid=fairness-table] tbody tr', (trs) => trs.length)).toBe(12);
  });

  it('shows the server\'s latency next to the device\'s when a baseline is set', async () => {
    const { page } = app;
    if (!(await page.isVisible('[data-testid=baseline-url]'))) await page.click('summary:has-text("Settings")');
    await page.fill('[data-testid=baseline-model]', 'weather');
    await page.fill('[data-testid=baseline-url]', server.url);
    await page.press('[data-testid=baseline-url]', 'Enter');
    await page.locator('[data-testid=baseline-url]').blur();
    await page.click('[data-testid=demo-predict]');
    const badge = await page.waitForSelector('[data-testid=server-latency]', { timeout: 30_000 });
    expect(await badge.textContent()).toMatch(/\d+(\.\d)? ms from the server/);
    // Parity split by the same groups (month, as chosen above): the server agrees everywhere.
    await page.click('[data-testid=parity-run]');
    await page.waitForSelector('[data-testid=group-parity] tbody tr', { timeout: 60_000 });
    const agreement = await page.$$eval('[data-testid=group-parity] tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-agreement'))));
    expect(agreement).toHaveLength(12);
    expect(Math.min(...agreement)).toBe(1);
  });
});

describe('links carry no data and cannot add a server', () => {
  it('a link naming an unknown server sends it nothing', async () => {
    const { page } = app;
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('example.com')) asked.push(r.url()); });
    await page.goto(`${app.url}/#/demo?model=weather&baseline=https%3A%2F%2Fexample.com&baselineModel=weather`);
    await page.reload();
    await page.waitForSelector('[data-testid=demo-answer]', { timeout: 60_000 });
    await page.waitForFunction(() => /server did not answer/.test(document.querySelector('[data-testid=latency]')?.textContent ?? ''));
    await page.click('summary:has-text("Settings")');
    expect(await page.textContent('[data-testid=server-error]')).toMatch(/not a configured baseline/);
    expect(asked).toEqual([]);
  });
});

describe('digits demo: feedback', () => {
  it('draw → predict → mark wrong → reload → still there → export → loads in the drift screen', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/demo?model=digits`);
    const pad = await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 });
    await pad.scrollIntoViewIfNeeded();
    const b = (await pad.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.15);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.5, { steps: 8 });
    await page.mouse.move(b.x + b.width * 0.52, b.y + b.height * 0.85, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=demo-answer]');
    await page.waitForSelector('[data-testid=heatmap]', { timeout: 60_000 });
    const said = (await page.getAttribute('[data-testid=demo-answer]', 'data-label'))!;
    expect(said).toBe('1');

    await page.click('[data-testid=feedback-wrong]');
    await page.selectOption('[data-testid=feedback-label]', '7');
    await page.click('[data-testid=feedback-save]');
    await page.waitForSelector('[data-testid=feedback-accuracy]');
    expect(await page.textContent('[data-testid=feedback-accuracy]')).toMatch(/0 of 1/);
    // A second verdict, on a real held-out digit, marked right.
    await page.click('text=Random held-out image');
    await page.waitForFunction(() => document.querySelector('[data-testid=feedback-right]'));
    await page.click('[data-testid=feedback-right]');
    await page.waitForFunction(() => /of 2/.test(document.querySelector('[data-testid=feedback-accuracy]')?.textContent ?? ''));

    await page.reload();
    await page.waitForSelector('[data-testid=feedback-accuracy]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=feedback-accuracy]')).toMatch(/1 of 2/);
    expect(await page.textContent('[data-testid=feedback-panel]')).toContain('said “1”, should be “7”');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=feedback-export-jsonl]')]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const samples = parseSamplesJsonl(text);
    expect(samples).toHaveLength(2);
    expect(samples[0]).toMatchObject({ label: 7, labelName: '7' });
    expect(samples[0]!.inputs.image!.dims).toEqual([1, 1, 28, 28]);

    await page.goto(`${app.url}/#/drift`);
    await page.setInputFiles('[data-testid=file-reference]', { name: download.suggestedFilename(), mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
    await page.waitForSelector('[data-testid=rows-reference]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=rows-reference]')).toMatch(/^\s*2 rows/);
    await page.setInputFiles('[data-testid=file-current]', fixture('public/samples/digits-clean.jsonl'));
    await page.waitForSelector('[data-testid=rows-current]', { timeout: 60_000 });
    await page.click('[data-testid=compute]');
    await page.waitForSelector('[data-testid=verdict]', { timeout: 90_000 });
    expect(await page.$('[role=alert][data-error-name]')).toBeNull();
    expect(app.pageErrors).toEqual([]);
  });
});
