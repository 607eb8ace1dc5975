// Property tests for the two-sample KS test (fast-check): the statistic equals a brute-force sup
// of the ECDF gap, lies in [0, 1] with p in [0, 1], is symmetric, ignores NaN, and is unchanged
// by any strictly increasing transform of both samples.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ks2samp } from './ks.ts';
import { StatsInputError } from './errors.ts';

const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 });

/** sup over pooled values v of |#(a ≤ v)/n − #(b ≤ v)/m|, by counting (the definition). */
function bruteD(a: number[], b: number[]): number {
  let d = 0;
  for (const v of [...a, ...b]) d = Math.max(d, Math.abs(a.filter((x) => x <= v).length / a.length - b.filter((x) => x <= v).length / b.length));
  return d;
}

describe('ks2samp, properties', () => {
  it('statistic is the brute-force ECDF sup, in [0, 1]; p in [0, 1]', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const r = ks2samp(a, b);
      expect(r.statistic).toBeCloseTo(bruteD(a, b), 12);
      expect(r.statistic).toBeGreaterThanOrEqual(0);
      expect(r.statistic).toBeLessThanOrEqual(1);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });

  it('is symmetric in its samples (same statistic and p, opposite sign)', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const ab = ks2samp(a, b);
      const ba = ks2samp(b, a);
      expect(ba.statistic).toBe(ab.statistic);
      expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
      // The sign says which ECDF is above at the largest gap; when both directions tie it is arbitrary.
      const gaps = [...a, ...b].map((v) => a.filter((x) => x <= v).length / a.length - b.filter((x) => x <= v).length / b.length);
      const tie = Math.abs(Math.max(...gaps) + Math.min(...gaps)) < 1e-12;
      if (ab.statistic > 0 && !tie) expect(ba.sign).toBe(-ab.sign as 1 | -1);
    }), { numRuns: 200 });
  });

  it('gives d = 0 and p = 1 for a sample against a shuffled copy of itself', () => {
    fc.assert(fc.property(sample, (a) => {
      const r = ks2samp(a, [...a].reverse());
      expect(r.statistic).toBe(0);
      expect(r.pValue).toBe(1);
    }));
  });

  it('gives d = 1 for samples that do not overlap', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      expect(ks2samp(a, b.map((x) => x + 1000)).statistic).toBe(1);
    }));
  });

  it('ignores NaN, and is invariant under a strictly increasing transform', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const r = ks2samp(a, b);
      expect(ks2samp([NaN, ...a, NaN], [...b, NaN]).statistic).toBe(r.statistic);
      const f = (x: number) => Math.exp(x / 10) * 3 + 7; // exact order-preserving for these integers
      const t = ks2samp(a.map(f), b.map(f));
      expect(t.statistic).toBe(r.statistic);
      expect(t.pValue).toBe(r.pValue);
    }), { numRuns: 200 });
  });

  it('rejects a sample that is empty after dropping NaN', () => {
    fc.assert(fc.property(sample, fc.array(fc.constant(NaN), { maxLength: 3 }), (a, nan) => {
      expect(() => ks2samp(a, nan)).toThrow(StatsInputError);
    }));
  });
});
