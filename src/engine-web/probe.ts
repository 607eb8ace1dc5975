// What the engine tells about the device and about a failed load, apart from the engine itself:
// the WebGPU adapter probe (naming a software adapter) and onnxruntime's load errors in plain words.
import type { EnvironmentInfo } from './protocol.ts';
import { sniffFormat } from '../lib/model/sniff.ts';
import { softwareAdapterName, type AdapterInfoLike } from '../lib/bench/gpu.ts';

export interface GPULike {
  requestAdapter(): Promise<{ info?: AdapterInfoLike; isFallbackAdapter?: boolean } | null>;
}

export async function probeWebGpu(gpu: GPULike | undefined): Promise<EnvironmentInfo['webgpu']> {
  if (!gpu) return { available: false, reason: 'this browser has no navigator.gpu (WebGPU is off or unsupported)' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
    const info = adapter.info ?? {};
    // GPUAdapterInfo's fields are prototype getters: a spread would copy none of them.
    const software = softwareAdapterName({
      vendor: info.vendor, architecture: info.architecture, description: info.description, device: info.device,
      isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter,
    });
    return { available: true, vendor: info.vendor, architecture: info.architecture, description: info.description, ...(software ? { software } : {}) };
  } catch (e) {
    return { available: false, reason: `requesting a WebGPU adapter failed: ${(e as Error).message}` };
  }
}

/** Turn onnxruntime's terse failure into a message that names the problem. */
export function explainLoadFailure(model: Uint8Array, e: unknown): string {
  const raw = (e as Error)?.message ?? String(e);
  const looksLike = sniffFormat(model);
  if (looksLike) return `This file is ${looksLike}, not an ONNX model.`;
  if (/(opset|Opset)/.test(raw) && /support/.test(raw)) return `The model uses an opset onnxruntime-web does not support: ${raw}`;
  if (/Could not find an implementation|not (?:registered|implemented)|No (?:op|kernel)/i.test(raw)) {
    return `The model uses an operator this runtime cannot run: ${raw}`;
  }
  if (/protobuf|parse|Failed to load model/i.test(raw)) {
    return `This file is not a valid ONNX model (it could not be parsed; is it truncated or corrupt?): ${raw}`;
  }
  return `onnxruntime could not load the model: ${raw}`;
}
