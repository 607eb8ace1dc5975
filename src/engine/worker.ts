// The engine's Web Worker: exposes one Engine over comlink. onnxruntime loads lazily, and only
// the build the chosen backend needs (the wasm-only build is half the size of the WebGPU one).
import { expose } from 'comlink';
import { Engine } from './engine.ts';

expose(
  new Engine(async (backend) =>
    backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm'),
  ),
);
