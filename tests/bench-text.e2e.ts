// The Benchmark screen with a text model: the bundled debian-sections folder (maximum 64 tokens)
// offers a sequence-length sweep (16, 64, 128, the last capped), runs one config per length on
// real token ids in the page's worker, and the rows, chart labels and history carry the length.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, loadDemo, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

describe('benchmark screen: a text model by sequence length', () => {
  it('sweeps 16 and 64 tokens (128 is over the maximum), one row and one chart mark per length', async () => {
    const { page } = app;
    await loadDemo(page, 'debian-sections');
    await page.evaluate(() => { location.hash = '#/bench'; });
    await page.waitForSelector('text=Latency benchmark');
    expect(await page.inputValue('#seq-in')).toBe('16, 64, 128');
    expect(await page.textContent('#seq-help')).toMatch(/up to 64 \(the model's maximum\) · sequence length 128: over the model's maximum length of 64 tokens; 64 is in the sweep already/);
    // Short runs: the machine is shared; this checks the sweep, not the timings.
    await page.fill('#runs-in', '10');
    await page.fill('#time-in', '0.1');
    await page.uncheck('text=per-operator profile');
    // One thread only (the device's default may tick more): the configs are then one per length.
    const threads = page.locator('[aria-labelledby=th-l] input[type=checkbox]');
    for (let i = 1; i < (await threads.count()); i++) await threads.nth(i).uncheck();
    await page.waitForFunction(() => /\b2 configs:/.test(document.querySelector('[data-testid=protocol-line]')?.textContent ?? ''));
    // A bad length is named before anything runs.
    await page.fill('#seq-in', '16, lots');
    await page.waitForSelector('p.error:has-text("\\"lots\\"")');
    await page.fill('#seq-in', '16, 64, 128');
    await page.click('button:has-text("Run benchmark")');
    await page.waitForSelector('[data-testid=bench-results]', { timeout: 120_000 });
    expect(app.pageErrors).toEqual([]);
    const rows = await page.$$eval('table.results tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('seq 16');
    expect(rows[1]).toContain('seq 64');
    const shapes = await page.$$eval('[data-testid=config-shapes]', (tds) => tds.map((t) => t.textContent));
    expect(shapes).toEqual(['input_ids=1×16 attention_mask=1×16', 'input_ids=1×64 attention_mask=1×64']);
    for (const r of rows) expect(r).toMatch(/\d+(\.\d+)? (µs|ms) \[/);
    const marks = await page.$$eval('svg[aria-label^="p50 latency per config"] g[role=button]', (gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    expect(marks.map((m) => m.split(':')[0])).toEqual(['wasm · 1 thread · opt all · seq 16', 'wasm · 1 thread · opt all · seq 64']);
    expect(await page.textContent('[data-testid=bench-results]')).toContain('Skipped sequence length 128');
    expect(await page.textContent('[data-testid=bench-results]')).toContain('saved to history');
  });
});
