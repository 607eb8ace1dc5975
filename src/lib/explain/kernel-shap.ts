// KernelSHAP for one input against a background set: coalition values v(S) = mean over background
// rows of f(x_S, b_rest), then the Shapley-kernel least-squares fit. Small F enumerates every
// coalition (exact Shapley values); larger F samples coalitions from the kernel with complements.
import { mulberry32 } from '../stats/prng.ts';
import { checkRows, evaluateRows, mean } from './evaluate.ts';
import { shapleyKernel, solveKernelShap } from './kernel-weights.ts';
import { binomial } from './shapley-exact.ts';
import type { Attribution, EvalOptions, PredictRows } from './types.ts';

export interface KernelShapOptions extends EvalOptions {
  /** Most coalitions to evaluate (default 2048); when 2^F − 2 fits, all are enumerated. */
  maxCoalitions?: number;
  /** Seed of the coalition sampler (default 0). */
  seed?: number;
}

/** All non-trivial coalitions (not empty, not full) of F features. */
export function allCoalitions(features: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let mask = 1; mask < (1 << features) - 1; mask++) out.push(Uint8Array.from({ length: features }, (_, i) => (mask >> i) & 1));
  return out;
}

/** `count` coalitions drawn from the Shapley kernel's size distribution, each with its complement. */
export function sampleCoalitions(features: number, count: number, seed = 0): Uint8Array[] {
  const rand = mulberry32(seed);
  const sizes = Array.from({ length: features - 1 }, (_, k) => k + 1);
  const mass = sizes.map((s) => shapleyKernel(features, s) * binomial(features, s));
  const total = mass.reduce((a, b) => a + b, 0);
  const out: Uint8Array[] = [];
  while (out.length < count) {
    let u = rand() * total;
    let size = sizes[sizes.length - 1]!;
    for (let k = 0; k < sizes.length; k++) if ((u -= mass[k]!) <= 0) { size = sizes[k]!; break; }
    const idx = Array.from({ length: features }, (_, i) => i);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(rand() * (features - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const z = new Uint8Array(features);
    for (let i = 0; i < size; i++) z[idx[i]!] = 1;
    out.push(z, z.map((v) => 1 - v));
  }
  return out.slice(0, count);
}

/** Rows f is evaluated on for coalition z: x where z is 1, the background row elsewhere. */
export function coalitionRows(x: Float32Array, background: readonly Float32Array[], z: Uint8Array): Float32Array[] {
  return background.map((b) => {
    const r = Float32Array.from(b);
    for (let i = 0; i < z.length; i++) if (z[i]) r[i] = x[i]!;
    return r;
  });
}

/**
 * SHAP values of `x` for output `opts.target`: base = mean f(background), output = f(x), and
 * base + Σ values = output exactly (the efficiency constraint). Evaluates (coalitions + 1) × B + 1 rows.
 */
export async function kernelShap(x: Float32Array, background: readonly Float32Array[], predict: PredictRows, opts: KernelShapOptions): Promise<Attribution> {
  const f = checkRows(x, background);
  const budget = opts.maxCoalitions ?? 2048;
  const exact = f < 31 && (1 << f) - 2 <= budget;
  const masks = exact ? allCoalitions(f) : sampleCoalitions(f, budget, opts.seed ?? 0);
  const b = background.length;
  const rows: Float32Array[] = [x, ...background];
  for (const z of masks) rows.push(...coalitionRows(x, background, z));
  const out = await evaluateRows(rows, predict, opts);
  const output = out[0]!;
  const base = mean(out, 1, 1 + b);
  const values = masks.map((_, k) => mean(out, 1 + b * (k + 1), 1 + b * (k + 2)));
  // Sampled coalitions already follow the kernel, so they get equal weights.
  const weights = exact ? masks.map((z) => shapleyKernel(f, z.reduce((s, v) => s + v, 0))) : masks.map(() => 1);
  const phi = solveKernelShap(f, masks, values, weights, base, output);
  return { values: phi, base, output, evaluations: rows.length, method: 'kernel-shap', exact };
}
