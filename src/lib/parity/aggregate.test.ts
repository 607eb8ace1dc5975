// Aggregation over samples: overall metrics equal NumPy's over the concatenation, per-sample max
// errors and the worst-N list match, and classifier agreement marks the disagreeing sample.
import { describe, expect, it } from 'vitest';
import { compareSamples } from './aggregate.ts';
import { OutputMismatchError, ParityInputError } from './errors.ts';
import { dec, expectClose, parity, tensor } from './fixture.ts';

describe('compareSamples vs NumPy', () => {
  const { samples, worstN, expected } = parity.aggregate;
  const pairs = samples.map((s, i) => ({ device: tensor(s.device), baseline: tensor(s.baseline), id: `s${i}` }));

  it('computes overall metrics over all elements of all samples', () => {
    const r = compareSamples(pairs, { worstN });
    for (const k of ['maxAbs', 'meanAbs', 'medianAbs', 'p99Abs', 'maxRel', 'meanRel', 'medianRel', 'p99Rel', 'cosine', 'withinTol'] as const) {
      expectClose(r.overall[k], expected.overall[k], `overall ${k}`);
    }
    expect(r.overall.outside).toBe(expected.overall.outside);
    expect(r.overall.worstIndex).toBe(expected.overall.worstIndex);
    expect(r.overall.histogram.counts).toEqual(expected.overall.histogram.counts);
    expect(r.samples).toBe(20);
  });

  it('lists per-sample errors and the worst N samples, largest error first, with their ids', () => {
    const r = compareSamples(pairs, { worstN });
    r.perSample.forEach((s, i) => expectClose(s.maxAbs, expected.perSampleMaxAbs[i], `sample ${i} maxAbs`));
    expect(r.worst.map((s) => s.index)).toEqual(expected.worst);
    expect(r.worst[0]!.id).toBe(`s${expected.worst[0]}`);
    expect(r.failingSamples).toBe(r.perSample.filter((s) => s.outside > 0).length);
    expect(r.perSample[13]!.pass).toBe(false);
  });

  it('marks per-sample top-1 agreement when asked for classifier metrics', () => {
    const r = compareSamples(pairs, { classifier: { k: 3 } });
    expect(r.perSample.map((s) => s.top1Agree)).toEqual(expected.perSampleTop1Agree);
    expect(r.agreement!.rows).toBe(20);
    expect(r.agreement!.disagreeRows).toEqual([13]);
    expect(dec(r.agreement!.top1Agreement)).toBe(19 / 20);
  });

  it('handles one sample, and a worst list longer than the samples', () => {
    const r = compareSamples(pairs.slice(0, 1), { worstN: 5 });
    expect(r.worst.length).toBe(1);
    expect(r.overall.count).toBe(10);
  });

  it('rejects no samples, a mismatched sample (naming it) and a bad worstN', () => {
    expect(() => compareSamples([])).toThrow(ParityInputError);
    const bad = [...pairs.slice(0, 2), { ...pairs[2]!, baseline: { type: 'float32' as const, dims: [1, 9], data: new Float32Array(9) } }];
    expect(() => compareSamples(bad, {}, 'probs')).toThrow(OutputMismatchError);
    expect(() => compareSamples(bad, {}, 'probs')).toThrow(/probs \(sample s2\)/);
    expect(() => compareSamples(pairs, { worstN: -1 })).toThrow(ParityInputError);
  });
});
