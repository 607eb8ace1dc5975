import { describe, it, expect } from 'vitest';
import { twoProportionZ } from './ztest.ts';
import { StatsInputError } from './errors.ts';
import { dec, expectP, expectStat, stats } from './fixture-helpers.ts';

describe('twoProportionZ against the pooled z-test (SciPy norm.sf)', () => {
  for (const c of stats.ztest) {
    it(`${c.k1}/${c.n1} vs ${c.k2}/${c.n2}`, () => {
      const r = twoProportionZ(c.k1 as number, c.n1 as number, c.k2 as number, c.n2 as number);
      expectStat(r.statistic, dec(c.statistic as number), 'z');
      expectP(r.pValue, dec(c.pValue as number), 'p');
    });
  }
  it('rejects empty samples and impossible counts', () => {
    expect(() => twoProportionZ(0, 0, 1, 2)).toThrow(StatsInputError);
    expect(() => twoProportionZ(3, 2, 1, 2)).toThrow(/\[0, n\]/);
  });
});
