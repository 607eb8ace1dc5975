import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ks2samp } from './ks.ts';
import { kolmogorovSf } from './kolmogn.ts';
import { smirnov } from './smirnov.ts';
import { StatsInputError } from './errors.ts';
import { dec, decArr, expectP, expectStat, stats } from './fixture-helpers.ts';

describe('ks2samp against scipy.stats.ks_2samp', () => {
  for (const c of stats.ks) {
    it(String(c.name), () => {
      const r = ks2samp(decArr(c.a as never), decArr(c.b as never));
      expectStat(r.statistic, dec(c.statistic as number), 'statistic');
      expectP(r.pValue, dec(c.pValue as number), 'pValue');
    });
  }
});

describe('Kolmogorov distribution against scipy', () => {
  it('kolmogorovSf matches kstwo.sf on a grid covering every method', () => {
    for (const c of stats.kstwo) {
      expectP(kolmogorovSf(c.n as number, c.x as number), dec(c.sf as number), `n=${c.n} x=${c.x}`);
    }
  });
  it('smirnov matches scipy.special.smirnov', () => {
    for (const c of stats.smirnov) {
      expectP(smirnov(c.n as number, c.x as number), dec(c.sf as number), `n=${c.n} x=${c.x}`);
    }
  });
});

describe('ks2samp degenerate inputs', () => {
  it('identical samples give D = 0 and p = 1', () => {
    const r = ks2samp([1, 2, 3], [1, 2, 3]);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });
  it('empty samples throw a StatsInputError naming the sample', () => {
    expect(() => ks2samp([], [1])).toThrow(StatsInputError);
    expect(() => ks2samp([1], [NaN, NaN])).toThrow(/second sample/);
  });
  it('property: statistic in [0,1], symmetric, p in [0,1]', () => {
    const arr = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(arr, arr, (a, b) => {
        const r1 = ks2samp(a, b);
        const r2 = ks2samp(b, a);
        return r1.statistic >= 0 && r1.statistic <= 1 && r1.statistic === r2.statistic &&
          r1.pValue >= 0 && r1.pValue <= 1 && Math.abs(r1.pValue - r2.pValue) < 1e-12;
      }),
      { numRuns: 200 },
    );
  });
});
