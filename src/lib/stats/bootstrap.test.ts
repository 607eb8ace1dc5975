import { describe, it, expect } from 'vitest';
import { bootstrapQuantileCi } from './bootstrap.ts';
import { mulberry32 } from './prng.ts';
import { StatsInputError } from './errors.ts';

describe('bootstrapQuantileCi', () => {
  const rand = mulberry32(7);
  const x = Array.from({ length: 400 }, () => rand() * 10);
  it('is deterministic per seed and brackets the estimate', () => {
    const a = bootstrapQuantileCi(x, 0.5, { seed: 3, resamples: 300 });
    const b = bootstrapQuantileCi(x, 0.5, { seed: 3, resamples: 300 });
    expect(a).toEqual(b);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    // Uniform(0,10) median 5: the 95% CI of 400 draws is about ±0.8 wide.
    expect(a.high - a.low).toBeGreaterThan(0.2);
    expect(a.high - a.low).toBeLessThan(2.5);
  });
  it('a constant sample has a zero-width interval', () => {
    const c = bootstrapQuantileCi([2, 2, 2], 0.99, { resamples: 50 });
    expect([c.low, c.estimate, c.high]).toEqual([2, 2, 2]);
  });
  it('rejects empty input and bad options', () => {
    expect(() => bootstrapQuantileCi([], 0.5)).toThrow(StatsInputError);
    expect(() => bootstrapQuantileCi([1], 0.5, { level: 1 })).toThrow(/level/);
  });
  it('mulberry32 yields values in [0, 1)', () => {
    const r = mulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});
