import { describe, it, expect } from 'vitest';
import { jensenShannon } from './jensenshannon.ts';
import { StatsInputError } from './errors.ts';
import { dec, expectStat, stats } from './fixture-helpers.ts';

describe('jensenShannon against scipy.spatial.distance.jensenshannon', () => {
  for (const c of stats.jensenshannon) {
    it(String(c.name), () => {
      const base = c.base === null ? undefined : (c.base as number);
      expectStat(jensenShannon(c.p as number[], c.q as number[], base), dec(c.distance as number), 'distance');
    });
  }
  it('rejects mismatched and empty distributions', () => {
    expect(() => jensenShannon([1], [0.5, 0.5])).toThrow(StatsInputError);
    expect(() => jensenShannon([], [])).toThrow(/empty/);
  });
});
