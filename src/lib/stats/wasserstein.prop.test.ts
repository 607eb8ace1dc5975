// Property tests for the Wasserstein-1 distance (fast-check): for equal sizes it is the mean
// absolute difference of the sorted samples (an independent formula); it is a metric (zero on
// itself, symmetric, triangle inequality), shifts by |c| under translation and scales with k.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { wasserstein, normalizedWasserstein } from './wasserstein.ts';
import { StatsInputError } from './errors.ts';

const sample = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 });
const ofSize = (n: number) => fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: n, maxLength: n });
const pair = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(ofSize(n), ofSize(n)));
const sorted = (x: number[]) => [...x].sort((p, q) => p - q);

describe('wasserstein, properties', () => {
  it('equals mean |sorted(a)_i − sorted(b)_i| for samples of equal size', () => {
    fc.assert(fc.property(pair, ([a, b]) => {
      const sa = sorted(a);
      const sb = sorted(b);
      const want = sa.reduce((s, x, i) => s + Math.abs(x - sb[i]!), 0) / a.length;
      expect(wasserstein(a, b)).toBeCloseTo(want, 9);
    }), { numRuns: 300 });
  });

  it('is a metric: zero on itself, symmetric, triangle inequality', () => {
    fc.assert(fc.property(sample, sample, sample, (a, b, c) => {
      expect(wasserstein(a, [...a].reverse())).toBe(0);
      expect(wasserstein(a, b)).toBeCloseTo(wasserstein(b, a), 9);
      expect(wasserstein(a, c)).toBeLessThanOrEqual(wasserstein(a, b) + wasserstein(b, c) + 1e-9);
    }), { numRuns: 300 });
  });

  it('moves by |c| under a shift and scales by k', () => {
    fc.assert(fc.property(sample, sample, fc.integer({ min: -500, max: 500 }), fc.integer({ min: 1, max: 20 }), (a, b, c, k) => {
      expect(wasserstein(a, a.map((x) => x + c))).toBeCloseTo(Math.abs(c), 9);
      expect(wasserstein(a.map((x) => x * k), b.map((x) => x * k))).toBeCloseTo(k * wasserstein(a, b), 6);
    }), { numRuns: 300 });
  });

  it('normalised: scale-free (same for k·a, k·b) once the reference std exceeds the floor', () => {
    fc.assert(fc.property(sample, sample, fc.integer({ min: 2, max: 50 }), (a, b, k) => {
      fc.pre(new Set(a).size > 1);
      expect(normalizedWasserstein(a.map((x) => x * k), b.map((x) => x * k))).toBeCloseTo(normalizedWasserstein(a, b), 9);
    }), { numRuns: 200 });
  });

  it('rejects ±Infinity and empty samples with StatsInputError', () => {
    fc.assert(fc.property(sample, fc.constantFrom(Infinity, -Infinity), (a, inf) => {
      expect(() => wasserstein(a, [...a, inf])).toThrow(StatsInputError);
      expect(() => wasserstein(a, [NaN])).toThrow(StatsInputError);
    }));
  });
});
