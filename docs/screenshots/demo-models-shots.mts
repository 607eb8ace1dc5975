// Regenerates docs/screenshots/demo-mask-desktop.png and demo-narrow-phone.png from a built app:
//   npx vite build && npx tsx docs/screenshots/demo-models-shots.mts
// Opens the Demo on two test models from tests/fixtures/models: the segmentation model at 1280 px
// (its mask over the drawn picture, opacity slider), and the 192×48 classifier at 390 px with keep
// aspect + pad (gray 128), a square picture uploaded, and labels typed in the card.
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';

const root = resolve(import.meta.dirname, '../..');
const out = (name: string) => resolve(import.meta.dirname, name);
const server = await serveStatic(resolve(root, 'dist'));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

async function draw(page: Page): Promise<void> {
  const pad = await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 });
  // Centred, so the sticky header (tall at 390 px) does not take the strokes.
  await pad.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const b = (await pad.boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.2, b.y + b.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.8, b.y + b.height * 0.7, { steps: 10 });
  await page.mouse.up();
}

async function open(file: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
  await page.goto(`${server.url}/#/model`);
  await page.setInputFiles('[data-testid=model-file]', resolve(root, `tests/fixtures/models/${file}.onnx`));
  await page.waitForFunction((t) => document.querySelector('#card-title')?.textContent?.includes(t), file);
  await page.evaluate(() => { location.hash = '#/demo'; });
  await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 });
  return page;
}

try {
  const seg = await open('seg_constant', { width: 1280, height: 760 });
  await draw(seg);
  await seg.waitForSelector('[data-testid=output-overlay]', { timeout: 60_000 });
  await seg.evaluate(() => scrollTo(0, 0));
  await seg.screenshot({ path: out('demo-mask-desktop.png') });

  const narrow = await open('narrow_classifier', { width: 390, height: 1100 });
  await narrow.click('summary:has-text("Preprocessing")');
  await narrow.selectOption('[data-testid=resize-mode]', 'pad');
  await narrow.fill('[data-testid=pad-value]', '128');
  await narrow.press('[data-testid=pad-value]', 'Tab');
  await narrow.click('[data-testid=card-edit]');
  await narrow.fill('[data-testid=card-labels-edit]', 'upright\nupside down\n');
  await narrow.click('[data-testid=card-done]');
  // A square picture (a white ring on black), letterboxed into the 4:1 input.
  const png = await narrow.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = c.height = 120;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 120, 120);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 14;
    ctx.beginPath();
    ctx.arc(60, 60, 38, 0, 2 * Math.PI);
    ctx.stroke();
    return c.toDataURL('image/png').split(',')[1]!;
  });
  await narrow.click('[role=tab]:has-text("Upload")');
  await narrow.setInputFiles('[data-testid=image-file]', { name: 'ring.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await narrow.waitForSelector('[data-testid=demo-answer]', { timeout: 60_000 });
  await narrow.evaluate(() => document.querySelector('[data-testid=input-preview]')!.scrollIntoView({ block: 'start' }));
  await narrow.evaluate(() => scrollBy(0, -300));
  await narrow.screenshot({ path: out('demo-narrow-phone.png') });
} finally {
  await browser.close();
  await server.close();
}
