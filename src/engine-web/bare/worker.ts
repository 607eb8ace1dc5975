// The reference loop for harness-overhead figures: onnxruntime-web used directly, as its own
// benchmark tools do (create, warm up, time session.run), deliberately sharing no edgeprobe code.
export interface BareRequest {
  url: string;
  backend: 'wasm' | 'webgpu';
  threads: number;
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
  inputs: { name: string; type: string; dims: number[] }[];
  warmupRuns: number;
  minRuns: number;
  /** ms */
  minTimeMs: number;
}

export interface BareResult {
  createMs: number;
  /** session.run times in run order, ms */
  samples: number[];
}

function randomData(type: string, n: number) {
  switch (type) {
    case 'float32': return Float32Array.from({ length: n }, () => Math.random());
    case 'int32': return Int32Array.from({ length: n }, () => (Math.random() * 10) | 0);
    case 'int64': return BigInt64Array.from({ length: n }, () => BigInt((Math.random() * 10) | 0));
    case 'uint8': return Uint8Array.from({ length: n }, () => (Math.random() * 255) | 0);
    case 'bool': return Uint8Array.from({ length: n }, () => (Math.random() < 0.5 ? 1 : 0));
    case 'float64': return Float64Array.from({ length: n }, () => Math.random());
    default: throw new Error(`the bare loop does not generate ${type} inputs`);
  }
}

self.onmessage = async (ev: MessageEvent<BareRequest>) => {
  const req = ev.data;
  try {
    const ort = req.backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
    ort.env.wasm.numThreads = req.threads;
    const bytes = new Uint8Array(await (await fetch(req.url)).arrayBuffer());
    const t0 = performance.now();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [req.backend], graphOptimizationLevel: req.graphOptimizationLevel });
    const createMs = performance.now() - t0;
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const i of req.inputs) {
      const n = i.dims.reduce((a, b) => a * b, 1);
      feeds[i.name] = new ort.Tensor(i.type as 'float32', randomData(i.type, n) as Float32Array, i.dims);
    }
    for (let i = 0; i < req.warmupRuns + 1; i++) await session.run(feeds);
    const samples: number[] = [];
    const start = performance.now();
    while (samples.length < req.minRuns || performance.now() - start < req.minTimeMs) {
      const s = performance.now();
      await session.run(feeds);
      samples.push(performance.now() - s);
    }
    await session.release();
    self.postMessage({ ok: true, result: { createMs, samples } satisfies BareResult });
  } catch (e) {
    self.postMessage({ ok: false, error: String((e as Error)?.message ?? e) });
  }
};
