// The engine's Web Worker: exposes one Engine over comlink. onnxruntime loads lazily, and only
// the build the chosen backend needs (the wasm-only build is half the size of the WebGPU one).
// Output buffers are transferred to the page, not copied.
import { expose, transfer } from 'comlink';
import { Engine } from './engine.ts';
import { buffersOf } from '../lib/tensors/buffers.ts';
import type { ProgressFn, RunResult, SequencePlan, SequenceResult } from './protocol.ts';
import type { TensorMap } from '../lib/tensors/types.ts';

class WorkerEngine extends Engine {
  override async run(sessionId: string, inputs: TensorMap, outputNames?: string[]): Promise<RunResult> {
    const r = await super.run(sessionId, inputs, outputNames);
    return transfer(r, buffersOf(Object.values(r.outputs)));
  }

  override async runMany(sessionId: string, samples: TensorMap[], onProgress?: ProgressFn): Promise<RunResult[]> {
    const rs = await super.runMany(sessionId, samples, onProgress);
    return transfer(rs, buffersOf(rs.flatMap((r) => Object.values(r.outputs))));
  }

  override async runSequence(sessionId: string, plan: SequencePlan, onProgress?: ProgressFn): Promise<SequenceResult> {
    const r = await super.runSequence(sessionId, plan, onProgress);
    return transfer(r, buffersOf([...r.steps.flatMap((s) => Object.values(s.outputs)), ...Object.values(r.state)]));
  }
}

expose(
  new WorkerEngine(async (backend) =>
    backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm'),
  ),
);
