// Quantiles with NumPy's default 'linear' method (Hyndman & Fan type 7, NumPy's _lerp rounding)
// and a mean/std/min/max summary. Used by PSI binning and the latency benchmark.
import { accurateSum } from './summation.ts';
import { StatsInputError } from './errors.ts';
import { sortedNonEmpty, type Sample } from './sample.ts';

/**
 * numpy.quantile(a, q) for `sorted` ascending input without NaN, q in [0, 1]. Interpolates
 * like NumPy's _lerp (a + (b−a)·t below t = 0.5, b − (b−a)·(1−t) from 0.5) so results match bitwise.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new StatsInputError('quantile: sample is empty; at least one value is needed');
  if (!(q >= 0 && q <= 1)) throw new StatsInputError(`quantile: q = ${q} is outside [0, 1]`);
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1];
  const prev = Math.floor(vi);
  const next = prev + 1;
  const gamma = vi - prev;
  const a = sorted[prev];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** numpy.percentile(a, p) for sorted input: p in [0, 100] (divided by 100 first, as NumPy does). */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  return quantileSorted(sorted, p / 100);
}

/** Summary statistics of a sample (NaN dropped). std is the population std (ddof = 0, like np.std). */
export interface Summary {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** Mean, population std (two-pass), min, max and p50/p90/p95/p99 of `x`. Throws on empty input. */
export function summarize(x: Sample): Summary {
  const s = sortedNonEmpty(x, 'summarize');
  const mean = accurateSum(s) / s.length;
  return {
    n: s.length,
    mean,
    std: populationStd(s, mean),
    min: s[0],
    max: s[s.length - 1],
    p50: percentileSorted(s, 50),
    p90: percentileSorted(s, 90),
    p95: percentileSorted(s, 95),
    p99: percentileSorted(s, 99),
  };
}

/** np.std(x) (ddof = 0) with a known mean; two-pass so large offsets do not cancel. */
export function populationStd(x: ArrayLike<number>, mean = accurateSum(x) / x.length): number {
  const sq = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean;
    sq[i] = d * d;
  }
  return Math.sqrt(accurateSum(sq) / x.length);
}
