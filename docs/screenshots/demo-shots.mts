// Regenerates docs/screenshots/demo-{weather,digits}-{desktop,phone}.png from a built app:
//   npx vite build && npx tsx docs/screenshots/demo-shots.mts
// Serves dist/ (COOP/COEP) on a free port, opens the demo view in Debian's Chromium at 1280 and
// 390 px, gives each model a real input (a held-out weather day; a drawn "7"), waits for the
// explanation and the fairness table, and records one audience verdict so every panel shows.
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';

const root = resolve(import.meta.dirname, '../..');
const out = (name: string) => resolve(import.meta.dirname, name);
const server = await serveStatic(resolve(root, 'dist'));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

async function drawSeven(page: Page): Promise<void> {
  const pad = (await page.waitForSelector('[data-testid=draw-pad]', { timeout: 60_000 }))!;
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  const at = (fx: number, fy: number) => [b.x + b.width * fx, b.y + b.height * fy] as const;
  await page.mouse.move(...at(0.28, 0.25));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.22), { steps: 6 });
  await page.mouse.move(...at(0.45, 0.85), { steps: 10 });
  await page.mouse.up();
}

for (const id of ['weather', 'digits'] as const) {
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/demo?model=${id}`);
    if (id === 'digits') await drawSeven(page);
    await page.waitForSelector('[data-testid=attribution-bars], [data-testid=heatmap]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=fairness-table]', { timeout: 60_000 });
    await page.click('[data-testid=feedback-right]');
    await page.waitForSelector('[data-testid=feedback-accuracy]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(1, viewport.height - 1);
    await page.waitForTimeout(300);
    // Phones: the first screens (input, answer, why, groups); desktops: the whole view.
    await page.screenshot({ path: out(`demo-${id}-${label}.png`), fullPage: true, clip: label === 'phone' ? { x: 0, y: 0, width: 390, height: 2400 } : undefined });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log('wrote docs/screenshots/demo-{weather,digits}-{desktop,phone}.png');
