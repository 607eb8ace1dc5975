// Probe: how long measureUserAgentSpecificMemory takes in the harness with 1 and 2 wasm threads after
// a load (CLI Chromium flags: eager measurement). Seen here: 35 ms with 1 thread, 60 s (Chromium's
// timeout: the pool's workers never answer) with 2. Run: npx tsx scripts/dev/probe-memory-threads.mts
/* eslint-disable @typescript-eslint/no-explicit-any */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';
const server = await serveStatic(resolve('dist'));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${server.url}/harness.html`);
await page.waitForFunction(() => 'edgeprobe' in globalThis);
for (const threads of [1, 2]) {
  const r = await page.evaluate(async (threads) => {
    const ep = (globalThis as any).edgeprobe;
    await ep.init(threads);
    await ep.load('/models/weather.onnx', 'wasm');
    const t0 = performance.now();
    const m = await (performance as any).measureUserAgentSpecificMemory();
    return { threads, ms: performance.now() - t0, b: m.breakdown.map((b: any) => [b.bytes, b.types.join(), b.attribution.map((a: any) => a.scope).join()]) };
  }, threads);
  console.log(JSON.stringify(r));
}
await browser.close(); await server.close();
