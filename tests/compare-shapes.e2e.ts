// Compare at the model's one shape, against the real bundled server: a shape set in the shared
// editor is the shape Compare runs and exports (images made at it; texts tokenized at its sequence
// length), a text model's samples go to a server that takes BYTES, Drift with the model runs at the
// same shape, and a text file without the text column is refused by name with the page still usable.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, loadDemo, fixture, type AppSession } from './setup/app.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';

let app: AppSession;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    models: [fixture('tests/fixtures/models/seg_constant.onnx'), `debian-sections=${fixture('public/models/debian-sections')}`],
    port: 0, workers: 1, log: () => undefined,
  });
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

async function setDim(label: string, value: string): Promise<void> {
  const f = app.page.locator(`[data-testid=compare-shape] input[aria-label="${label}"]`);
  await f.fill(value);
  await f.dispatchEvent('change');
}

async function compareAndExport(): Promise<Record<string, any>> {
  const { page } = app;
  await page.click('[data-testid=compare-run]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=compare-cancel]') && (document.querySelector('[data-testid=compare-results]') || document.querySelector('[data-testid=compare-error]')), undefined, { timeout: 120_000 });
  const err = await page.$('[data-testid=compare-error]');
  if (err) throw new Error(`compare failed: ${await err.textContent()}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=compare-export]')]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

describe('compare at the shape set in the editor', () => {
  it('an image model with free H/W: the images are made at the editor\'s size and the export says so', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=model-file]', fixture('tests/fixtures/models/seg_constant.onnx'));
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('seg_constant'));
    await page.evaluate(() => (location.hash = '#/compare'));
    await page.waitForSelector('[data-testid=baseline-url]');
    expect(await page.textContent('[data-testid=compare-shape] summary')).toContain('x=1×3×224×224');
    await page.click('[data-testid=compare-shape] summary');
    await setDim('x dimension p2o.DynamicDimension.1', '40');
    await setDim('x dimension p2o.DynamicDimension.2', '56');
    await page.check('input[name=sample-source][value=upload]');
    await page.setInputFiles('[data-testid=sample-file]', [fixture('public/samples/digits-clean/000-1.png'), fixture('public/samples/digits-clean/001-3.png')]);
    await page.fill('[data-testid=baseline-url]', server.url);
    await page.fill('[data-testid=baseline-model]', 'seg_constant');
    const json = await compareAndExport();
    expect(json.meta.shapes).toEqual({ x: [1, 3, 40, 56] });
    expect(json.samples).toBe(2);
    expect(await page.textContent('[data-testid=compare-shapes]')).toBe('x=1×3×40×56');
    expect(await page.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('true');
  });

  it('a text model: texts tokenized at the editor\'s sequence length, sent to the server as BYTES', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/model'));
    await loadDemo(page, 'debian-sections');
    await page.evaluate(() => (location.hash = '#/compare'));
    await page.waitForSelector('[data-testid=baseline-url]');
    // The sequence defaults to the tokenizer's maximum length, not 16.
    expect(await page.textContent('[data-testid=compare-shape] summary')).toContain('input_ids=1×64');
    await page.click('[data-testid=compare-shape] summary');
    await setDim('input_ids dimension sequence', '32');
    expect(await page.inputValue('[data-testid=sample-set]')).toBe('debian-sections-heldout');
    await page.fill('input[aria-label="Number of samples to use (empty: all)"]', '12');
    await page.fill('[data-testid=baseline-url]', server.url);
    expect(await page.inputValue('[data-testid=baseline-model]')).toBe('debian-sections');
    const json = await compareAndExport();
    expect(json.meta.shapes).toEqual({ input_ids: [1, 32], attention_mask: [1, 32] });
    expect(json.samples).toBe(12);
    expect(json.meta.baseline).toContain('sent text as BYTES');
    expect(json.verdict.pass).toBe(true);
    // Device and server agree on every label; the held-out labels come from the CSV's section column.
    const logits = json.outputs.find((o: { name: string }) => o.name === 'logits');
    expect(logits.aggregate.agreement.top1Agreement).toBe(1);
    expect(logits.accuracy.device.labelled).toBe(12);
  });

  it('drift with the same text model runs at the same shared shape, and its export says so', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/drift'));
    await page.click('[data-pair=debian-sections-heldout]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=drift-summary]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=drift-progress]', { state: 'detached', timeout: 90_000 });
    // The sequence length set on the Compare screen (32) is the one the model ran at here.
    expect(await page.textContent('[data-testid=prediction-shapes]')).toBe('model ran at input_ids=N×32 attention_mask=N×32');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const json = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    expect(json.modelRun.shapes).toBe('input_ids=N×32 attention_mask=N×32');
    await page.evaluate(() => (location.hash = '#/compare'));
    await page.waitForSelector('[data-testid=baseline-url]');
  });

  it('a text file without the text column: TextColumnError, and the page still compares', async () => {
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'ep-text-'));
    const bad = join(dir, 'no-text.jsonl');
    writeFileSync(bad, '{"text": "a mail reader"}\n{"body_text": "a game", "label": "games"}\n');
    await page.check('input[name=sample-source][value=upload]');
    await page.setInputFiles('[data-testid=sample-file]', bad);
    await page.click('[data-testid=compare-run]');
    const err = await page.waitForSelector('[data-testid=compare-error]');
    expect(await err.getAttribute('data-error-name')).toBe('TextColumnError');
    expect(await err.textContent()).toMatch(/no-text\.jsonl line 2 has no "text" string; its fields are "body_text", "label"/);
    const good = join(dir, 'texts.jsonl');
    writeFileSync(good, '{"text": "a mail reader with IMAP", "label": "mail"}\n{"text": "a chess game", "label": "games"}\n');
    await page.setInputFiles('[data-testid=sample-file]', good);
    const json = await compareAndExport();
    expect(json.samples).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });
});
