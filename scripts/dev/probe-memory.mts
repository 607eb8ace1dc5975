// Probe: is performance.measureUserAgentSpecificMemory exposed in the built app (cross-origin
// isolated) in headless Chromium, how long does it take, and does it attribute worker memory?
// Run: npx tsx scripts/dev/probe-memory.mts [extra Chromium flags]
import { openApp, loadDemo } from '../../tests/setup/app.ts';

const args = process.argv.slice(2);
const s = await openApp('#/model', { args });
try {
  await loadDemo(s.page, 'weather');
  const r = await s.page.evaluate(async () => {
    const t0 = performance.now();
    const perf = performance as any;
    const exposed = typeof perf.measureUserAgentSpecificMemory === 'function';
    const m = exposed ? await perf.measureUserAgentSpecificMemory() : null;
    const card = document.querySelector('[data-testid=memory-after-load]')?.textContent;
    return { coi: crossOriginIsolated, exposed, ms: performance.now() - t0, card, m: m && { bytes: m.bytes, b: m.breakdown.map((b: any) => [b.bytes, b.types.join(), b.attribution.map((a: any) => a.scope).join()]) } };
  });
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
} finally {
  await s.close();
}
