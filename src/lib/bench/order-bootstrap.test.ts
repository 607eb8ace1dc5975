// The order-statistic bootstrap against the resampling bootstrap (stats/bootstrap.ts, itself checked
// against SciPy): same distribution, so the same interval up to Monte Carlo error.
import { describe, it, expect } from 'vitest';
import { orderStatBootstrapCi } from './order-bootstrap.ts';
import { bootstrapQuantileCi } from '../stats/bootstrap.ts';
import { mulberry32 } from '../stats/prng.ts';

function lognormalTicks(n: number, seed: number, tick = 0): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const v = Math.exp(Math.log(0.06) + 0.2 * z);
    return tick ? Math.round(v / tick) * tick : v;
  });
}

describe('orderStatBootstrapCi', () => {
  for (const [name, x, q] of [
    ['continuous p50', lognormalTicks(1500, 3), 0.5],
    ['continuous p90', lognormalTicks(1500, 4), 0.9],
    ['5 µs ticks p50', lognormalTicks(2000, 5, 0.005), 0.5],
    ['even n p50 (interpolated)', lognormalTicks(1000, 6), 0.5],
  ] as const) {
    it(`${name}: agrees with the resampling bootstrap`, () => {
      const a = orderStatBootstrapCi(x, q, { resamples: 4000, seed: 9 });
      const b = bootstrapQuantileCi(x, q, { resamples: 4000, seed: 9 });
      expect(a.estimate).toBe(b.estimate);
      const width = b.high - b.low;
      expect(Math.abs(a.low - b.low)).toBeLessThanOrEqual(Math.max(0.12 * width, 1e-12));
      expect(Math.abs(a.high - b.high)).toBeLessThanOrEqual(Math.max(0.12 * width, 1e-12));
    });
  }
  it('handles long runs and is deterministic', () => {
    const x = lognormalTicks(500_000, 7, 0.005);
    const a = orderStatBootstrapCi(x, 0.5, { resamples: 1000, seed: 1 });
    expect(orderStatBootstrapCi(x, 0.5, { resamples: 1000, seed: 1 })).toEqual(a);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
  });
  it('degenerate samples: n = 1 and identical values collapse; bad options throw', () => {
    expect(orderStatBootstrapCi([2], 0.5)).toMatchObject({ estimate: 2, low: 2, high: 2 });
    expect(orderStatBootstrapCi([1, 1, 1, 1], 0.9)).toMatchObject({ low: 1, high: 1 });
    // q = 1: the resample's maximum, which misses the 3 with probability (2/3)³.
    const top = orderStatBootstrapCi([1, 2, 3], 1, { resamples: 4000 });
    expect(top).toMatchObject({ estimate: 3, high: 3 });
    expect(top.low).toBe(bootstrapQuantileCi([1, 2, 3], 1, { resamples: 4000 }).low);
    expect(() => orderStatBootstrapCi([], 0.5)).toThrow(expect.objectContaining({ name: 'StatsInputError' }));
    expect(() => orderStatBootstrapCi([1], 1.5)).toThrow(/outside/);
  });
});
