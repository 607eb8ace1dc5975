// Running a streaming model over a sequence: each step's own inputs, the fixed inputs (a sample rate),
// and the state the previous step returned (zeros at first). One runner for the browser engine, the
// native runtime and Compare, so every place feeds state back the same way.
import type { PlainTensor, TensorMap } from '../tensors/types.ts';
import type { StatePair } from './state-pairs.ts';
import { CancelledError } from '../cancel.ts';
import { InputShapeError } from '../tensors/errors.ts';

/** One inference: feeds in, outputs and session.run's time (ms) out. */
export type RunStep = (feeds: TensorMap) => Promise<{ outputs: TensorMap; computeMs: number }>;

export interface SequencePlan {
  /** Per-step inputs (what changes each step: an audio chunk), in order. */
  steps: readonly TensorMap[];
  /** Inputs the same at every step (a sample rate); a step's own input of that name wins. */
  fixed: TensorMap;
  /** State inputs at step 0 (usually zeros), by input name; every pair's input must be here. */
  initial: TensorMap;
  pairs: readonly StatePair[];
}

/** What one step gave: the outputs that are not state (state would be most of the bytes), and time. */
export interface StepResult {
  outputs: TensorMap;
  /** ms in session.run for this step. */
  computeMs: number;
}

export interface SequenceResult {
  steps: StepResult[];
  /** The state after the last step (input name → tensor), to continue from or compare. */
  state: TensorMap;
}

export interface SequenceOptions {
  signal?: AbortSignal;
  /** Told after each step (index from 0); awaited, so a slow listener slows the loop. */
  onStep?: (index: number, step: StepResult) => void | Promise<void>;
}

/**
 * Run the steps in order, feeding each pair's output back into its input.
 * @throws InputShapeError when a state input has no initial value or a step lacks a paired output;
 * CancelledError (saying how many steps were done) when `signal` fires between steps.
 */
export async function runSequence(run: RunStep, plan: SequencePlan, opts: SequenceOptions = {}): Promise<SequenceResult> {
  const state: TensorMap = {};
  for (const p of plan.pairs) {
    const t = plan.initial[p.input];
    if (!t) throw new InputShapeError(`state input "${p.input}" has no initial value; give it (zeros are usual)`);
    state[p.input] = t;
  }
  const stateOutputs = new Set(plan.pairs.map((p) => p.output));
  const results: StepResult[] = [];
  for (let i = 0; i < plan.steps.length; i++) {
    if (opts.signal?.aborted) throw new CancelledError(`the sequence was cancelled after ${i} of ${plan.steps.length} steps`);
    const feeds: TensorMap = { ...plan.fixed, ...plan.steps[i], ...state };
    const r = await run(feeds);
    for (const p of plan.pairs) {
      const next = r.outputs[p.output];
      if (!next) throw new InputShapeError(`step ${i + 1} gave no output "${p.output}" to feed back into "${p.input}"`);
      state[p.input] = next;
    }
    const outputs: TensorMap = {};
    for (const [name, t] of Object.entries(r.outputs)) if (!stateOutputs.has(name)) outputs[name] = t;
    const step = { outputs, computeMs: r.computeMs };
    results.push(step);
    await opts.onStep?.(i, step);
  }
  return { steps: results, state };
}

/** A zero tensor of the given type and dims (the usual initial state). */
export function zerosLike(type: PlainTensor['type'], dims: readonly number[]): PlainTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = type === 'int64' ? new BigInt64Array(n) : type === 'float64' ? new Float64Array(n) : type === 'int32' ? new Int32Array(n) : type === 'float16' ? new Uint16Array(n) : new Float32Array(n);
  return { type, dims: [...dims], data };
}

/** One number per step from an output (its first element), e.g. a VAD's speech probability. */
export function stepSeries(steps: readonly StepResult[], output: string): number[] {
  return steps.map((s) => {
    const d = s.outputs[output]?.data;
    const v = d && d.length ? d[0] : NaN;
    return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  });
}
