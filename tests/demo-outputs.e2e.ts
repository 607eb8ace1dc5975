// The Demo view for models that are not the bundled classifiers: a segmentation model's mask is
// drawn (not an empty panel) and laid over the input picture; "Why this answer?" works on a 192×48
// image classifier, with the occlusion's run count shown and a Cancel while it runs; that classifier
// is fed a letterboxed (keep aspect + pad) picture, previewed 4:1, and labels typed in the card name its answers
// (in the Demo, Predict, the Model screen's card and Compare).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { openApp, fixture, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

async function uploadAndDemo(page: Page, file: string, before?: () => Promise<void>) {
  await page.goto(`${app.url}/#/model`);
  await page.setInputFiles('[data-testid=model-file]', fixture(`tests/fixtures/models/${file}`));
  await page.waitForFunction((t) => document.querySelector('#card-title')?.textContent?.includes(t), file.replace('.onnx', ''));
  await page.evaluate(() => { location.hash = '#/demo'; });
  await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 });
  await before?.();
  await draw(page);
}

/** A stroke across the drawing pad, from its upper left to its lower right. */
async function draw(page: Page) {
  const pad = await page.waitForSelector('[data-testid=draw-pad]');
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.2, b.y + b.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.8, b.y + b.height * 0.7, { steps: 10 });
  await page.mouse.up();
}

describe('demo view for any model', () => {
  it('draws the mask of a segmentation model emitting [1, 1, H, W]', async () => {
    const { page } = app;
    await uploadAndDemo(page, 'seg_constant.onnx');
    await page.waitForSelector('[data-testid=demo-output][data-kind=image]', { timeout: 60_000 });
    const mask = await page.$eval('[data-testid=demo-mask]', (c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const grays = new Set<number>();
      for (let i = 0; i < d.length; i += 4) grays.add(d[i]!);
      return { w: canvas.width, h: canvas.height, levels: grays.size };
    });
    expect(mask.w).toBe(224);
    expect(mask.h).toBe(224);
    expect(mask.levels).toBeGreaterThan(1); // drawn, not blank
    expect(await page.textContent('[data-testid=demo-output]')).toContain('mask');
    expect(await page.textContent('[data-testid=warmup-note]')).toContain('warm-up');

    // The mask is also laid over the picture the model saw: at opacity 0 the overlay is exactly
    // that picture; at 100% it is tinted where the mask is high, so it differs from the picture.
    const pixels = (sel: string) => page.$eval(sel, (c) => {
      const canvas = c as HTMLCanvasElement;
      return { w: canvas.width, h: canvas.height, d: Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data) };
    });
    const input = await pixels('[data-testid=input-preview]');
    const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.fill('[data-testid=overlay-opacity]', '0');
    await frame();
    const clear = await pixels('[data-testid=output-overlay]');
    expect([clear.w, clear.h]).toEqual([input.w, input.h]);
    expect(clear.d).toEqual(input.d);
    expect(new Set(input.d.filter((_, i) => i % 4 === 0)).size).toBeGreaterThan(1); // the stroke is in it
    await page.fill('[data-testid=overlay-opacity]', '1');
    await frame();
    const tinted = await pixels('[data-testid=output-overlay]');
    const changed = tinted.d.filter((v, i) => v !== input.d[i]).length;
    expect(changed).toBeGreaterThan(input.w * input.h * 0.1);

    // The first answer's time is labelled as including warm-up; the next one's is not.
    expect(await page.textContent('[data-testid=device-latency]')).toContain('with warm-up');
    const first = await page.getAttribute('[data-testid=demo-output]', 'data-kind');
    await page.click('[data-testid=draw-pad] ~ button:has-text("Clear")');
    await draw(page);
    await page.waitForSelector('[data-testid=warmup-note]', { state: 'detached', timeout: 60_000 });
    expect(await page.textContent('[data-testid=device-latency]')).not.toContain('warm-up');
    expect(await page.getAttribute('[data-testid=demo-output]', 'data-kind')).toBe(first);

    // Predict draws the same output, over the same picture.
    await page.evaluate(() => { location.hash = '#/predict'; });
    const onPredict = await page.waitForSelector('section[data-output=mask] canvas[data-testid=output-overlay]', { timeout: 30_000 });
    expect(await onPredict.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height])).toEqual([224, 224]);
    expect(app.pageErrors).toEqual([]);
  });

  it('explains a 192×48 classifier by occlusion, saying how many runs it takes first', async () => {
    const { page } = app;
    await uploadAndDemo(page, 'narrow_classifier.onnx');
    await page.waitForSelector('[data-testid=demo-answer]', { timeout: 60_000 });
    // Either it is quick enough to start by itself, or it shows its cost and waits.
    const first = await page.waitForSelector('[data-testid=occlusion-plan], [data-testid=explain-cancel], [data-testid=heatmap]', { timeout: 60_000 });
    if ((await first.getAttribute('data-testid')) === 'occlusion-plan') {
      expect(await first.textContent()).toMatch(/takes \d+ model runs, about \d+ (s|min)/);
      await page.click('[data-testid=occlusion-plan] button:has-text("Explain")');
      await page.waitForSelector('[data-testid=explain-cancel]', { timeout: 10_000 }).catch(() => undefined);
    }
    await page.waitForSelector('[data-testid=heatmap]', { timeout: 120_000 });
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps the aspect and pads on the 192×48 classifier; pad and preview are 4:1; labels edited in the card name the answer', async () => {
    const { page } = app;
    await uploadAndDemo(page, 'narrow_classifier.onnx', async () => {
      await page.click('summary:has-text("Preprocessing")');
      await page.selectOption('[data-testid=resize-mode]', 'pad');
      await page.fill('[data-testid=pad-value]', '255');
      await page.press('[data-testid=pad-value]', 'Tab');
    });
    await page.waitForSelector('[data-testid=demo-answer]', { timeout: 60_000 });
    // The drawing pad has the input's 4:1 shape too.
    const padBox = (await (await page.$('[data-testid=draw-pad]'))!.boundingBox())!;
    expect(padBox.width / padBox.height).toBeCloseTo(4, 1);
    // A square picture (black, a white square in the middle) fits as 48×48 in the middle: columns
    // 0–71 and 120–191 are the pad gray 255, the middle holds the picture's black.
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = c.height = 100;
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 100, 100);
      ctx.fillStyle = '#fff';
      ctx.fillRect(40, 40, 20, 20);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await page.click('[role=tab]:has-text("Upload")');
    await page.setInputFiles('[data-testid=image-file]', { name: 'square.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid=input-preview]') as HTMLCanvasElement;
      return c.getContext('2d')!.getImageData(0, 0, 1, 1).data[0] === 255 && c.getContext('2d')!.getImageData(95, 24, 1, 1).data[0] === 255;
    });
    const seen = await page.$eval('[data-testid=input-preview]', (c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const col = (x: number) => Array.from({ length: canvas.height }, (_, y) => d[(y * canvas.width + x) * 4]!);
      const r = canvas.getBoundingClientRect();
      return { w: canvas.width, h: canvas.height, left: [0, 40, 71].flatMap(col), right: [120, 150, 191].flatMap(col), middle: [73, 95, 118].flatMap(col), aspect: r.width / r.height };
    });
    expect([seen.w, seen.h]).toEqual([192, 48]);
    expect(seen.aspect).toBeCloseTo(4, 1);
    expect(new Set([...seen.left, ...seen.right])).toEqual(new Set([255]));
    expect(Math.min(...seen.middle)).toBeLessThan(40);
    expect(Math.max(...seen.middle)).toBeGreaterThan(200); // the white square

    // Labels typed in the card editor name the classes of the answer (kept with the card).
    expect(['0', '1']).toContain(await page.getAttribute('[data-testid=demo-answer]', 'data-label'));
    await page.click('[data-testid=card-edit]');
    await page.fill('[data-testid=card-labels-edit]', 'upright\nupside down\n');
    expect(await page.textContent('[data-testid=card-labels-count]')).toBe('2 labels');
    await page.click('[data-testid=card-done]');
    await page.waitForFunction(() => ['upright', 'upside down'].includes(document.querySelector('[data-testid=demo-answer]')?.getAttribute('data-label') ?? ''));
    expect(await page.textContent('[data-testid=card-labels]')).toContain('upright, upside down');
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('edgeprobe.demoCard.')).map((k) => JSON.parse(localStorage.getItem(k)!).labels));
    expect(stored).toContainEqual(['upright', 'upside down']);
    // Predict names its classes by the same labels.
    await page.evaluate(() => { location.hash = '#/predict'; });
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=top-class]');
    expect(['upright', 'upside down']).toContain(await page.getAttribute('[data-testid=top-class]', 'data-label'));

    // Or from a labels/keys text file; a file that is not text is refused by name, labels kept.
    await page.evaluate(() => { location.hash = '#/demo'; });
    await page.click('[data-testid=card-edit]');
    await page.setInputFiles('[data-testid=card-labels-file]', { name: 'model.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x08, 0x07, 0x00, 0x12]) });
    expect(await (await page.waitForSelector('.card [role=alert]')).textContent()).toMatch(/model\.onnx: this is not a text file/);
    await page.setInputFiles('[data-testid=card-labels-file]', { name: 'keys.txt', mimeType: 'text/plain', buffer: Buffer.from('left\r\nright\r\n') });
    await page.waitForFunction(() => ['left', 'right'].includes(document.querySelector('[data-testid=demo-answer]')?.getAttribute('data-label') ?? ''));
    expect(await page.inputValue('[data-testid=card-labels-edit]')).toBe('left\nright');
    await page.click('[data-testid=card-done]');

    // The Model screen's card shows the edited labels and says they are this device's edit.
    await page.evaluate(() => { location.hash = '#/model'; });
    const cardLabels = await (await page.waitForSelector('[data-testid=model-card-labels]')).textContent();
    expect(cardLabels).toContain('left, right');
    expect(cardLabels).toContain('edited on this device');

    // Compare names the classes by the same labels: images labelled by their names (…-0, …-1),
    // this device as the baseline; the worst table and the sample's title say "left"/"right".
    await page.evaluate(() => { location.hash = '#/compare'; });
    await page.waitForSelector('[data-testid=baseline-url]');
    await page.check('input[name=sample-source][value=upload]');
    const digit = readFileSync(fixture('public/samples/digits-clean/000-1.png'));
    await page.setInputFiles('[data-testid=sample-file]', [
      { name: '000-0.png', mimeType: 'image/png', buffer: digit },
      { name: '001-1.png', mimeType: 'image/png', buffer: digit },
    ]);
    await page.check('[data-testid=baseline-local]');
    await page.click('[data-testid=compare-run]');
    await page.waitForSelector('[data-testid=worst]', { timeout: 90_000 });
    const named = await page.$$eval('[data-testid=worst] tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent?.trim()).sort());
    expect(named).toEqual(['left', 'right']);
    await page.click('[data-testid=worst] button[aria-label="Open sample 2"]');
    expect(await (await page.waitForSelector('#sample-title')).textContent()).toContain('label right');
    expect(app.pageErrors).toEqual([]);
  });
});
