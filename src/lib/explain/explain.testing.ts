// Test-only helpers: the Python fixture, and predict callbacks for models written in plain JS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PredictRows } from './types.ts';

export interface ExplainFixture {
  linear: { weights: number[][]; bias: number[]; background: number[][]; inputs: number[][]; shap: number[][][]; base: number[]; output: number[][] };
  nonlinear: { a: number[]; interaction: number; square: number; background: number[][]; x: number[]; shapley: number[]; base: number; output: number };
  occlusion: { height: number; width: number; patch: number; stride: number; image: number[]; pixelWeights: number[]; patches: number; heat: number[] };
}

export const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'explain.json'), 'utf8')) as ExplainFixture;

export const rows = (m: number[][]) => m.map((r) => Float32Array.from(r));

/** y = x W + c, computed in float64 like the reference; also counts the rows it saw. */
export function linearPredict(W: number[][], c: number[]): PredictRows & { calls: number; rows: number } {
  const fn = (async (batch: readonly Float32Array[]) => {
    fn.calls++;
    fn.rows += batch.length;
    return batch.map((x) => Float32Array.from(c, (ck, k) => W.reduce((s, w, j) => s + w[k]! * x[j]!, ck)));
  }) as PredictRows & { calls: number; rows: number };
  fn.calls = 0;
  fn.rows = 0;
  return fn;
}

/** The fixture's nonlinear model; returns float64 precision through a Float64-backed row. */
export function nonlinearPredict(): PredictRows {
  const { a, interaction, square } = fixture.nonlinear;
  return async (batch) => batch.map((x) => {
    const z = a.reduce((s, ai, i) => s + ai * x[i]!, 0) + interaction * x[0]! * x[1]! + square * x[2]! ** 2;
    return Float32Array.of(1 / (1 + Math.exp(-z)));
  });
}
