import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizedWasserstein, wasserstein } from './wasserstein.ts';
import { StatsInputError } from './errors.ts';
import { dec, decArr, expectStat, stats } from './fixture-helpers.ts';

describe('wasserstein against scipy.stats.wasserstein_distance', () => {
  for (const c of stats.wasserstein) {
    it(String(c.name), () => {
      const a = decArr(c.a as never);
      const b = decArr(c.b as never);
      expectStat(wasserstein(a, b), dec(c.w as number), 'w');
      expectStat(normalizedWasserstein(a, b), dec(c.normalized as number), 'normalized');
    });
  }
  it('NaN is dropped; infinities and empty samples are rejected', () => {
    expect(wasserstein([1, NaN, 2], [1, 2])).toBe(0);
    expect(() => wasserstein([1, Infinity], [1])).toThrow(StatsInputError);
    expect(() => wasserstein([], [1])).toThrow(/empty/);
  });
  it('property: symmetric and non-negative', () => {
    const arr = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(arr, arr, (a, b) => {
      const w1 = wasserstein(a, b);
      const w2 = wasserstein(b, a);
      return w1 >= 0 && Math.abs(w1 - w2) <= 1e-9 * Math.max(1, w1);
    }), { numRuns: 200 });
  });
});
