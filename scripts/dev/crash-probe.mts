// Dev probe: how fast the CLI's browser runtime notices a crashed engine worker (a throw and an
// out-of-memory abort) and whether the next run works: `npx tsx scripts/dev/crash-probe.mts`.
import { BrowserRuntime } from '../../src/cli/browser.ts';
const rt = await BrowserRuntime.open();
await rt.init(1);
const m = rt.mount(new URL('../../public/models/weather.onnx', import.meta.url).pathname);
const l: any = await rt.call('load', m, 'wasm');
for (const kind of ['throw', 'oom']) {
  const t0 = Date.now();
  const r = await rt.call('crash', kind);
  console.log(kind, JSON.stringify(r), Date.now() - t0, 'ms');
  const run: any = await rt.call('run', l.sessionId, { inputs: [{ name: 'features', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] }] });
  console.log('after', kind, run.error ?? run.outputs[0].data.slice(0, 2));
}
await rt.close();
