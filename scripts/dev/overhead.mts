// Developer probe: p50 of a bare comlink round trip (environment()) and of run() on the weather model.
import { BrowserRuntime } from '../../src/cli/browser.ts';
const rt = await BrowserRuntime.open();
await rt.init(1);
const l = await rt.call<{ sessionId: string }>('load', rt.mount('public/models/weather.onnx'), 'wasm');
const req = { inputs: [{ name: 'features', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] }] };
console.log(await rt.call('overhead', l.sessionId, req));
await rt.close();
