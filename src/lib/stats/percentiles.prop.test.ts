// Property tests for quantiles and the summary (fast-check): quantiles are monotone in q, bounded
// by min and max, hit order statistics exactly where (n − 1)·q is whole, and the summary is ordered
// (min ≤ p50 ≤ p90 ≤ p95 ≤ p99 ≤ max) and independent of row order.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { quantileSorted, summarize } from './percentiles.ts';
import { StatsInputError } from './errors.ts';

const sample = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 80 });
const sorted = (x: number[]) => Float64Array.from(x).sort();
const q = fc.double({ min: 0, max: 1, noNaN: true });

describe('quantileSorted and summarize, properties', () => {
  it('is monotone in q and lies between min and max', () => {
    fc.assert(fc.property(sample, q, q, (x, q1, q2) => {
      const s = sorted(x);
      const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
      expect(quantileSorted(s, lo)).toBeLessThanOrEqual(quantileSorted(s, hi));
      expect(quantileSorted(s, q1)).toBeGreaterThanOrEqual(s[0]!);
      expect(quantileSorted(s, q1)).toBeLessThanOrEqual(s[s.length - 1]!);
    }), { numRuns: 500 });
  });

  it('returns the order statistic where (n − 1)·q is a whole number', () => {
    fc.assert(fc.property(sample, fc.nat(), (x, k) => {
      const s = sorted(x);
      const i = k % s.length;
      const q = s.length === 1 ? 0 : i / (s.length - 1);
      fc.pre((s.length - 1) * q === i); // i / (n − 1) is not always exact in floating point
      // == not Object.is: interpolating [-0, 0] may give 0 for -0, the same number.
      expect(quantileSorted(s, q) === s[i], `q=${q} on [${[...s].join(', ')}]`).toBe(true);
    }), { numRuns: 300 });
  });

  it('summarizes in order, ignoring NaN and row order', () => {
    fc.assert(fc.property(sample, (x) => {
      const s = summarize(x);
      expect(s.n).toBe(x.length);
      expect([s.min, s.p50, s.p90, s.p95, s.p99, s.max]).toEqual([s.min, s.p50, s.p90, s.p95, s.p99, s.max].sort((a, b) => a - b));
      expect(s.mean).toBeGreaterThanOrEqual(s.min - 1e-6 * Math.abs(s.min));
      expect(s.mean).toBeLessThanOrEqual(s.max + 1e-6 * Math.abs(s.max));
      expect(s.std).toBeGreaterThanOrEqual(0);
      expect(summarize([NaN, ...[...x].reverse()])).toEqual(s);
    }), { numRuns: 300 });
  });

  it('rejects q outside [0, 1] and empty samples', () => {
    fc.assert(fc.property(sample, fc.oneof(fc.double({ min: 1.0000001, max: 1e9 }), fc.double({ min: -1e9, max: -1e-9 }), fc.constant(NaN)), (x, bad) => {
      expect(() => quantileSorted(sorted(x), bad)).toThrow(StatsInputError);
    }));
    expect(() => summarize([NaN])).toThrow(StatsInputError);
  });
});
