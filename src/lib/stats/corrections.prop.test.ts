// Property tests for multiple-testing corrections (fast-check): adjusted p-values are in [p, 1],
// Benjamini–Hochberg never exceeds Bonferroni, keeps the order of the raw p-values, and does not
// depend on the order the tests are listed in.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { benjaminiHochberg, bonferroni, correctPValues } from './corrections.ts';

const pvals = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('p-value corrections, properties', () => {
  it('adjust into [p, 1], with BH ≤ Bonferroni', () => {
    fc.assert(fc.property(pvals, (p) => {
      const bh = benjaminiHochberg(p);
      const bf = bonferroni(p);
      p.forEach((v, i) => {
        // p·m/rank is rounded like statsmodels' float64 arithmetic: allow a few ulps below p.
        expect(bh[i]).toBeGreaterThanOrEqual(v * (1 - 4 * Number.EPSILON));
        expect(bh[i]).toBeLessThanOrEqual(1);
        expect(bf[i]).toBeGreaterThanOrEqual(v);
        expect(bh[i]).toBeLessThanOrEqual(bf[i]! + 1e-15);
      });
    }), { numRuns: 500 });
  });

  it('BH keeps the order of the raw p-values and ignores the listing order', () => {
    fc.assert(fc.property(pvals, (p) => {
      const bh = benjaminiHochberg(p);
      for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (p[i]! < p[j]!) expect(bh[i]).toBeLessThanOrEqual(bh[j]!);
      const rev = benjaminiHochberg([...p].reverse()).reverse();
      rev.forEach((v, i) => expect(v).toBeCloseTo(bh[i]!, 15));
    }), { numRuns: 300 });
  });

  it("'none' returns the p-values unchanged", () => {
    fc.assert(fc.property(pvals, (p) => { expect(correctPValues(p, 'none')).toEqual(p); }));
  });
});
