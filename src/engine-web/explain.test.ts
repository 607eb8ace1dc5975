// Explanations (src/lib/explain) against real ONNX models run by the engine on onnxruntime-web's
// Node build: the fixture's linear model (SHAP = w × (x − background mean), NumPy) and the bundled
// weather MLP, whose KernelSHAP values plus base value must add up to the predicted probability.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { kernelShap } from '../lib/explain/kernel-shap.ts';
import { permutationAttributions } from '../lib/explain/permutation.ts';
import { occlusionMap } from '../lib/explain/occlusion.ts';
import type { PredictRows } from '../lib/explain/types.ts';
import { fixture, rows } from '../lib/explain/explain.testing.ts';

const root = process.cwd();

const engine = new Engine(async () => (await import('onnxruntime-web')) as never);

/** A PredictRows over an engine session: stacks rows into [N, ...rowDims], returns `output` rows. */
async function modelPredict(file: string, input: string, rowDims: number[], output: string): Promise<PredictRows> {
  const { sessionId } = await engine.load(new Uint8Array(readFileSync(file)), { backend: 'wasm' });
  return async (batch) => {
    const width = rowDims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(batch.length * width);
    batch.forEach((r, i) => data.set(r, i * width));
    const res = await engine.run(sessionId, { [input]: { type: 'float32', dims: [batch.length, ...rowDims], data } }, [output]);
    const out = res.outputs[output]!.data as Float32Array;
    const k = out.length / batch.length;
    return batch.map((_, i) => out.slice(i * k, (i + 1) * k));
  };
}

function jsonlRows(path: string): { x: Float32Array; label: number }[] {
  return readFileSync(join(root, path), 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { inputs: { data: number[] }[]; label: number })
    .map((o) => ({ x: Float32Array.from(o.inputs[0]!.data), label: o.label }));
}

beforeAll(async () => {
  await engine.init(1);
});

describe('linear ONNX model (scripts/fixtures/explain_fixtures.py)', () => {
  it('KernelSHAP and permutation values equal w × (x − background mean)', async () => {
    const predict = await modelPredict(join(root, 'src/lib/explain/fixtures/linear.onnx'), 'x', [6], 'y');
    const lin = fixture.linear;
    for (let n = 0; n < lin.inputs.length; n++) {
      for (const target of [0, 1]) {
        const shap = await kernelShap(Float32Array.from(lin.inputs[n]!), rows(lin.background), predict, { target });
        Array.from(shap.values).forEach((v, i) => expect(v).toBeCloseTo(lin.shap[n]![target]![i]!, 4));
        const perm = await permutationAttributions(Float32Array.from(lin.inputs[n]!), rows(lin.background), predict, { target, permutations: 2 });
        Array.from(perm.values).forEach((v, i) => expect(v).toBeCloseTo(lin.shap[n]![target]![i]!, 4));
      }
    }
  });
});

describe('bundled weather model', () => {
  it('KernelSHAP values + base value add up to the probability of the predicted class', async () => {
    const predict = await modelPredict(join(root, 'public/models/weather.onnx'), 'features', [5], 'probabilities');
    const held = jsonlRows('public/samples/weather-heldout.jsonl');
    const background = held.slice(0, 100).map((r) => r.x);
    for (const { x } of held.slice(100, 106)) {
      const [probs] = await predict([x]);
      const predicted = probs!.indexOf(Math.max(...probs!));
      const r = await kernelShap(x, background, predict, { target: predicted });
      expect(r.exact).toBe(true);
      expect(r.output).toBeCloseTo(probs![predicted]!, 6);
      const total = r.base + r.values.reduce((s, v) => s + v, 0);
      expect(Math.abs(total - r.output)).toBeLessThan(1e-9);
      // The base is the mean predicted-class probability over the background.
      const bg = await predict(background);
      expect(r.base).toBeCloseTo(bg.reduce((s, p) => s + p[predicted]!, 0) / bg.length, 6);
    }
  });

  it('on a rainy day precipitation carries the largest attribution towards "rain"', async () => {
    const predict = await modelPredict(join(root, 'public/models/weather.onnx'), 'features', [5], 'probabilities');
    const background = jsonlRows('public/samples/weather-heldout.jsonl').slice(0, 100).map((r) => r.x);
    const r = await kernelShap(Float32Array.of(25, 9, 4, 5, 11), background, predict, { target: 2 });
    const biggest = r.values.indexOf(Math.max(...r.values));
    expect(biggest).toBe(0);
    expect(r.values[0]).toBeGreaterThan(0.2);
  });
});

describe('bundled digits model', () => {
  it('occlusion over a held-out digit: one heat value per pixel, covering the stroke hurts the answer', async () => {
    const predict = await modelPredict(join(root, 'public/models/digits.onnx'), 'image', [1, 28, 28], 'logits');
    const [{ x, label }] = jsonlRows('public/samples/digits-clean.jsonl').slice(0, 1) as [{ x: Float32Array; label: number }];
    const m = await occlusionMap(x, { width: 28, height: 28, channels: 1, layout: 'NCHW' }, predict, { target: label, patch: 4, stride: 2 });
    expect(m.heat).toHaveLength(784);
    expect(m.patches).toBe(13 * 13);
    // Ink pixels (> 0.5) matter more on average than blank ones.
    let ink = 0, inkN = 0, blank = 0, blankN = 0;
    x.forEach((v, i) => (v > 0.5 ? ((ink += m.heat[i]!), inkN++) : ((blank += m.heat[i]!), blankN++)));
    expect(ink / inkN).toBeGreaterThan(blank / blankN);
  });
});
