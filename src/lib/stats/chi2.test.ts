import { describe, it, expect } from 'vitest';
import { chiSquare } from './chi2.ts';
import { StatsInputError } from './errors.ts';
import { dec, expectP, expectStat, stats } from './fixture-helpers.ts';

describe('chiSquare against drift_reference.chi_square (SciPy chi2.sf)', () => {
  for (const c of stats.chisquare) {
    it(String(c.name), () => {
      const r = chiSquare(c.ref as number[], c.cur as number[]);
      expectStat(r.statistic, dec(c.statistic as number), 'statistic');
      expectP(r.pValue, dec(c.pValue as number), 'pValue');
    });
  }
  it('rejects misaligned or empty counts', () => {
    expect(() => chiSquare([1, 2], [1])).toThrow(StatsInputError);
    expect(() => chiSquare([0, 0], [1, 2])).toThrow(/no observations/);
  });
});
