// Principal component analysis as scikit-learn's PCA(n_components=<share>) chooses components:
// eigenvectors of the covariance (cyclic Jacobi, exact for the small dimensions of a table), the
// fewest components whose explained-variance ratios sum past the share; plus reconstruction error.
import { StatsInputError } from './errors.ts';

/** Eigen-decomposition of a symmetric d×d matrix (row-major). Values descending; vectors[k] is a unit vector. */
export function symmetricEigen(m: Float64Array, d: number): { values: Float64Array; vectors: Float64Array[] } {
  const a = Float64Array.from(m);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) off += a[i * d + j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => a[y * d + y] - a[x * d + x]);
  return {
    values: Float64Array.from(order, (i) => a[i * d + i]),
    vectors: order.map((i) => Float64Array.from({ length: d }, (_, k) => v[k * d + i])),
  };
}

/** A fitted PCA: the data mean, kept components (unit rows) and every component's variance ratio. */
export interface Pca {
  d: number;
  mean: Float64Array;
  components: Float64Array[];
  explainedRatio: Float64Array;
}

/**
 * Mean and sample covariance of d-dimensional rows added in blocks, from plain sums of x and xxᵀ.
 * Meant for standardised data (mean near 0, unit scale), where the one-pass formula loses nothing.
 */
export class CovarianceAccumulator {
  n = 0;
  private readonly sum: Float64Array;
  private readonly sq: Float64Array;
  constructor(readonly d: number) {
    this.sum = new Float64Array(d);
    this.sq = new Float64Array(d * d);
  }

  /** Adds `count` rows of `rows` (row-major). */
  add(rows: Float64Array, count: number): void {
    const { d, sum, sq } = this;
    for (let i = 0; i < count; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const xj = rows[o + j];
        sum[j] += xj;
        for (let k = j; k < d; k++) sq[j * d + k] += xj * rows[o + k];
      }
    }
    this.n += count;
  }

  get mean(): Float64Array {
    return this.sum.map((s) => s / Math.max(this.n, 1));
  }

  /** Sample covariance (ddof 1), symmetric, row-major. */
  covariance(): Float64Array {
    const { d, n } = this;
    const m = this.mean;
    const c = new Float64Array(d * d);
    const div = Math.max(n - 1, 1);
    for (let j = 0; j < d; j++) for (let k = j; k < d; k++) c[j * d + k] = c[k * d + j] = (this.sq[j * d + k] - n * m[j] * m[k]) / div;
    return c;
  }
}

/**
 * PCA from a mean and covariance. `share` in (0, 1): keep the fewest components whose cumulative
 * explained-variance ratio exceeds it (sklearn: searchsorted(cumsum, share, 'right') + 1).
 */
export function pcaFromCovariance(mean: Float64Array, cov: Float64Array, d: number, share: number): Pca {
  if (d < 1) throw new StatsInputError('pca: at least one column is needed');
  if (!(share > 0 && share < 1)) throw new StatsInputError(`pca: variance share ${share} must lie in (0, 1)`);
  const { values, vectors } = symmetricEigen(cov, d);
  let total = 0;
  for (const l of values) total += Math.max(l, 0);
  const explainedRatio = values.map((l) => (total > 0 ? Math.max(l, 0) / total : 1 / d));
  let cum = 0;
  let k = 0;
  while (k < d && cum <= share) cum += explainedRatio[k++];
  return { d, mean, components: vectors.slice(0, Math.max(k, 1)), explainedRatio };
}

/** Fit on `rows` (n×d, row-major): pcaFromCovariance of their mean and sample covariance. */
export function fitPca(rows: Float64Array, n: number, d: number, share: number): Pca {
  if (n < 1) throw new StatsInputError(`pca: ${n} rows; at least one is needed`);
  const acc = new CovarianceAccumulator(d);
  acc.add(rows, n);
  return pcaFromCovariance(acc.mean, acc.covariance(), d, share);
}

/**
 * Euclidean distance between the row at `offset` of `rows` (d values) and its reconstruction from
 * the kept components. `scratch` (d floats) saves an allocation per row in long loops.
 */
export function reconstructionError(p: Pca, rows: ArrayLike<number>, offset = 0, scratch = new Float64Array(p.d)): number {
  const { d, mean, components } = p;
  const x = scratch;
  let norm2 = 0;
  for (let j = 0; j < d; j++) {
    x[j] = rows[offset + j] - mean[j];
    norm2 += x[j] * x[j];
  }
  // Orthonormal components: |x − Σ z_k c_k|² = |x|² − Σ z_k².
  let kept = 0;
  for (const c of components) {
    let z = 0;
    for (let j = 0; j < d; j++) z += x[j] * c[j];
    kept += z * z;
  }
  return Math.sqrt(Math.max(norm2 - kept, 0));
}
