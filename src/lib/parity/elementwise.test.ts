// Element-wise metrics against NumPy (scripts/fixtures/parity_fixtures.py), plus the degenerate
// inputs NumPy does not define the same way: NaN, infinities, empty outputs.
import { describe, expect, it } from 'vitest';
import { compareOutputs, compareValues, checkTolerance } from './elementwise.ts';
import { OutputMismatchError, ParityInputError } from './errors.ts';
import { expectClose, parity, tensor } from './fixture.ts';

const STATS = ['maxAbs', 'meanAbs', 'medianAbs', 'p99Abs', 'maxRel', 'meanRel', 'medianRel', 'p99Rel', 'cosine', 'withinTol'] as const;

describe('compareOutputs vs NumPy', () => {
  for (const c of parity.elementwise) {
    it(c.name, () => {
      const r = compareOutputs(tensor(c.device), tensor(c.baseline), { atol: c.atol, rtol: c.rtol });
      for (const k of STATS) expectClose(r[k], c.expected[k], `${c.name} ${k}`);
      expect(r.count).toBe(c.expected.count);
      expect(r.outside).toBe(c.expected.outside);
      expect(r.pass).toBe(c.expected.outside === 0);
      expect(r.worstIndex).toBe(c.expected.worstIndex);
      expect(r.worstAt).toEqual(c.expected.worstAt);
      expect(r.histogram.counts).toEqual(c.expected.histogram.counts);
      expect(r.histogram.zeros).toBe(c.expected.histogram.zeros);
      expect(r.tolerance).toEqual({ atol: c.atol, rtol: c.rtol });
    });
  }
});

describe('degenerate inputs', () => {
  const f = (...v: number[]) => Float64Array.from(v);

  it('treats matching NaNs and equal infinities as equal, one-sided NaN as an Infinity error', () => {
    const r = compareValues(f(NaN, Infinity, -Infinity, 1, NaN), f(NaN, Infinity, -Infinity, 1, 2), [5]);
    expect(r.nanMismatch).toBe(1);
    expect(r.outside).toBe(1);
    expect(r.maxAbs).toBe(Infinity);
    expect(r.worstIndex).toBe(4);
    expect(r.medianAbs).toBe(0);
    expect(r.histogram).toMatchObject({ zeros: 4, nonFinite: 1 });
  });

  it('counts opposite infinities as an Infinity error', () => {
    const r = compareValues(f(Infinity), f(-Infinity), [1]);
    expect(r.maxAbs).toBe(Infinity);
    expect(r.pass).toBe(false);
  });

  it('gives relative error 0 for 0 vs 0 and Infinity for x vs 0', () => {
    const r = compareValues(f(0, 1e-9), f(0, 0), [2]);
    expect(r.maxRel).toBe(Infinity);
    expect(r.medianRel).toBe(Infinity);
    expect(compareValues(f(0, 0), f(0, 0), [2]).maxRel).toBe(0);
    // 1e-9 is within atol even though its relative error is infinite.
    expect(r.pass).toBe(true);
  });

  it('returns neutral metrics for empty outputs', () => {
    const r = compareValues(f(), f(), [0, 10]);
    expect(r).toMatchObject({ count: 0, maxAbs: 0, cosine: 1, withinTol: 1, pass: true, worstIndex: -1 });
  });

  it('defines cosine for all-zero sides', () => {
    expect(compareValues(f(0, 0), f(0, 0), [2]).cosine).toBe(1);
    expect(compareValues(f(0, 0), f(1, 0), [2]).cosine).toBe(0);
    expect(compareValues(f(1, 2), f(-1, -2), [2]).cosine).toBeCloseTo(-1, 12);
  });

  it('compares bool outputs as 0/1 and int64 as numbers', () => {
    const r = compareOutputs({ type: 'bool', dims: [3], data: Uint8Array.from([1, 0, 1]) }, { type: 'bool', dims: [3], data: Uint8Array.from([1, 1, 1]) });
    expect(r).toMatchObject({ outside: 1, maxAbs: 1, worstIndex: 1 });
    const i = compareOutputs({ type: 'int64', dims: [2], data: BigInt64Array.from([5n, 7n]) }, { type: 'int32', dims: [2], data: Int32Array.from([5, 9]) });
    expect(i.maxAbs).toBe(2);
  });
});

describe('errors', () => {
  const t = (dims: number[], type: 'float32' | 'int32' | 'string' = 'float32') => ({
    type, dims, data: type === 'string' ? dims.length ? ['a'] : [] : new (type === 'int32' ? Int32Array : Float32Array)(dims.reduce((a, b) => a * b, 1)),
  });

  it('rejects shape mismatches, naming both shapes', () => {
    expect(() => compareOutputs(t([2, 3]), t([3, 2]), {}, 'logits')).toThrow(OutputMismatchError);
    expect(() => compareOutputs(t([2, 3]), t([3, 2]), {}, 'logits')).toThrow(/logits: device shape \[2, 3\] differs from baseline shape \[3, 2\]/);
    expect(() => compareOutputs(t([2, 3]), t([2, 4]))).toThrow(/has 6 elements, baseline shape \[2, 4\] has 8/);
  });

  it('accepts shapes that differ only by size-1 dims', () => {
    expect(compareOutputs(t([10]), t([1, 10])).count).toBe(10);
  });

  it('rejects kinds of data that cannot be compared', () => {
    expect(() => compareOutputs(t([1]), t([1], 'int32'), {}, 'y')).toThrow(/y: device output is float32 but the baseline is int32/);
    expect(() => compareOutputs(t([1], 'string'), t([1], 'string'))).toThrow(/string tensors cannot be compared numerically/);
  });

  it('rejects negative or non-finite tolerances', () => {
    expect(() => checkTolerance({ atol: -1 })).toThrow(ParityInputError);
    expect(() => checkTolerance({ rtol: NaN })).toThrow(ParityInputError);
    expect(checkTolerance()).toEqual({ atol: 1e-5, rtol: 1e-3 });
  });
});
