// MMD² and its bandwidth against NumPy/SciPy (mmd.fixture.json, scripts/fixtures/mmd_reference.py);
// the permutation p-value by its properties: seeded, small under a shift, not small without one.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { mmdTest } from './mmd.ts';

const fixture = JSON.parse(readFileSync(new URL('./mmd.fixture.json', import.meta.url), 'utf8')) as {
  cases: { name: string; x: number[][]; y: number[][]; mmd2: number; sigma: number }[];
};
const byName = (n: string) => fixture.cases.find((c) => c.name === n)!;

describe('mmdTest', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('MMD² and σ equal the NumPy reference: %s', (_n, c) => {
    const r = mmdTest(c.x, c.y, { permutations: 10 });
    expect(r.mmd2).toBeCloseTo(c.mmd2, 12);
    expect(r.sigma).toBeCloseTo(c.sigma, 12);
    expect([r.n, r.m]).toEqual([c.x.length, c.y.length]);
  });

  it('p-value: small under a mean shift, not small without one, the same for the same seed', () => {
    const shifted = mmdTest(byName('shifted').x, byName('shifted').y, { permutations: 200, seed: 3 });
    const same = mmdTest(byName('same').x, byName('same').y, { permutations: 200, seed: 3 });
    expect(shifted.pValue).toBeLessThan(0.01);
    expect(same.pValue).toBeGreaterThan(0.05);
    expect(mmdTest(byName('same').x, byName('same').y, { permutations: 200, seed: 3 }).pValue).toBe(same.pValue);
    expect(shifted.pValue).toBeGreaterThanOrEqual(1 / 201);
  });

  it('subsamples to maxRows and refuses fewer than two rows a side', () => {
    const c = byName('same');
    expect(mmdTest(c.x, c.y, { permutations: 5, maxRows: 10 })).toMatchObject({ n: 10, m: 10 });
    expect(() => mmdTest([[1, 2]], c.y)).toThrow(RangeError);
  });
});
