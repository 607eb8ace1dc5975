import { describe, it, expect } from 'vitest';
import { accuracy, findLabelColumn, predictionColumns } from './predictions.ts';
import { planModel } from './model-plan.ts';
import { parseCsv } from '../data/csv.ts';

const t = (data: number[], c: number) => ({ type: 'float32' as const, dims: [data.length / c, c], data: Float32Array.from(data) });

describe('prediction columns', () => {
  it('argmax and top probability; softmax applied to logits only (numpy: softmax([0, ln 3]) = [0.25, 0.75]; ln 3 stored as float32)', () => {
    const p = predictionColumns([t([0.2, 0.8, 0.9, 0.1], 2), t([0, Math.log(3)], 2)], ['no', 'yes']);
    expect(Array.from(p.index)).toEqual([1, 0, 1]);
    expect(p.predicted.dictionary).toEqual(['no', 'yes']);
    expect(p.topScore.values[0]).toBeCloseTo(0.8, 6);
    expect(p.topScore.values[2]).toBeCloseTo(0.75, 7);
    expect(p.predicted.name).toBe('prediction: class');
  });
  it('NaN score rows have no prediction', () => {
    const p = predictionColumns([t([NaN, NaN, 0.3, 0.7], 2)], null);
    expect(Array.from(p.index)).toEqual([-1, 1]);
    expect(Number.isNaN(p.topScore.values[0])).toBe(true);
  });
  it('labels default to class indices; no outputs give empty columns', () => {
    expect(predictionColumns([t([1, 2, 3], 3)], null).predicted.dictionary).toEqual(['0', '1', '2']);
    expect(predictionColumns([], null).index.length).toBe(0);
  });
  it('finds a text label column by its values and measures accuracy', () => {
    const table = parseCsv('x,weather\n1,rain\n2,sun\n3,\n4,snow\n');
    const found = findLabelColumn(table, ['rain', 'snow', 'sun'], 3)!;
    expect(found.name).toBe('weather');
    expect(Array.from(found.truth)).toEqual([0, 2, -1, 1]);
    expect(accuracy(Int32Array.from([0, 0, 1, 1]), found.truth)).toBeCloseTo(2 / 3, 12);
  });
  it('a numeric label column must hold class indices; nothing fits → null', () => {
    expect(findLabelColumn(parseCsv('label\n0\n9\n'), null, 10)!.name).toBe('label');
    expect(findLabelColumn(parseCsv('label\n0\n12\n'), null, 10)).toBeNull();
    expect(findLabelColumn(parseCsv('x\n1\n'), ['a'], 1)).toBeNull();
    expect(accuracy(Int32Array.from([1]), Int32Array.from([-1]))).toBeNull();
  });
});

describe('planModel', () => {
  const weather = {
    inputs: [{ name: 'features', type: 'float32', dims: ['batch', 5] }],
    outputs: [{ name: 'logits', type: 'float32', dims: ['batch', 5] }, { name: 'probabilities', type: 'float32', dims: ['batch', 5] }],
  };
  it('tabular model: feature names from the card, probabilities output, labels', () => {
    const { plan } = planModel(weather, { labels: ['a', 'b', 'c', 'd', 'e'], inputs: [{ featureNames: ['p', 'tx', 'tn', 'w', 'm'] }] }, null);
    expect(plan).toMatchObject({ features: ['p', 'tx', 'tn', 'w', 'm'], output: 'probabilities', image: null });
    expect(plan!.inputs[0].dims).toEqual([null, 5]);
  });
  it('feature names that do not match the width are not used; image models keep the spec', () => {
    expect(planModel(weather, { inputs: [{ featureNames: ['a'] }] }, null).plan!.features).toBeNull();
    const spec = { width: 28, height: 28, layout: 'NCHW' as const, channels: 'grayscale' as const, scale: 1 / 255, mean: [0], std: [1] };
    const img = planModel({ inputs: [{ name: 'image', type: 'float32', dims: ['batch', 1, 28, 28] }], outputs: [{ name: 'logits', type: 'float32', dims: ['batch', 10] }] }, null, spec);
    expect(img.plan!.image).toEqual(spec);
    expect(img.plan!.output).toBe('logits');
  });
  it('explains models it cannot use', () => {
    expect(planModel({ inputs: [], outputs: [] }, null, null).reason).toMatch(/no inputs/);
    expect(planModel({ inputs: [{ name: 's', type: 'string', dims: [1] }], outputs: [] }, null, null).reason).toMatch(/"s" is string/);
    expect(planModel({ inputs: [{ name: 'x', type: 'float32', dims: [1] }], outputs: [{ name: 'y', type: 'float32', dims: [1, 1] }] }, null, null).reason).toMatch(/class scores/);
  });
});
