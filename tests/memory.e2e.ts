// Memory after a model loads, in real Chromium: the card's worker JS heap comes from the page's
// performance.measureUserAgentSpecificMemory (no performance.memory in a worker). With the app's
// default wasm thread pool Chromium answers only at its 60 s timeout, hence the long wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, openApp, type AppSession } from './setup/app.ts';

let s: AppSession;
beforeAll(async () => { s = await openApp('#/model'); }, 60_000);
afterAll(async () => { await s?.close(); });

describe('memory after a model loads', () => {
  it('shows the worker\'s wasm heap, the worker\'s JS heap (measured) and the page\'s JS heap', async () => {
    await loadDemo(s.page, 'weather');
    const card = s.page.locator('[data-testid=memory-after-load]');
    await expect.poll(() => card.textContent(), { timeout: 100_000, interval: 1000 }).toMatch(/worker: wasm heap \d+(\.\d+)? MiB, JS heap \d+(\.\d+)? MiB · page JS heap \d+(\.\d+)? MiB/);
    expect(s.pageErrors).toEqual([]);
  }, 150_000);
});
