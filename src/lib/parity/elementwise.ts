// Element-wise error metrics between a device output and its baseline, as Polygraphy reports them:
// absolute and relative error (max / mean / median / p99), cosine similarity, the share within
// atol + rtol·|baseline|, the worst element, and a log-binned error histogram.
import type { PlainTensor } from '../tensors/types.ts';
import { accurateSum } from '../stats/summation.ts';
import { quantileSorted } from '../stats/percentiles.ts';
import { ParityInputError } from './errors.ts';
import { errorHistogram, type ErrorHistogram } from './histogram.ts';
import { assertComparable, toFloat64 } from './values.ts';

/** Tolerance of the element test |device − baseline| <= atol + rtol·|baseline| (numpy.isclose). */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** Polygraphy-like defaults. */
export const DEFAULT_TOLERANCE: Readonly<Tolerance> = { atol: 1e-5, rtol: 1e-3 };

/** Error metrics of one output. Errors are in the output's own units; shares are in [0, 1]. */
export interface OutputComparison {
  count: number;
  dims: number[];
  maxAbs: number;
  meanAbs: number;
  medianAbs: number;
  p99Abs: number;
  maxRel: number;
  meanRel: number;
  medianRel: number;
  p99Rel: number;
  /** Cosine similarity of the two outputs as vectors; 1 when both are all zeros. */
  cosine: number;
  /** Share of elements with |a − b| <= atol + rtol·|b|. */
  withinTol: number;
  /** Number of elements outside the tolerance. */
  outside: number;
  /** True when every element is within the tolerance. */
  pass: boolean;
  /** Flat index of the largest absolute error (first on ties); -1 for an empty output. */
  worstIndex: number;
  /** `worstIndex` as coordinates in `dims` (within `worstSample` when that is set). */
  worstAt: number[];
  /** 1-based number of the sample holding the worst element, when the comparison spans samples. */
  worstSample?: number;
  worstDevice: number;
  worstBaseline: number;
  /** Elements where exactly one side is NaN (their errors count as Infinity). */
  nanMismatch: number;
  histogram: ErrorHistogram;
  tolerance: Tolerance;
}

/** Percentile of sorted values (NumPy 'linear'). An exact rank is returned as is, and a step
 * towards an Infinity neighbour is Infinity, where NumPy's interpolation would give NaN (0·∞, ∞−∞). */
function pct(sorted: Float64Array, p: number): number {
  const vi = ((sorted.length - 1) * p) / 100;
  if (Number.isInteger(vi)) return sorted[vi]!;
  if (sorted[Math.ceil(vi)] === Infinity) return Infinity;
  return quantileSorted(sorted, p / 100);
}

/** Mean of non-negative errors; Infinity when any is (compensated sums turn ∞ into NaN). */
function mean(sortedErrors: Float64Array): number {
  const n = sortedErrors.length;
  return sortedErrors[n - 1] === Infinity ? Infinity : accurateSum(sortedErrors) / n;
}

function coords(index: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length).fill(0);
  for (let d = dims.length - 1, rest = index; d >= 0; d--) {
    const size = dims[d]!;
    out[d] = size > 0 ? rest % size : 0;
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return out;
}

/** Check a tolerance: both finite and non-negative. */
export function checkTolerance(tol: Partial<Tolerance> = {}): Tolerance {
  const t = { ...DEFAULT_TOLERANCE, ...tol };
  if (!(t.atol >= 0 && Number.isFinite(t.atol)) || !(t.rtol >= 0 && Number.isFinite(t.rtol))) {
    throw new ParityInputError(`tolerance must be finite and >= 0, got atol ${t.atol}, rtol ${t.rtol}`);
  }
  return t;
}

/**
 * Metrics over two equally long float64 arrays (`a` device, `b` baseline), laid out as `dims`.
 * Relative error is |a − b| / |b| (0 where both are 0, Infinity where only b is 0). Matching NaNs
 * and equal infinities count as equal; a NaN on one side only is an Infinity error.
 */
export function compareValues(a: Float64Array, b: Float64Array, dims: number[], tol: Partial<Tolerance> = {}): OutputComparison {
  const tolerance = checkTolerance(tol);
  const n = a.length;
  const abs = new Float64Array(n);
  const rel = new Float64Array(n);
  let outside = 0;
  let nanMismatch = 0;
  let worstIndex = n > 0 ? 0 : -1;
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let e: number;
    if (x === y || (x !== x && y !== y)) e = 0;
    else if (x !== x || y !== y) {
      e = Infinity;
      nanMismatch++;
    } else e = Math.abs(x - y);
    abs[i] = e;
    const ay = Math.abs(y);
    rel[i] = e === 0 ? 0 : ay === 0 ? Infinity : e / ay;
    // Equal values (NaN = NaN, ∞ = ∞ included) are within; any other non-finite error is not.
    if (e !== 0 && !(Number.isFinite(e) && e <= tolerance.atol + tolerance.rtol * ay)) outside++;
    if (e > abs[worstIndex]!) worstIndex = i;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  const na = Math.sqrt(aa);
  const nb = Math.sqrt(bb);
  // Both all-zero: identical directions by convention; one all-zero: no shared direction.
  const cosine = na === 0 && nb === 0 ? 1 : na === 0 || nb === 0 ? 0 : Math.max(-1, Math.min(1, dot / (na * nb)));
  const histogram = errorHistogram(abs);
  if (n === 0) {
    return {
      count: 0, dims, maxAbs: 0, meanAbs: 0, medianAbs: 0, p99Abs: 0, maxRel: 0, meanRel: 0, medianRel: 0, p99Rel: 0,
      cosine: 1, withinTol: 1, outside: 0, pass: true, worstIndex: -1, worstAt: [], worstDevice: NaN, worstBaseline: NaN,
      nanMismatch: 0, histogram, tolerance,
    };
  }
  const sa = abs.slice().sort();
  const sr = rel.slice().sort();
  const meanAbs = mean(sa);
  const meanRel = mean(sr);
  return {
    count: n, dims,
    maxAbs: sa[n - 1]!, meanAbs, medianAbs: pct(sa, 50), p99Abs: pct(sa, 99),
    maxRel: sr[n - 1]!, meanRel, medianRel: pct(sr, 50), p99Rel: pct(sr, 99),
    cosine, withinTol: (n - outside) / n, outside, pass: outside === 0,
    worstIndex, worstAt: coords(worstIndex, dims), worstDevice: a[worstIndex]!, worstBaseline: b[worstIndex]!,
    nanMismatch, histogram, tolerance,
  };
}

/**
 * Compare one device output with its baseline (defaults atol 1e-5, rtol 1e-3).
 * @throws OutputMismatchError when shapes or kinds of data differ (see assertComparable).
 */
export function compareOutputs(device: PlainTensor, baseline: PlainTensor, tol: Partial<Tolerance> = {}, name = 'output'): OutputComparison {
  assertComparable(device, baseline, name);
  return compareValues(toFloat64(device, name), toFloat64(baseline, name), baseline.dims.slice(), tol);
}
