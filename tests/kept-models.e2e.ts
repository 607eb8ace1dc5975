// Models kept on the device: the loaded model is kept (with its external data), listed with its
// size beside the storage quota, loads again with the network cut, and is removed. Needs the
// "Kept on this device" section (src/app/components/StoredModels.svelte) on the model screen.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { servePlain, launch, root, type PlainServer } from './static-plain.ts';

let server: PlainServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await servePlain();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/#/model`);
  await page.waitForSelector('[data-testid=offline-status][data-phase=ready]', { timeout: 120_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kept on this device', () => {
  it('keeps the loaded model with its external data, listed with its size and the quota', async () => {
    await page.waitForSelector('[data-testid=kept-models]');
    expect(await page.textContent('[data-testid=kept-models]')).toContain('No models kept yet');
    await page.setInputFiles('[data-testid=model-file]', [`${root}/tests/fixtures/models/external_data.onnx`, `${root}/tests/fixtures/models/external_data.onnx.data`]);
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('external_data'));
    await page.click('[data-testid=keep-model]');
    const row = await page.waitForSelector('[data-kept]');
    // 194 B model + 2,048 B of weights.
    expect(await row.textContent()).toMatch(/external_data\.onnx\s*2\.2 KB with 1 data file/);
    expect(await page.textContent('[data-testid=storage-quota]')).toMatch(/used of .* available to this app/);
  });

  it('loads the kept model with the network cut, after a reload', async () => {
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await page.click('[data-kept] button:has-text("Load")');
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('external_data'));
    expect(await page.$('[role=alert]')).toBeNull();
  });

  it('removes it', async () => {
    await page.click('[data-kept] button:has-text("Remove")');
    await page.waitForFunction(() => !document.querySelector('[data-kept]'));
    const left = await page.evaluate(async () => (await (await caches.open('edgeprobe-kept-models')).keys()).length);
    expect(left).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
