// Exact Shapley values from a value function given on every coalition (2^F numbers), by the
// definition: φ_i = Σ_{S ⊆ N∖{i}} |S|! (F−|S|−1)! / F! · (v(S ∪ {i}) − v(S)).
import { ExplainError } from './types.ts';

/**
 * `v[mask]` is the value of the coalition whose members are the set bits of `mask` (bit i = feature i),
 * so `v.length` must be 2^F. Returns φ (length F); Σφ = v[full] − v[0].
 */
export function exactShapley(v: ArrayLike<number>, features: number): Float64Array {
  if (!Number.isInteger(features) || features < 1 || features > 24) throw new ExplainError(`exact Shapley values need 1 to 24 features, got ${features}`);
  const n = 1 << features;
  if (v.length !== n) throw new ExplainError(`exact Shapley values need all 2^${features} = ${n} coalition values, got ${v.length}`);
  // weight[s] = s! (F−s−1)! / F!, computed as 1 / (F · C(F−1, s)) to avoid factorial overflow.
  const weight = Array.from({ length: features }, (_, s) => 1 / (features * binomial(features - 1, s)));
  const phi = new Float64Array(features);
  for (let mask = 0; mask < n; mask++) {
    const size = popcount(mask);
    for (let i = 0; i < features; i++) {
      if (mask & (1 << i)) continue;
      phi[i]! += weight[size]! * (v[mask | (1 << i)]! - v[mask]!);
    }
  }
  return phi;
}

export function popcount(x: number): number {
  let c = 0;
  for (let m = x; m; m &= m - 1) c++;
  return c;
}

/** C(n, k) as a float (exact for the sizes used here). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= kk; i++) r = (r * (n - kk + i)) / i;
  return r;
}
