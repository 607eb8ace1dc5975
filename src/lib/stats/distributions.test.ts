import { describe, it, expect } from 'vitest';
import { chi2Sf, normalSf } from './distributions.ts';
import { gammaP, gammaQ, logGamma } from './gamma.ts';
import { dec, expectP, expectStat, stats } from './fixture-helpers.ts';

describe('special functions against scipy.special / scipy.stats', () => {
  it('regularised incomplete gamma P and Q, log-gamma', () => {
    for (const c of stats.gamma) {
      const a = c.a as number;
      const x = c.x as number;
      expectP(gammaP(a, x), dec(c.P as number), `P(${a},${x})`);
      expectP(gammaQ(a, x), dec(c.Q as number), `Q(${a},${x})`);
      if (a !== 1 && a !== 2) expectStat(logGamma(a), dec(c.lgamma as number), `lgamma(${a})`);
    }
  });
  it('chi-square survival function', () => {
    for (const c of stats.chi2sf) expectP(chi2Sf(c.x as number, c.dof as number), dec(c.sf as number), `x=${c.x} k=${c.dof}`);
  });
  it('normal survival function', () => {
    for (const c of stats.normsf) expectP(normalSf(c.z as number), dec(c.sf as number), `z=${c.z}`);
  });
  it('degenerate arguments give NaN or the limits', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(gammaQ(-1, 1)).toBeNaN();
    expect(chi2Sf(NaN, 3)).toBeNaN();
    expect(chi2Sf(Infinity, 3)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalSf(Infinity)).toBe(0);
  });
});
