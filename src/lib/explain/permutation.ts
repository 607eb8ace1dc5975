// Permutation attributions (Štrumbelj & Kononenko's sampling estimate of Shapley values): walk from
// a background row to the input one feature at a time in a random order, crediting each step's
// change to the feature switched. Each walk telescopes, so base + Σ values = output exactly.
import { mulberry32 } from '../stats/prng.ts';
import { checkRows, evaluateRows, mean } from './evaluate.ts';
import type { Attribution, EvalOptions, PredictRows } from './types.ts';

export interface PermutationOptions extends EvalOptions {
  /** Random orders to walk (default 8); each is also walked reversed (antithetic pairs). */
  permutations?: number;
  seed?: number;
}

function shuffled(n: number, rand: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Attributions of `x` for `opts.target`, averaged over orders × background rows; (F+1) × B rows per order. */
export async function permutationAttributions(x: Float32Array, background: readonly Float32Array[], predict: PredictRows, opts: PermutationOptions): Promise<Attribution> {
  const f = checkRows(x, background);
  const rand = mulberry32(opts.seed ?? 0);
  const orders: number[][] = [];
  for (let k = 0; k < Math.max(1, opts.permutations ?? 8); k++) {
    const p = shuffled(f, rand);
    orders.push(p, [...p].reverse());
  }
  const rows: Float32Array[] = [x];
  for (const order of orders) {
    for (const b of background) {
      const r = Float32Array.from(b);
      rows.push(Float32Array.from(r));
      for (const i of order) {
        r[i] = x[i]!;
        rows.push(Float32Array.from(r));
      }
    }
  }
  const out = await evaluateRows(rows, predict, opts);
  const phi = new Float64Array(f);
  const starts: number[] = [];
  let at = 1;
  for (const order of orders) {
    for (let bi = 0; bi < background.length; bi++) {
      starts.push(out[at]!);
      order.forEach((feature, step) => (phi[feature]! += out[at + step + 1]! - out[at + step]!));
      at += f + 1;
    }
  }
  const walks = starts.length;
  for (let i = 0; i < f; i++) phi[i]! /= walks;
  return { values: phi, base: mean(starts), output: out[0]!, evaluations: rows.length, method: 'permutation', exact: false };
}
