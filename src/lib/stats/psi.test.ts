import { describe, it, expect } from 'vitest';
import { psi } from './psi.ts';
import { StatsInputError } from './errors.ts';
import { decArr, expectStat, stats } from './fixture-helpers.ts';

describe('psi against drift_reference.psi_quantile (NumPy)', () => {
  for (const c of stats.psi) {
    it(String(c.name), () => {
      const r = psi(decArr(c.a as never), decArr(c.b as never));
      expectStat(r.value, c.psi as number, 'psi');
      expect(r.edges).toEqual(Array.from(decArr(c.edges as never)));
    });
  }
  it('rejects an empty sample', () => {
    expect(() => psi([], [1])).toThrow(StatsInputError);
  });
});
