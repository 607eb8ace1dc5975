// `edgeprobe compare … --sequence`: the samples are one stream of a streaming model. Where a side is
// a model (this device, or a baseline .onnx) it runs them as a sequence, its state outputs fed back
// into its state inputs (state→stateN, h→hn); a server cannot carry state, so it gets each sample as
// it is, with the state inputs the sample itself holds (the report's label says so).
import { pairsText as formatPairs } from '../lib/sequence/state-pairs.ts';
import type { CompareSample } from '../lib/compare/samples.ts';
import type { DeviceResult } from '../lib/compare/report.ts';
import { inspectModel } from '../lib/model/onnx.ts';
import { samplesAsSequence, sequenceRoles } from '../lib/sequence/plan.ts';
import type { SequencePlan } from '../lib/sequence/run.ts';
import type { SequenceValue } from '../lib/sequence/state-pairs.ts';

/** A model side's declared inputs and outputs. */
type Declared = { inputs: readonly SequenceValue[]; outputs: readonly SequenceValue[] };
import { UsageError } from './args.ts';
import { runPlan } from './run-sequence.ts';

/** The samples as a sequence plan for this model, or a UsageError naming why it has no state to carry. */
export function comparePlan(info: Declared, samples: readonly CompareSample[], side: string): SequencePlan {
  const roles = sequenceRoles(info.inputs, info.outputs);
  if (!roles.pairs.length) throw new UsageError(`--sequence: the ${side} has no state output that feeds an input (no pair such as h→hn or state→stateN)`);
  return samplesAsSequence(roles, info.inputs, samples.map((s) => s.inputs));
}

/** "hn→h, cn→c": the pairs carried, for the summary. */
export const pairsText = (plan: SequencePlan): string => formatPairs(plan.pairs, '→');

/** Run the samples as one sequence on a model (browser worker or onnxruntime-node); one result per sample. */
export async function runAsSequence(
  modelPath: string, bytes: Uint8Array, info: Declared, samples: readonly CompareSample[],
  opts: { runtime: 'browser' | 'native'; ep: 'wasm' | 'webgpu'; threads: number }, side: string,
): Promise<{ results: DeviceResult[]; backend: string; threads: number; pairs: string }> {
  const plan = comparePlan(info, samples, side);
  const r = await runPlan(modelPath, bytes, plan, opts);
  return { results: r.steps.map((s) => ({ outputs: s.outputs, computeMs: s.computeMs })), backend: r.backend, threads: r.threads, pairs: pairsText(plan) };
}

/** A baseline .onnx run natively as a sequence (its own state pairs, found in its own declaration). */
export async function baselineSequence(path: string, bytes: Uint8Array, samples: readonly CompareSample[]): Promise<DeviceResult[]> {
  const info = await inspectModel(bytes);
  return (await runAsSequence(path, bytes, info, samples, { runtime: 'native', ep: 'wasm', threads: 0 }, 'baseline model')).results;
}
