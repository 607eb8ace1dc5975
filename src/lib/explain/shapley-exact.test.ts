import { describe, it, expect } from 'vitest';
import { exactShapley, binomial } from './shapley-exact.ts';

describe('exactShapley', () => {
  it('splits an interaction equally and gives a dummy feature 0 (v = x0·x1 game, F = 3)', () => {
    // v(S) = 1 when {0,1} ⊆ S: the two players share 1, feature 2 gets nothing.
    const v = Array.from({ length: 8 }, (_, m) => ((m & 3) === 3 ? 1 : 0));
    expect(Array.from(exactShapley(v, 3))).toEqual([0.5, 0.5, 0]);
  });
  it('one feature takes the whole change', () => {
    expect(Array.from(exactShapley([2, 5], 1))).toEqual([3]);
  });
  it('names a value list of the wrong length', () => {
    expect(() => exactShapley([1, 2, 3], 2)).toThrow(/all 2\^2 = 4 coalition values, got 3/);
    expect(() => exactShapley([], 0)).toThrow(/1 to 24 features/);
  });
  it('binomial coefficients (symmetric, edges)', () => {
    expect([0, 1, 2, 3].map((k) => binomial(3, k))).toEqual([1, 3, 3, 1]);
    expect(binomial(10, 4)).toBe(210);
    expect(binomial(4, 5)).toBe(0);
  });
});
