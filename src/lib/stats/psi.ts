// Population Stability Index on reference-quantile bins (deciles by default): edges from
// np.quantile (linear), deduplicated, outer edges ±Infinity; empty shares floored at 1e-4.
import { histogramSorted } from './histogram.ts';
import { quantileSorted } from './percentiles.ts';
import { sortedNonEmpty, type Sample } from './sample.ts';

/** PSI value plus the bin edges used (first −Infinity, last +Infinity) and the floored shares. */
export interface PsiResult {
  value: number;
  edges: number[];
  refShares: number[];
  curShares: number[];
}

/** PSI of `cur` against `ref`. NaN dropped; samples must be non-empty and finite. */
export function psi(ref: Sample, cur: Sample, bins = 10, eps = 1e-4): PsiResult {
  return psiSorted(sortedNonEmpty(ref, 'psi (reference)'), sortedNonEmpty(cur, 'psi (current)'), bins, eps);
}

/** As psi, on samples sorted ascending without NaN. */
export function psiSorted(ref: Float64Array, cur: Float64Array, bins = 10, eps = 1e-4): PsiResult {
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    // np.linspace(0, 1, bins + 1): i·(1/bins), last exactly 1.
    const q = i === bins ? 1 : i * (1 / bins);
    const e = quantileSorted(ref, q);
    if (edges.length === 0 || e !== edges[edges.length - 1]) edges.push(e);
  }
  edges[0] = -Infinity;
  edges[edges.length - 1] = Infinity;
  const r = histogramSorted(ref, edges);
  const c = histogramSorted(cur, edges);
  const refShares: number[] = [];
  const curShares: number[] = [];
  let value = 0;
  for (let i = 0; i < r.length; i++) {
    const rs = Math.max(r[i] / ref.length, eps);
    const cs = Math.max(c[i] / cur.length, eps);
    refShares.push(rs);
    curShares.push(cs);
    value += (cs - rs) * Math.log(cs / rs);
  }
  return { value, edges, refShares, curShares };
}
