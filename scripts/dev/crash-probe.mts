import { BrowserRuntime } from '../../src/cli/browser.ts';
const rt = await BrowserRuntime.open();
await rt.init(1);
const m = rt.mount('/work/main/public/models/weather.onnx');
const l: any = await rt.call('load', m, 'wasm');
for (const kind of ['throw', 'oom']) {
  const t0 = Date.now();
  const r = await rt.call('crash', kind);
  console.log(kind, JSON.stringify(r), Date.now() - t0, 'ms');
  const run: any = await rt.call('run', l.sessionId, { inputs: [{ name: 'features', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] }] });
  console.log('after', kind, run.error ?? run.outputs[0].data.slice(0, 2));
}
await rt.close();
