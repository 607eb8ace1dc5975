import { describe, it, expect } from 'vitest';
import { percentileSorted, quantileSorted, summarize } from './percentiles.ts';
import { StatsInputError } from './errors.ts';
import { decArr, expectStat, stats } from './fixture-helpers.ts';

describe('quantiles and summary against NumPy', () => {
  for (const c of stats.quantile) {
    it(String(c.name), () => {
      const a = decArr(c.a as never);
      (c.q as number[]).forEach((q, i) => expect(quantileSorted(a, q)).toBe((c.quantiles as number[])[i]));
      (c.p as number[]).forEach((p, i) => expect(percentileSorted(a, p)).toBe((c.percentiles as number[])[i]));
      const s = summarize(a);
      expectStat(s.mean, c.mean as number, 'mean');
      expectStat(s.std, c.std as number, 'std');
    });
  }
  it('NaN dropped, empty rejected', () => {
    expect(summarize([NaN, 1, 3]).p50).toBe(2);
    expect(() => summarize([NaN])).toThrow(StatsInputError);
    expect(() => quantileSorted([1], 2)).toThrow(/outside/);
  });
});
