// `edgeprobe run MODEL --sequence FILE`: a streaming model over a sequence, its state outputs fed back
// into its state inputs (h→hn, state→stateN). FILE is a WAV (cut into chunks of the stream input's
// shape) or JSONL (one OIP request of per-step inputs per line); other inputs stay fixed.
import type { ModelInfo } from '../lib/model/types.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import { toOipResponse, plainToOip } from '../lib/tensors/oip.ts';
import { decodeTensors, encodeTensors, type WireMap } from '../lib/tensors/wire.ts';
import { chunkSignal, decodeWav, isWavFile, jsonlSteps } from '../lib/sequence/chunks.ts';
import { sequencePlan, sequenceRoles, signalInput } from '../lib/sequence/plan.ts';
import { runSequence, type SequencePlan, type SequenceResult } from '../lib/sequence/run.ts';
import { scalarValue } from '../lib/sequence/scalars.ts';
import { readUserFile } from './io.ts';
import { UsageError } from './args.ts';
import { BrowserRuntime, isHarnessError } from './browser.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { basename } from 'node:path';

/** Steps from the file: a WAV (RIFF header or .wav name) is decoded and chunked, anything else read as JSONL. */
export function readSteps(path: string, info: Pick<ModelInfo, 'inputs' | 'outputs'>, shapes: Record<string, number[]>, fixed: TensorMap, log: (l: string) => void): TensorMap[] {
  const bytes = readUserFile(path, 'sequence');
  if (!isWavFile(bytes, path)) return jsonlSteps(new TextDecoder().decode(bytes), basename(path));
  const audio = decodeWav(bytes);
  const roles = sequenceRoles(info.inputs, info.outputs);
  const input = signalInput(roles);
  const rate = roles.scalars.map((n) => fixed[n]).find((t) => t && scalarValue(t) >= 4000);
  if (rate && scalarValue(rate) !== audio.sampleRate) {
    log(`edgeprobe: warning: ${basename(path)} is at ${audio.sampleRate} Hz but the model is given ${scalarValue(rate)} Hz; resample the file`);
  }
  const { steps, dropped } = chunkSignal(audio.samples, input, shapes[input] ?? []);
  log(`edgeprobe: ${basename(path)}: ${audio.samples.length} samples at ${audio.sampleRate} Hz → ${steps.length} steps of ${input} [${(shapes[input] ?? []).join(', ')}]${dropped ? ` (${dropped} more dropped)` : ''}`);
  return steps;
}

/** Run the plan natively or in the browser worker; times in ms. */
export async function runPlan(modelPath: string, bytes: Uint8Array, plan: SequencePlan, opts: { runtime: 'browser' | 'native'; ep: 'wasm' | 'webgpu'; threads: number; externalData?: string[] }): Promise<SequenceResult & { backend: string; threads: number }> {
  if (opts.runtime === 'native') {
    if (opts.ep !== 'wasm') throw new UsageError('--runtime native runs on the CPU; --ep webgpu needs --runtime browser');
    const runner = await createNativeRunner(opts.externalData?.length ? modelPath : bytes, { threads: opts.threads });
    try {
      return { ...(await runSequence((f) => runner.run(f), plan)), backend: 'cpu', threads: opts.threads };
    } finally {
      await runner.close();
    }
  }
  const rt = await BrowserRuntime.open();
  try {
    await rt.init(opts.threads || 1);
    const sessionId = await rt.load(modelPath, opts.ep, opts.externalData);
    const wire = { steps: plan.steps.map(encodeTensors), fixed: encodeTensors(plan.fixed), initial: encodeTensors(plan.initial), pairs: plan.pairs };
    const r = await rt.call<{ steps: { outputs: WireMap; computeMs: number }[]; state: WireMap; threads: number } | { error: { name: string; message: string } }>('runSequenceWire', sessionId, wire);
    if (isHarnessError(r)) throw Object.assign(new Error(r.error.message), { name: r.error.name });
    return { steps: r.steps.map((s) => ({ outputs: decodeTensors(s.outputs), computeMs: s.computeMs })), state: decodeTensors(r.state), backend: opts.ep, threads: r.threads };
  } finally {
    await rt.close();
  }
}

/** The response: one OIP response per step (state outputs left out), the final state, and totals. */
export function sequenceResponse(model: string, plan: SequencePlan, r: SequenceResult & { backend: string; threads: number }, runtime: string) {
  return {
    model_name: model,
    steps: r.steps.map((s, i) => ({ step: i, ...toOipResponse(model, s.outputs), compute_ms: s.computeMs })),
    state: Object.entries(r.state).map(([n, t]) => plainToOip(n, t)),
    parameters: {
      runtime, backend: r.backend, threads: r.threads, steps: r.steps.length,
      state_pairs: plan.pairs.map((p) => `${p.output}->${p.input}`).join(','),
      compute_ms: r.steps.reduce((a, s) => a + s.computeMs, 0),
    },
  };
}

/** Everything `run --sequence` needs beyond the usual run options. */
export async function runSequenceCommand(file: string, bytes: Uint8Array, info: ModelInfo, sequence: string, shapes: Record<string, number[]>, fixed: TensorMap, opts: { runtime: 'browser' | 'native'; ep: 'wasm' | 'webgpu'; threads: number; externalData: string[] }): Promise<ReturnType<typeof sequenceResponse>> {
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const roles = sequenceRoles(info.inputs, info.outputs);
  // Before reading the file: a model without state has nothing to carry between steps.
  if (!roles.pairs.length) throw new UsageError('the model has no state output that feeds an input (no pair such as h→hn or state→stateN); --sequence needs a streaming model');
  const steps = readSteps(sequence, info, shapes, fixed, log);
  let plan: SequencePlan;
  try {
    plan = sequencePlan(roles, info.inputs, shapes, fixed, steps);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  log(`edgeprobe: ${steps.length} steps, state ${plan.pairs.map((p) => `${p.output}→${p.input} (by ${p.by})`).join(', ')}`);
  const r = await runPlan(file, bytes, plan, opts);
  return sequenceResponse(basename(file).replace(/\.onnx$/i, ''), plan, r, opts.runtime);
}
