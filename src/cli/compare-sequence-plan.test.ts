// The plan `compare --sequence` makes from the samples: every sample a step, state h and c from zeros
// at the batch the first sample implies; a model without state is refused by name (exit 2 via UsageError).
import { describe, expect, it } from 'vitest';
import { comparePlan, pairsText } from './compare-sequence.ts';
import { UsageError } from './args.ts';
import type { CompareSample } from '../lib/compare/samples.ts';
import { scalarTensor } from '../lib/sequence/scalars.ts';

import { silero } from '../lib/sequence/silero.testing.ts';
const sample = (v: number): CompareSample => ({
  inputs: { input: { type: 'float32', dims: [1, 4], data: new Float32Array(4).fill(v) }, sr: scalarTensor('int64', [], 16000) },
}) as CompareSample;

describe('comparePlan', () => {
  it('makes each sample a step with h and c from zeros at [2, 1, 64]', () => {
    const plan = comparePlan(silero, [sample(0.1), sample(0.2), sample(0.3)], 'model');
    expect(plan.steps).toHaveLength(3);
    expect(plan.steps[1]!.input!.data[0]).toBeCloseTo(0.2);
    expect(plan.initial.h!.dims).toEqual([2, 1, 64]);
    expect([...(plan.initial.c!.data as Float32Array)].every((x) => x === 0)).toBe(true);
    expect(pairsText(plan)).toBe('hn→h, cn→c');
  });

  it('refuses a model without state pairs, naming the side', () => {
    const plain = { inputs: [{ name: 'features', type: 'float32', dims: [1, 5] }], outputs: [{ name: 'logits', type: 'float32', dims: [1, 3] }] };
    expect(() => comparePlan(plain, [sample(0)], 'baseline model')).toThrow(UsageError);
    expect(() => comparePlan(plain, [sample(0)], 'baseline model')).toThrow('--sequence: the baseline model has no state output');
  });
});
