// In-process onnxruntime-node for the CLI's `--runtime native` (run, bench, compare): the same
// plain-data interface as the browser engine, so the two runtimes can be compared in one command.
import * as ort from 'onnxruntime-node';
import type { PlainTensor, TensorMap } from '../lib/tensors/types.ts';
import { checkInputs, isFixedDim } from '../lib/tensors/shape.ts';
import { ModelLoadError } from '../lib/model/errors.ts';

export interface NativeValueInfo {
  name: string;
  type: string;
  dims: (number | string | null)[];
}

export interface NativeRunner {
  inputs: NativeValueInfo[];
  outputs: NativeValueInfo[];
  /** ms spent creating the session. */
  createMs: number;
  threads: number;
  run(inputs: TensorMap, outputNames?: string[]): Promise<{ outputs: TensorMap; computeMs: number }>;
  /** Per-operator profile collected since the session started (needs `profiling: true`). */
  endProfiling(): Promise<string | undefined>;
  close(): Promise<void>;
}

export const nativeVersion = (): string => ort.env.versions?.node ?? ort.env.versions?.common ?? 'unknown';

const describe = (meta: readonly ort.InferenceSession.ValueMetadata[]): NativeValueInfo[] =>
  meta.map((m) => (m.isTensor ? { name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === 'number' && !isFixedDim(d) ? null : d)) } : { name: m.name, type: 'unknown', dims: [] }));

/** Create a native session. `threads` sets intra-op threads (0 = onnxruntime's default). */
export async function createNativeRunner(
  /** Model bytes, or a file path (needed when the model keeps weights in external data files). */
  model: Uint8Array | string,
  opts: { threads?: number; graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all'; profiling?: boolean } = {},
): Promise<NativeRunner> {
  const t0 = performance.now();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(model as string, {
      intraOpNumThreads: opts.threads ?? 0,
      graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
      logSeverityLevel: 3,
      enableProfiling: opts.profiling === true,
      // onnxruntime-node refuses profiling without a file prefix; the file lands in the cwd.
      ...(opts.profiling ? { profileFilePrefix: 'onnxruntime_profile' } : {}),
    });
  } catch (e) {
    throw new ModelLoadError(`onnxruntime-node could not load the model: ${(e as Error).message}`);
  }
  const createMs = performance.now() - t0;
  const inputs = describe(session.inputMetadata);
  const outputs = describe(session.outputMetadata);
  return {
    inputs,
    outputs,
    createMs,
    threads: opts.threads ?? 0,
    async run(feedsIn, outputNames) {
      checkInputs(inputs.map((i) => ({ ...i, dims: i.type === 'unknown' ? null : i.dims })), feedsIn);
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feedsIn)) feeds[name] = new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
      const s = performance.now();
      const res = outputNames?.length ? await session.run(feeds, outputNames) : await session.run(feeds);
      const computeMs = performance.now() - s;
      const out: TensorMap = {};
      for (const [name, v] of Object.entries(res)) out[name] = { type: v.type as PlainTensor['type'], dims: [...v.dims], data: v.data as PlainTensor['data'] };
      return { outputs: out, computeMs };
    },
    async endProfiling() {
      return (session as unknown as { endProfiling?: () => string }).endProfiling?.();
    },
    close: () => session.release(),
  };
}
