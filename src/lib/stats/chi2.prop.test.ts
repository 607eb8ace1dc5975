// Property tests for the chi-square drift test (fast-check): statistic ≥ 0, p in [0, 1], dof =
// categories − 1; zero and p = 1 when the current counts are proportional to the reference; a
// category new in the current sample gives an infinite statistic and p = 0.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chiSquare } from './chi2.ts';
import { StatsInputError } from './errors.ts';

const counts = (n: number) => fc.array(fc.integer({ min: 1, max: 500 }), { minLength: n, maxLength: n });
const pair = fc.integer({ min: 2, max: 15 }).chain((n) => fc.tuple(counts(n), counts(n)));

describe('chiSquare, properties', () => {
  it('has statistic ≥ 0, p in [0, 1], dof = k − 1', () => {
    fc.assert(fc.property(pair, ([r, c]) => {
      const x = chiSquare(r, c);
      expect(x.statistic).toBeGreaterThanOrEqual(0);
      expect(x.pValue).toBeGreaterThanOrEqual(0);
      expect(x.pValue).toBeLessThanOrEqual(1);
      expect(x.dof).toBe(r.length - 1);
    }), { numRuns: 300 });
  });

  it('is 0 with p = 1 when the current counts are a multiple of the reference', () => {
    fc.assert(fc.property(counts(6), fc.integer({ min: 1, max: 9 }), (r, k) => {
      const x = chiSquare(r, r.map((v) => v * k));
      expect(x.statistic).toBeCloseTo(0, 9);
      expect(x.pValue).toBeCloseTo(1, 9);
    }));
  });

  it('is infinite with p = 0 when a category is new', () => {
    fc.assert(fc.property(pair, ([r, c]) => {
      const x = chiSquare([...r, 0], [...c, 1]);
      expect(x.statistic).toBe(Infinity);
      expect(x.pValue).toBe(0);
    }));
  });

  it('rejects misaligned or empty counts', () => {
    expect(() => chiSquare([1, 2], [1])).toThrow(StatsInputError);
    fc.assert(fc.property(counts(3), (r) => { expect(() => chiSquare(r, [0, 0, 0])).toThrow(StatsInputError); }));
  });
});
