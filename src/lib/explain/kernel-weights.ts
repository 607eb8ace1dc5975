// The Shapley kernel of KernelSHAP (Lundberg & Lee 2017) and the constrained weighted least-squares
// fit whose solution, over every coalition, equals the Shapley values of the same value function.
import { binomial } from './shapley-exact.ts';
import { ExplainError } from './types.ts';

/** π(s) = (F−1) / (C(F, s) · s · (F−s)) for a coalition of s of F features (0 < s < F). */
export function shapleyKernel(features: number, size: number): number {
  if (size <= 0 || size >= features) return Infinity;
  return (features - 1) / (binomial(features, size) * size * (features - size));
}

/**
 * Weighted least squares of v(z) − base ≈ Σ φ_i z_i subject to Σ φ = output − base (the empty and
 * full coalitions' infinite weights become that constraint). The constraint removes the last
 * feature: φ_last = Δ − Σ_{j<last} φ_j. `masks[k][i]` is 1 when feature i is taken from the input.
 */
export function solveKernelShap(features: number, masks: readonly Uint8Array[], values: ArrayLike<number>, weights: ArrayLike<number>, base: number, output: number): Float64Array {
  const f = features;
  const delta = output - base;
  if (f === 1) return Float64Array.of(delta);
  if (masks.length === 0) throw new ExplainError(`KernelSHAP needs coalitions to fit ${f} features; none were given`);
  const m = f - 1;
  const ata = new Float64Array(m * m);
  const atb = new Float64Array(m);
  const row = new Float64Array(m);
  masks.forEach((z, k) => {
    const w = weights[k]!;
    const last = z[f - 1]!;
    const y = values[k]! - base - last * delta;
    for (let j = 0; j < m; j++) row[j] = z[j]! - last;
    for (let a = 0; a < m; a++) {
      atb[a]! += w * row[a]! * y;
      for (let b = 0; b < m; b++) ata[a * m + b]! += w * row[a]! * row[b]!;
    }
  });
  const head = solveLinear(ata, atb, m);
  const phi = new Float64Array(f);
  phi.set(head);
  phi[m] = delta - head.reduce((s, v) => s + v, 0);
  return phi;
}

/** Solves A x = b (A is n×n row-major) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]!) > Math.abs(A[piv * n + col]!)) piv = r;
    if (Math.abs(A[piv * n + col]!) < 1e-300) throw new ExplainError('KernelSHAP system is singular: too few distinct coalitions for this many features (raise the coalition budget)');
    if (piv !== col) {
      for (let c = 0; c < n; c++) [A[col * n + c], A[piv * n + c]] = [A[piv * n + c]!, A[col * n + c]!];
      [x[col], x[piv]] = [x[piv]!, x[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col]! / A[col * n + col]!;
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c]! -= f * A[col * n + c]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let c = r + 1; c < n; c++) s -= A[r * n + c]! * x[c]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}
