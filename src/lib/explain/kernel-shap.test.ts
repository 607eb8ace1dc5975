import { describe, it, expect } from 'vitest';
import { kernelShap, allCoalitions, sampleCoalitions } from './kernel-shap.ts';
import { solveKernelShap, shapleyKernel } from './kernel-weights.ts';
import { exactShapley } from './shapley-exact.ts';
import { fixture, rows, linearPredict, nonlinearPredict } from './explain.testing.ts';
import type { PredictRows } from './types.ts';

const lin = fixture.linear;
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('kernelShap on a linear model (SHAP = w × (x − background mean), NumPy reference)', () => {
  for (let n = 0; n < lin.inputs.length; n++) {
    for (const target of [0, 1]) {
      it(`input ${n}, output ${target}: exact enumeration`, async () => {
        const r = await kernelShap(Float32Array.from(lin.inputs[n]!), rows(lin.background), linearPredict(lin.weights, lin.bias), { target });
        expect(r.exact).toBe(true);
        Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(lin.shap[n]![target]![i]!, 4));
        expect(r.base).toBeCloseTo(lin.base[target]!, 4);
        expect(r.output).toBeCloseTo(lin.output[n]![target]!, 4);
        expect(r.base + sum(r.values)).toBeCloseTo(r.output, 9);
      });
    }
  }

  it('sampled coalitions (budget below 2^F − 2) are still exact for a linear model', async () => {
    const r = await kernelShap(Float32Array.from(lin.inputs[0]!), rows(lin.background), linearPredict(lin.weights, lin.bias), { target: 1, maxCoalitions: 24, seed: 3 });
    expect(r.exact).toBe(false);
    Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(lin.shap[0]![1]![i]!, 4));
  });

  it('evaluates (2^F − 1) × B + 1 rows in batches of batchSize and reports progress to the total', async () => {
    const p = linearPredict(lin.weights, lin.bias);
    const seen: [number, number][] = [];
    const r = await kernelShap(Float32Array.from(lin.inputs[0]!), rows(lin.background), p, { target: 0, batchSize: 100, onProgress: (d, t) => seen.push([d, t]) });
    const total = 63 * 20 + 1;
    expect(r.evaluations).toBe(total);
    expect(p.rows).toBe(total);
    expect(p.calls).toBe(Math.ceil(total / 100));
    expect(seen.at(-1)).toEqual([total, total]);
  });
});

describe('kernelShap on a nonlinear model with an interaction (exact Shapley by definition, Python)', () => {
  const nl = fixture.nonlinear;
  it('matches the definition when every coalition is enumerated', async () => {
    const r = await kernelShap(Float32Array.from(nl.x), rows(nl.background), nonlinearPredict(), { target: 0 });
    Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(nl.shapley[i]!, 6));
    expect(r.base).toBeCloseTo(nl.base, 6);
    expect(r.base + sum(r.values)).toBeCloseTo(r.output, 9);
  });

  it('the weighted least-squares fit over all coalitions equals exactShapley of the same values', () => {
    const f = 4;
    // An arbitrary value function on all 16 coalitions.
    const v = Array.from({ length: 16 }, (_, m) => Math.sin(m * 1.7) + (m & 1) * (m & 4 ? 2 : 0.5));
    const masks = allCoalitions(f);
    const maskIndex = (z: Uint8Array) => z.reduce((s, b, i) => s + (b << i), 0);
    const phi = solveKernelShap(f, masks, masks.map((z) => v[maskIndex(z)]!), masks.map((z) => shapleyKernel(f, sum(z))), v[0]!, v[15]!);
    const ref = exactShapley(v, f);
    Array.from(phi).forEach((p, i) => expect(p).toBeCloseTo(ref[i]!, 10));
    // NumPy: np.linalg.solve on the same weighted system and the factorial definition (both agree).
    [1.7437458596640603, -0.6857933721401694, 0.9417942868739259, 0.35931157962435156].forEach((r, i) => expect(ref[i]).toBeCloseTo(r, 12));
  });
});

describe('degenerate inputs', () => {
  const p = linearPredict(lin.weights, lin.bias);
  it('one feature: the whole change goes to it', async () => {
    const f: PredictRows = async (b) => b.map((x) => Float32Array.of(3 * x[0]! + 1));
    const r = await kernelShap(Float32Array.of(2), [Float32Array.of(0), Float32Array.of(1)], f, { target: 0 });
    expect(r.values[0]).toBeCloseTo(3 * (2 - 0.5), 9);
    expect(r.base).toBeCloseTo(2.5, 9);
  });
  it('one background row and an input equal to it: all attributions are 0', async () => {
    const x = Float32Array.from(lin.background[0]!);
    const r = await kernelShap(x, [Float32Array.from(x)], p, { target: 0 });
    Array.from(r.values).forEach((v) => expect(v).toBeCloseTo(0, 9));
    expect(r.output).toBeCloseTo(r.base, 9);
  });
  it('a constant model gives zero attributions', async () => {
    const r = await kernelShap(Float32Array.from(lin.inputs[0]!), rows(lin.background), async (b) => b.map(() => Float32Array.of(0.4)), { target: 0 });
    Array.from(r.values).forEach((v) => expect(v).toBeCloseTo(0, 6));
  });
  it('an empty background, a mismatched row, a bad target and a short answer are named errors', async () => {
    const x = Float32Array.from(lin.inputs[0]!);
    await expect(kernelShap(x, [], p, { target: 0 })).rejects.toThrow(/background set is empty/);
    await expect(kernelShap(x, [Float32Array.of(1, 2)], p, { target: 0 })).rejects.toMatchObject({ name: 'ExplainError', message: expect.stringMatching(/row 0 has 2 values; the input has 6/) });
    await expect(kernelShap(x, rows(lin.background), p, { target: 5 })).rejects.toThrow(/target output 5 is out of range/);
    await expect(kernelShap(x, rows(lin.background), async (b) => b.slice(1), { target: 0 })).rejects.toThrow(/must return one per input/);
    await expect(kernelShap(new Float32Array(0), rows(lin.background), p, { target: 0 })).rejects.toThrow(/no features/);
  });
  it('stops with CancelledError when its signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(kernelShap(Float32Array.from(lin.inputs[0]!), rows(lin.background), p, { target: 0, signal: ac.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });
  it('NaN in the model output shows up as NaN, not as a silent number', async () => {
    const r = await kernelShap(Float32Array.of(1, 2), [Float32Array.of(0, 0)], async (b) => b.map((x) => Float32Array.of(x[0] === 1 ? NaN : 0)), { target: 0 });
    expect(Number.isNaN(r.output)).toBe(true);
  });
});

describe('sampleCoalitions', () => {
  it('pairs each coalition with its complement and never yields the empty or full set', () => {
    const s = sampleCoalitions(10, 200, 1);
    expect(s).toHaveLength(200);
    for (let i = 0; i < s.length; i += 2) {
      expect(Array.from(s[i]!, (v, j) => v + s[i + 1]![j]!)).toEqual(Array(10).fill(1));
      expect(sum(s[i]!)).toBeGreaterThan(0);
      expect(sum(s[i]!)).toBeLessThan(10);
    }
  });
});
