// A sequence plan from a model's declaration: which inputs carry state (zeros at step 0), which one
// takes the stream (an audio chunk per step), and which stay fixed (a sample rate).
import type { TensorMap } from '../tensors/types.ts';
import { InputShapeError } from '../tensors/errors.ts';
import { pairStates, type SequenceValue, type StatePair } from './state-pairs.ts';
import { isScalarInput } from './scalars.ts';
import { zerosLike, type SequencePlan } from './run.ts';

/** The roles of a model's inputs over a sequence. */
export interface SequenceRoles {
  pairs: StatePair[];
  /** Inputs that change per step: neither state nor scalar (an audio chunk). */
  stream: string[];
  /** Scalar inputs: fixed over the sequence. */
  scalars: string[];
}

/** Sort the inputs into state, stream and scalar roles. */
export function sequenceRoles(inputs: readonly SequenceValue[], outputs: readonly SequenceValue[]): SequenceRoles {
  const pairs = pairStates(inputs, outputs);
  const state = new Set(pairs.map((p) => p.input));
  const scalars = inputs.filter((i) => !state.has(i.name) && isScalarInput(i)).map((i) => i.name);
  const stream = inputs.filter((i) => !state.has(i.name) && !scalars.includes(i.name)).map((i) => i.name);
  return { pairs, stream, scalars };
}

/** The one input a signal (audio) is cut into, or an error naming why there is not exactly one. */
export function signalInput(roles: SequenceRoles): string {
  if (roles.stream.length === 1) return roles.stream[0]!;
  throw new InputShapeError(roles.stream.length === 0
    ? 'the model has no input to stream a signal into (every input is state or a scalar)'
    : `the model has ${roles.stream.length} per-step inputs (${roles.stream.join(', ')}); give the steps as JSONL of OIP requests instead of audio`);
}

/**
 * The plan: the given steps; state inputs start as zeros at their concrete shapes; every other input
 * not in the steps comes from `fixed` (the current inputs: a sample rate, a generated tensor).
 * @throws InputShapeError when the model has no state to carry.
 */
export function sequencePlan(roles: SequenceRoles, inputs: readonly SequenceValue[], shapes: Readonly<Record<string, readonly number[]>>, fixed: TensorMap, steps: TensorMap[]): SequencePlan {
  if (!roles.pairs.length) throw new InputShapeError('the model has no state output that feeds an input (no pair such as h→hn or state→stateN); run its steps one by one instead');
  const initial: TensorMap = {};
  for (const p of roles.pairs) {
    const inp = inputs.find((i) => i.name === p.input)!;
    initial[p.input] = zerosLike(inp.type as never, shapes[p.input] ?? []);
  }
  const keep: TensorMap = {};
  for (const [name, t] of Object.entries(fixed)) if (!Object.hasOwn(initial, name)) keep[name] = t;
  return { steps, fixed: keep, initial, pairs: roles.pairs };
}

/**
 * A sample set run as a sequence (Compare's "samples are one stream"): each sample is a step; state
 * inputs start from the first sample's own values when it gives them (else zeros at the dims the
 * first sample implies: its batch, with the state's fixed dims), and are carried from then on — the
 * state later samples give is ignored, since the model's own state replaces it.
 * @throws InputShapeError when the model has no state, or a state input's size cannot be told.
 */
export function samplesAsSequence(roles: SequenceRoles, inputs: readonly SequenceValue[], samples: readonly TensorMap[]): SequencePlan {
  const first = samples[0] ?? {};
  const shapes: Record<string, number[]> = {};
  const bound = new Map<string, number>();
  for (const inp of inputs) {
    const t = first[inp.name];
    if (t) (inp.dims ?? []).forEach((d, i) => { if (typeof d === 'string' && d) bound.set(d, t.dims[i]!); });
  }
  for (const p of roles.pairs) {
    const inp = inputs.find((i) => i.name === p.input)!;
    const given = first[p.input];
    if (given) continue;
    shapes[p.input] = (inp.dims ?? []).map((d, i) => {
      if (typeof d === 'number' && d >= 0 && d < 2 ** 31 - 1) return d;
      const v = typeof d === 'string' ? bound.get(d) : undefined;
      if (v === undefined) throw new InputShapeError(`state input "${p.input}" dim ${i} (${d ?? 'unnamed'}) cannot be told from the first sample; give "${p.input}" in it`);
      return v;
    });
  }
  const state = new Set(roles.pairs.map((p) => p.input));
  const steps = samples.map((s) => Object.fromEntries(Object.entries(s).filter(([n]) => !state.has(n))));
  const plan = sequencePlan(roles, inputs, shapes, {}, steps);
  for (const p of roles.pairs) if (first[p.input]) plan.initial[p.input] = first[p.input]!;
  return plan;
}
