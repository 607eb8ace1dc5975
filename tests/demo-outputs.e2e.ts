// The Demo view for models that are not the bundled classifiers: a segmentation model's mask is
// drawn (not an empty panel), and "Why this answer?" works on a 192×48 image classifier, with the
// occlusion's run count shown and a Cancel while it runs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, fixture, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

async function uploadAndDemo(page: Page, file: string) {
  await page.goto(`${app.url}/#/model`);
  await page.setInputFiles('[data-testid=model-file]', fixture(`tests/fixtures/models/${file}`));
  await page.waitForFunction((t) => document.querySelector('#card-title')?.textContent?.includes(t), file.replace('.onnx', ''));
  await page.evaluate(() => { location.hash = '#/demo'; });
  const pad = await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 });
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
});
