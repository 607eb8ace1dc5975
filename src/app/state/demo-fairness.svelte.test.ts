import { describe, it, expect } from 'vitest';
import { GroupFairness, mostCommon, type SampleClassifier } from './demo-fairness.svelte.ts';
import { DEFAULT_SETTINGS, type DemoSettings } from './demo-link.ts';
import type { LabelledSample } from './samples.ts';

// Rows are [month, wind]; the "model" is a fixed table of class probabilities per row, so the
// expected rates can be counted by hand.
const sample = (month: number, wind: number, label: number): LabelledSample => ({ inputs: { x: { type: 'float32', dims: [1, 2], data: Float32Array.of(month, wind) } }, label });
const sets = [
  { name: 'a', description: '', samples: [sample(1, 3, 1), sample(7, 3, 1)] },
  { name: 'b', description: '', samples: [sample(1, 5, 0), sample(7, 5, 0), { inputs: {}, labelName: 'unlabelled' } as LabelledSample] },
];
const rowsOf = (f: GroupFairness) => f.labelled().map(({ s }) => s.inputs.x!.data as Float32Array);
// Predictions: a → 1, 0; b → 0, 0.
const classify: SampleClassifier = async (rows, onProgress) => {
  onProgress(rows.length);
  return { output: 'probs', probs: [Float32Array.of(0.2, 0.8), Float32Array.of(0.9, 0.1), Float32Array.of(0.6, 0.4), Float32Array.of(0.7, 0.3)] };
};

function make(settings: Partial<DemoSettings> = {}, best?: number) {
  const s = $state<{ v: DemoSettings }>({ v: { ...DEFAULT_SETTINGS, ...settings } });
  const f = new GroupFairness({ settings: () => s.v, featureNames: () => ['month', 'wind'], best: () => best });
  f.sets = sets;
  return { f, s };
}

describe('GroupFairness', () => {
  it('measures labelled samples only, and offers set, season and feature groupings', async () => {
    const { f } = make({ positive: 1 });
    expect(f.labelled()).toHaveLength(4);
    await f.measure(rowsOf(f), classify);
    expect(f.slicesError).toBeNull();
    expect(f.outcomes.map((o) => [o.set, o.label, o.predicted])).toEqual([['a', 1, 1], ['a', 1, 0], ['b', 0, 0], ['b', 0, 0]]);
    expect(f.groupOptions.map((o) => o.id)).toEqual(['set', 'season:0', 'feature:0', 'feature:1']);
  });

  it('by set: positive rates 1/2 and 0, so the parity gap is 0.5', async () => {
    const { f } = make({ positive: 1 });
    await f.measure(rowsOf(f), classify);
    const fair = f.fairness!;
    expect(fair.group).toBe('set');
    expect(fair.rates.map((r) => [r.group, r.count, r.positiveRate, r.accuracy])).toEqual([['a', 2, 0.5, 0.5], ['b', 2, 0, 1]]);
    expect(fair.dpd).toBeCloseTo(0.5);
  });

  it('follows the grouping chosen (a user event) through $derived', async () => {
    const { f, s } = make({ positive: 1 });
    await f.measure(rowsOf(f), classify);
    await f.setGroup('feature:1');
    expect(s.v.group).toBe('feature:1');
    // wind 3 (set a) vs wind 5 (set b): the same split as by set.
    expect(f.fairness!.rates.map((r) => r.group)).toEqual(['3', '5']);
    await f.setGroup('season:0');
    expect(f.fairness!.rates.map((r) => r.group).sort()).toEqual(['summer', 'winter']);
  });

  it('tracks the class being shown when no positive class is chosen, else the most common label', async () => {
    const shown = make({ positive: -1 }, 1);
    await shown.f.measure(rowsOf(shown.f), classify);
    expect(shown.f.fairness!.positive).toBe(1);
    const none = make({ positive: -1 });
    await none.f.measure(rowsOf(none.f), classify);
    expect(none.f.fairness!.positive).toBe(0); // two of each: the smaller label wins the tie
  });

  it('a model without class scores leaves a named error and no table', async () => {
    const { f } = make();
    await f.measure(rowsOf(f), async () => { throw new TypeError('this model has no class-score output'); });
    expect(f.slicesError).toEqual({ name: 'TypeError', message: 'this model has no class-score output' });
    expect(f.fairness).toBeNull();
    expect(f.slicesProgress).toBeNull();
  });

  it('reset forgets the measured outcomes', async () => {
    const { f } = make();
    await f.measure(rowsOf(f), classify);
    f.reset(Promise.resolve(null));
    expect(f.outcomes).toEqual([]);
    expect(f.fairness).toBeNull();
    expect(f.groupParity).toBeNull();
  });
});

describe('mostCommon', () => {
  it('prefers the smaller value on a tie', () => {
    expect(mostCommon([2, 1, 2, 1])).toBe(1);
    expect(mostCommon([3, 3, 1])).toBe(3);
    expect(mostCommon([])).toBe(0);
  });
});
