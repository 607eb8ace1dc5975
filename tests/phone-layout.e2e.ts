// The app on a 390 px wide phone: a short header that scrolls away (not a sticky block over a
// fifth of the screen), tabs reachable by keyboard, no screen wider than the phone; and Predict
// shows the main output first with the auxiliary ones folded (keyboard-openable <details>).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, loadDemo, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model', { viewport: { width: 390, height: 844 } });
  await loadDemo(app.page, 'weather');
});
afterAll(async () => {
  await app?.close();
});

describe('at 390 px', () => {
  it('the header is short and not pinned; every screen fits the width; tabs work from the keyboard', async () => {
    const { page } = app;
    for (const screen of ['model', 'predict', 'bench', 'compare', 'drift', 'demo', 'devices']) {
      await page.evaluate((h) => { location.hash = h; }, `#/${screen}`);
      await page.waitForFunction((s) => document.querySelector(`nav a[href="#/${s}"]`)?.getAttribute('aria-current') === 'page' && !document.querySelector('main [aria-busy=true]'), screen);
      // The Devices screen's note names the collector's URL: a long word that must wrap.
      if (screen === 'devices') await page.waitForSelector('[data-testid=devices-note]', { timeout: 20_000 });
      const m = await page.evaluate(() => {
        const header = document.querySelector('header')!;
        return { height: header.getBoundingClientRect().height, position: getComputedStyle(header).position, viewport: innerHeight, width: document.documentElement.scrollWidth };
      });
      expect(m.height, screen).toBeLessThan(m.viewport * 0.12);
      expect(m.position, screen).not.toBe('sticky');
      expect(m.width, `${screen} page width`).toBeLessThanOrEqual(390);
      // No paragraph's text runs out of its box (long URLs and paths wrap).
      const overflowing = await page.$$eval('main p', (ps) => ps.filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent?.slice(0, 60)));
      expect(overflowing, screen).toEqual([]);
      // The open screen's tab is within the sideways-scrolling tab row's visible part.
      const tab = await page.$eval(`nav a[href="#/${screen}"]`, (a) => {
        const r = a.getBoundingClientRect();
        const n = a.parentElement!.getBoundingClientRect();
        return r.left >= n.left - 1 && r.right <= n.right + 1;
      });
      expect(tab, `${screen} tab in view`).toBe(true);
    }
    // Tab from the brand reaches the tabs; Enter opens one.
    await page.focus('a.brand');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#/model');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/predict');
  });

  it('Predict: the class probabilities first and open, the logits folded and opened by keyboard', async () => {
    const { page } = app;
    await page.evaluate(() => { location.hash = '#/predict'; });
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=probabilities] [data-testid=top-class]');
    const order = await page.$$eval('[data-output]', (els) => els.map((e) => `${e.getAttribute('data-output')}:${e.tagName.toLowerCase()}`));
    expect(order).toEqual(['probabilities:section', 'logits:details']);
    const logits = page.locator('details[data-output=logits]');
    expect(await logits.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await logits.locator(':scope > summary').textContent()).toMatch(/logits\s+float32 \[1, \d+\]/);
    await logits.locator(':scope > summary').focus();
    await page.keyboard.press('Enter');
    expect(await logits.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await logits.locator('.stats').isVisible()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
