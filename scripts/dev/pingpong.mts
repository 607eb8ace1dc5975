// Developer probe: the bare cost of a page → worker → page postMessage round trip in this
// Chromium (no comlink, no onnxruntime), to judge the engine's end-to-end overhead against it.
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../src/cli/static.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/browser.ts';

const server = await serveStatic(resolve(import.meta.dirname, '../../dist'));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${server.url}/harness.html`);
// A string, not a function: the TypeScript loader would inject helpers the page does not have.
const r = (await page.evaluate(`(async () => {
  const src = 'onmessage = (e) => postMessage(e.data);';
  const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
  const once = (msg) => new Promise((ok) => { w.onmessage = ok; w.postMessage(msg); });
  const payload = { inputs: { features: { type: 'float32', dims: [1, 5], data: new Float32Array(5) } } };
  for (let i = 0; i < 200; i++) await once(payload);
  const t = [];
  for (let i = 0; i < 2000; i++) { const t0 = performance.now(); await once(payload); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b);
  return { p50: t[1000], p90: t[1800], crossOriginIsolated };
})()`)) as { p50: number; p90: number; crossOriginIsolated: boolean };
console.log(`bare postMessage round trip: p50 ${r.p50.toFixed(3)} ms, p90 ${r.p90.toFixed(3)} ms (isolated: ${r.crossOriginIsolated})`);
await browser.close();
await server.close();
