// Maximum mean discrepancy (MMD) between two sets of vectors (e.g. pooled sentence embeddings)
// with a Gaussian kernel, its bandwidth by the median heuristic, and a permutation p-value.
import { mulberry32 } from './prng.ts';

export interface MmdResult {
  /** Unbiased MMD² estimate (Gretton et al. 2012, eq. 3); can be slightly negative. */
  mmd2: number;
  /** Permutation p-value: (1 + #{perm ≥ observed}) / (1 + permutations). */
  pValue: number;
  /** Kernel bandwidth σ: the median pairwise Euclidean distance of the pooled sample. */
  sigma: number;
  permutations: number;
  /** Rows used on each side (at most maxRows, a seeded subsample). */
  n: number;
  m: number;
}

/** Squared Euclidean distances between all rows of a pooled n×d sample (row-major). */
function sqDistances(rows: readonly ArrayLike<number>[]): Float64Array {
  const N = rows.length;
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    const a = rows[i]!;
    for (let j = i + 1; j < N; j++) {
      const b = rows[j]!;
      let s = 0;
      for (let k = 0; k < a.length; k++) { const d = a[k]! - b[k]!; s += d * d; }
      out[i * N + j] = s;
      out[j * N + i] = s;
    }
  }
  return out;
}

/** Median of the off-diagonal distances (not squared). */
export function medianDistance(d2: Float64Array, N: number): number {
  const vals: number[] = [];
  for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) vals.push(Math.sqrt(d2[i * N + j]!));
  vals.sort((x, y) => x - y);
  const h = vals.length >> 1;
  return vals.length % 2 ? vals[h]! : (vals[h - 1]! + vals[h]!) / 2;
}

/** Unbiased MMD² for the split given by `isX` (true = first sample) over a pooled kernel matrix. */
function mmd2Of(K: Float64Array, N: number, isX: Uint8Array, n: number, m: number): number {
  let xx = 0, yy = 0, xy = 0;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      const k = K[i * N + j]!;
      if (isX[i] && isX[j]) xx += k;
      else if (!isX[i] && !isX[j]) yy += k;
      else xy += k;
    }
  }
  return (2 * xx) / (n * (n - 1)) + (2 * yy) / (m * (m - 1)) - (2 * xy) / (n * m);
}

function subsample<T>(xs: readonly T[], max: number, rand: () => number): T[] {
  if (xs.length <= max) return [...xs];
  const idx = xs.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
  return idx.slice(0, max).sort((a, b) => a - b).map((i) => xs[i]!);
}

/**
 * Two-sample MMD test of X against Y (rows are vectors of one length). Needs ≥ 2 rows per side.
 * Seeded: the same inputs give the same p-value.
 */
export function mmdTest(X: readonly ArrayLike<number>[], Y: readonly ArrayLike<number>[], opts: { permutations?: number; seed?: number; maxRows?: number } = {}): MmdResult {
  const permutations = opts.permutations ?? 200;
  const rand = mulberry32(opts.seed ?? 1);
  const xs = subsample(X, opts.maxRows ?? 500, rand);
  const ys = subsample(Y, opts.maxRows ?? 500, rand);
  const n = xs.length, m = ys.length;
  if (n < 2 || m < 2) throw new RangeError(`MMD needs at least 2 rows on each side (got ${n} and ${m})`);
  const N = n + m;
  const d2 = sqDistances([...xs, ...ys]);
  const sigma = medianDistance(d2, N) || 1;
  const K = new Float64Array(N * N);
  for (let i = 0; i < K.length; i++) K[i] = Math.exp(-d2[i]! / (2 * sigma * sigma));
  const isX = new Uint8Array(N);
  isX.fill(1, 0, n);
  const observed = mmd2Of(K, N, isX, n, m);
  let atLeast = 0;
  const perm = Uint8Array.from(isX);
  for (let p = 0; p < permutations; p++) {
    for (let i = N - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = perm[i]!; perm[i] = perm[j]!; perm[j] = t; }
    if (mmd2Of(K, N, perm, n, m) >= observed) atLeast++;
  }
  return { mmd2: observed, pValue: (1 + atLeast) / (1 + permutations), sigma, permutations, n, m };
}
