// Own models at their real shape: a model whose dims have neither value nor name predicts once the
// asked-for dim is set; a shape set in the shared editor is the shape the Benchmark screen runs and
// exports (with per-config peak memory), and Predict sees the same shape.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, fixture, type AppSession } from './setup/app.ts';
import { parseBenchImport } from '../src/lib/bench/export.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

async function upload(file: string, title: string) {
  const { page } = app;
  await page.goto(`${app.url}/#/model`);
  await page.setInputFiles('[data-testid=model-file]', fixture(`tests/fixtures/models/${file}`));
  await page.waitForFunction((t) => document.querySelector('#card-title')?.textContent?.includes(t), title);
}

describe('shapes of third-party models', () => {
  it('asks for an unnamed dim instead of using 1, then predicts at the size given', async () => {
    const { page } = app;
    await upload('unnamed_dims.onnx', 'unnamed_dims');
    expect(await page.textContent('[data-testid=inputs-table]')).toMatch(/\[\?, \?\]/);
    await page.click('text=Try it');
    const tab = page.locator('button[role=tab]:has-text("Tensors")');
    if (await tab.count()) await tab.click();
    const dim = page.locator('input[aria-label="input dimension 1"]');
    expect(await dim.getAttribute('aria-invalid')).toBe('true');
    expect(await page.textContent('[data-testid=shape-editor]')).toContain('nothing in the model tells its size');
    await dim.fill('512');
    await dim.dispatchEvent('change');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=doubled]');
    expect(await page.textContent('[data-output=doubled]')).toContain('float32 [1, 512]');
    expect(await page.textContent('[data-output=mean]')).toContain('float32 [1, 1]');
    expect(app.pageErrors).toEqual([]);
  });

  it('runs and exports the Benchmark at the shape set in the shared editor', async () => {
    const { page } = app;
    await upload('seg_constant.onnx', 'seg_constant');
    // Weights kept in Constant nodes are counted on the card.
    expect(await page.textContent('[data-testid=param-count]')).toMatch(/^120 in 0 initializers \+ 7 Constant nodes/);
    await page.evaluate(() => { location.hash = '#/bench'; });
    await page.waitForSelector('text=Latency benchmark');
    // Free spatial dims named by the exporter default to an image size, not 1.
    expect(await page.textContent('summary:has-text("Input shape")')).toContain('x 1×3×224×224');
    await page.click('summary:has-text("Input shape")');
    for (const [dim, v] of [['p2o.DynamicDimension.1', '40'], ['p2o.DynamicDimension.2', '56']]) {
      const f = page.locator(`input[aria-label="x dimension ${dim}"]`);
      await f.fill(v);
      await f.dispatchEvent('change');
    }
    // One config only: 1 thread, wasm, no profile.
    for (const box of await page.$$('[aria-labelledby=th-l] input[type=checkbox]')) {
      const label = await box.evaluate((b) => b.parentElement?.textContent?.trim());
      if ((await box.isChecked()) !== (label === '1')) await box.click();
    }
    const prof = page.locator('label:has-text("per-operator profile") input');
    if (await prof.isChecked()) await prof.click();
    await page.click('button:has-text("Run benchmark")');
    await page.waitForSelector('[data-testid=bench-results]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid=config-shapes]')).toBe('x=1×3×40×56');

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export JSON")')]);
    const exported = parseBenchImport(readFileSync((await json.path())!, 'utf8'));
    const r = exported.find((x) => x.model.name.includes('seg_constant'))!;
    expect(r.configs).toHaveLength(1);
    expect(r.configs[0]!.shapes).toEqual({ x: [1, 3, 40, 56] });
    expect(r.configs[0]!.memory!.wasmHeapBytes).toBeGreaterThan(1_000_000);

    // Predict uses the same shape.
    await page.evaluate(() => { location.hash = '#/predict'; });
    const tab = page.locator('button[role=tab]:has-text("Tensors")');
    await tab.click();
    expect(await page.inputValue('input[aria-label="x dimension p2o.DynamicDimension.1"]')).toBe('40');
    expect(app.pageErrors).toEqual([]);
  });
});
