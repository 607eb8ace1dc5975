import { describe, it, expect } from 'vitest';
import { permutationAttributions } from './permutation.ts';
import { fixture, rows, linearPredict, nonlinearPredict } from './explain.testing.ts';

const lin = fixture.linear;
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('permutationAttributions', () => {
  it('is exact on a linear model whatever the orders (NumPy reference)', async () => {
    for (const target of [0, 1]) {
      const r = await permutationAttributions(Float32Array.from(lin.inputs[2]!), rows(lin.background), linearPredict(lin.weights, lin.bias), { target, permutations: 2, seed: 9 });
      Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(lin.shap[2]![target]![i]!, 4));
      expect(r.base).toBeCloseTo(lin.base[target]!, 4);
    }
  });

  it('adds up (base + Σ = output) and approaches the exact Shapley values of a nonlinear model', async () => {
    const nl = fixture.nonlinear;
    const r = await permutationAttributions(Float32Array.from(nl.x), rows(nl.background), nonlinearPredict(), { target: 0, permutations: 40, seed: 1 });
    expect(r.base + sum(r.values)).toBeCloseTo(r.output, 6);
    Array.from(r.values).forEach((v, i) => expect(Math.abs(v - nl.shapley[i]!)).toBeLessThan(0.02));
  });

  it('uses (F + 1) × B rows per order (each order also walked reversed) plus the input', async () => {
    const p = linearPredict(lin.weights, lin.bias);
    const r = await permutationAttributions(Float32Array.from(lin.inputs[0]!), rows(lin.background), p, { target: 0, permutations: 3 });
    expect(r.evaluations).toBe(1 + 6 * 7 * 20);
    expect(p.rows).toBe(r.evaluations);
  });

  it('rejects an empty background with a named error', async () => {
    await expect(permutationAttributions(Float32Array.of(1), [], linearPredict([[1]], [0]), { target: 0 })).rejects.toMatchObject({ name: 'ExplainError' });
  });
});
