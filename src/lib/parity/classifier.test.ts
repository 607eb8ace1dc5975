// Top-1 agreement and top-k overlap against NumPy's stable argsort, plus ties, NaN and errors.
import { describe, expect, it } from 'vitest';
import { classifierAgreement, topK } from './classifier.ts';
import { OutputMismatchError, ParityInputError } from './errors.ts';
import { expectClose, parity, tensor } from './fixture.ts';

describe('classifierAgreement vs NumPy', () => {
  for (const c of parity.agreement) {
    it(c.name, () => {
      const r = classifierAgreement(tensor(c.device), tensor(c.baseline), { k: c.k });
      expect(r.rows).toBe(c.expected.rows);
      expect(r.classes).toBe(c.expected.classes);
      expect(r.k).toBe(c.k);
      expect(r.top1Agree).toBe(c.expected.top1Agree);
      expectClose(r.top1Agreement, c.expected.top1Agreement, 'top1Agreement');
      expectClose(r.topKOverlap, c.expected.topKOverlap, 'topKOverlap');
      expect(Array.from(r.deviceTop1)).toEqual(c.expected.deviceTop1);
      expect(Array.from(r.baselineTop1)).toEqual(c.expected.baselineTop1);
      expect(r.disagreeRows.length).toBe(r.rows - r.top1Agree);
    });
  }
});

describe('degenerate inputs', () => {
  const scores = (dims: number[], v: number[]) => ({ type: 'float32' as const, dims, data: Float32Array.from(v) });

  it('treats [C] as one row and caps k at the class count', () => {
    const r = classifierAgreement(scores([3], [0.1, 0.7, 0.2]), scores([3], [0.2, 0.5, 0.3]), { k: 10 });
    expect(r).toMatchObject({ rows: 1, classes: 3, k: 3, top1Agreement: 1, topKOverlap: 1 });
  });

  it('ranks NaN below every number and breaks ties by the lower index', () => {
    expect(topK(Float64Array.from([NaN, 1, 1, -Infinity]), 0, 4, 4)).toEqual([1, 2, 3, 0]);
    expect(topK(Float64Array.from([NaN, NaN]), 0, 2, 2)).toEqual([0, 1]);
  });

  it('gives neutral agreement for zero rows', () => {
    expect(classifierAgreement(scores([0, 4], []), scores([0, 4], []))).toMatchObject({ rows: 0, top1Agreement: 1, topKOverlap: 1 });
  });

  it('rejects scalars, empty class axes, bad k and shape mismatches', () => {
    expect(() => classifierAgreement(scores([], [1]), scores([], [1]))).toThrow(/a scalar has no class axis/);
    expect(() => classifierAgreement(scores([2, 0], []), scores([2, 0], []))).toThrow(OutputMismatchError);
    expect(() => classifierAgreement(scores([2], [1, 2]), scores([2], [1, 2]), { k: 0 })).toThrow(ParityInputError);
    expect(() => classifierAgreement(scores([2], [1, 2]), scores([3], [1, 2, 3]))).toThrow(OutputMismatchError);
  });
});
