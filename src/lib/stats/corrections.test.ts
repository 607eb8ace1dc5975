import { describe, it, expect } from 'vitest';
import { benjaminiHochberg, bonferroni, correctPValues } from './corrections.ts';
import { stats } from './fixture-helpers.ts';

describe('corrections against the statsmodels multipletests algorithm', () => {
  for (const c of stats.corrections) {
    it(String(c.name), () => {
      const p = c.p as number[];
      bonferroni(p).forEach((v, i) => expect(v).toBeCloseTo((c.bonferroni as number[])[i], 14));
      benjaminiHochberg(p).forEach((v, i) => expect(v).toBeCloseTo((c.bh as number[])[i], 14));
    });
  }
  it('empty input and "none"', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(correctPValues([0.2, 0.3], 'none')).toEqual([0.2, 0.3]);
  });
});
