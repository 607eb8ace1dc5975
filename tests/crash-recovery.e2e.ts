// Crash recovery in the app, as the user sees it: the inference worker is killed under the page
// (as the browser does on out-of-memory); the page notices within a second, says so, starts a new
// worker, and the loaded model and the inputs are still there and still predict.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { serveStatic, type StaticServer } from '../src/cli/static.ts';
import { launch, distDir } from './static-plain.ts';

let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** Workers started by the page, in order; a worker leaves this list when it is gone. */
const live: Worker[] = [];

beforeAll(async () => {
  server = await serveStatic(distDir);
  browser = await launch();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('worker', (w) => {
    live.push(w);
    w.on('close', () => live.splice(live.indexOf(w), 1));
  });
  await page.goto(`${server.url}/#/model`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The app's engine worker (a module worker from assets/worker-*.js), not onnxruntime's thread pool. */
async function engineWorker(): Promise<Worker> {
  for (let i = 0; i < 100; i++) {
    const w = live.findLast((x) => /\/assets\/worker-[^/]*\.js$/.test(x.url()));
    if (w) return w;
    await page.waitForTimeout(50);
  }
  throw new Error(`no engine worker among ${live.map((w) => w.url()).join(', ')}`);
}

async function predictRain(): Promise<string | null> {
  for (const [f, v] of Object.entries({ precipitation: '25', temp_max: '9', temp_min: '4', wind: '5', month: '11' })) await page.fill(`[data-feature=${f}]`, v);
  await page.click('button:has-text("Predict")');
  await page.waitForFunction(() => document.querySelector('[data-output=probabilities] [data-testid=top-class]') && !document.querySelector('[data-testid=run]')?.textContent?.includes('Running'));
  return page.getAttribute('[data-output=probabilities] [data-testid=top-class]', 'data-label');
}

describe('the inference worker dies', () => {
  it('is noticed, told to the user, and the model still predicts', async () => {
    await page.click('[data-demo=weather]');
    await page.waitForSelector('[data-testid=model-card]', { timeout: 60_000 });
    await page.click('text=Try it');
    expect(await predictRain()).toBe('rain');
    const before = await engineWorker();

    // Kill it from inside, the way the browser ends a worker that ran out of memory: no error event.
    void before.evaluate(() => (globalThis as unknown as { close(): void }).close()).catch(() => undefined);
    const notice = await page.waitForSelector('.notices :text("The inference worker crashed and was restarted")', { timeout: 5_000 });
    expect(await notice.isVisible()).toBe(true);

    // The rest of the state is kept: same model, same screen, and a fresh worker answers.
    expect(await page.textContent('.current')).toContain('Seattle');
    expect(await page.inputValue('[data-feature=precipitation]')).toBe('25');
    expect(await predictRain()).toBe('rain');
    expect(await engineWorker()).not.toBe(before);
  });

  it('survives a second crash in a row', async () => {
    const w = await engineWorker();
    void w.evaluate(() => (globalThis as unknown as { close(): void }).close()).catch(() => undefined);
    await page.waitForFunction(() => document.querySelectorAll('.notices > div').length >= 2, undefined, { timeout: 5_000 });
    expect(await predictRain()).toBe('rain');
  });

  it('had no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
