// Two-sample Kolmogorov–Smirnov test, two-sided, matching scipy.stats.ks_2samp(method='auto'):
// exact p-value when max(n1, n2) <= 10000, else kstwo.sf(d, round(n1·n2/(n1+n2))).
import { sortedNonEmpty, roundHalfEven, type Sample } from './sample.ts';
import { probOutsideBand, probOutsideSquare } from './ks-exact.ts';
import { kolmogorovSf } from './kolmogn.ts';

/** Result of the two-sample KS test. */
export interface KsResult {
  /** sup |F1 − F2|, in [0, 1] (in exact mode rounded to h/lcm(n1, n2) like SciPy). */
  statistic: number;
  /** two-sided p-value in [0, 1] */
  pValue: number;
  /** value at which the largest ECDF gap occurs */
  location: number;
  /** +1 when F1 − F2 is largest there, −1 when F2 − F1 is */
  sign: 1 | -1;
  method: 'exact' | 'asymp';
}

const MAX_AUTO_N = 10000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * KS statistic and location on already sorted samples (ascending, no NaN). Evaluates
 * searchsorted(side='right')/n at every pooled value, as SciPy does, so ties are handled.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): { d: number; location: number; sign: 1 | -1 } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  let locMax = NaN;
  let locMin = NaN;
  // Each pooled value v gives the same diff as its distinct value; scanning distinct values in
  // ascending order and keeping the first extreme reproduces numpy's argmin/argmax up to ties in value.
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) {
      maxS = diff;
      locMax = v;
    }
    if (diff < minS) {
      minS = diff;
      locMin = v;
    }
  }
  const minAbs = Math.min(Math.max(-minS, 0), 1);
  if (minAbs > maxS) return { d: minAbs, location: locMin, sign: -1 };
  return { d: maxS, location: locMax, sign: 1 };
}

/**
 * Two-sided two-sample KS test. NaN values are dropped; ±Infinity are valid values. Throws
 * StatsInputError when either sample is empty. `method` 'auto' follows SciPy (see module note).
 */
export function ks2samp(x: Sample, y: Sample, method: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  const a = sortedNonEmpty(x, 'ks2samp (first sample)');
  const b = sortedNonEmpty(y, 'ks2samp (second sample)');
  return ks2sampSorted(a, b, method);
}

/** As ks2samp, on samples already sorted ascending without NaN (no copy is made). */
export function ks2sampSorted(a: Float64Array, b: Float64Array, method: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  const st = ksStatisticSorted(a, b);
  let d = st.d;
  const g = gcd(n1, n2);
  let mode = method === 'auto' ? (Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp') : method;
  if (mode === 'exact' && Math.floor(n1 / g) >= 2147483647 / Math.floor(n2 / g)) mode = 'asymp';
  let prob = NaN;
  if (mode === 'exact') {
    const lcm = Math.floor(n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) prob = 1;
    else prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (!(prob >= 0 && prob <= 1) || !Number.isFinite(prob)) mode = 'asymp';
  }
  if (mode === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kolmogorovSf(roundHalfEven(en), d);
  }
  return {
    statistic: d,
    pValue: Math.min(1, Math.max(0, prob)),
    location: st.location,
    sign: st.sign,
    method: mode as 'exact' | 'asymp',
  };
}
