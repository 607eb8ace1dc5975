// Plot data for the report: shared-edge histograms, subsampled ECDFs, top-category counts.
import { histogramSorted, searchSorted, sturgesEdges } from '../stats/histogram.ts';
import type { CategoricalSides } from './prepare.ts';
import type { CategoryPlot, EcdfPlot, HistogramPlot } from './types.ts';

const MAX_BINS = 40;
const ECDF_POINTS = 100;
const TOP_CATEGORIES = 20;

/** Histogram of both sorted samples on shared equal-width edges over the pooled range. */
export function histogramPlot(ref: Float64Array, cur: Float64Array): HistogramPlot {
  const lo = Math.min(ref[0], cur[0]);
  const hi = Math.max(ref[ref.length - 1], cur[cur.length - 1]);
  let edges = sturgesEdges(lo, hi, ref.length + cur.length);
  if (edges.length > MAX_BINS + 1) edges = sturgesEdges(lo, hi, 2 ** (MAX_BINS - 1));
  return { edges: Array.from(edges), ref: Array.from(histogramSorted(ref, edges)), cur: Array.from(histogramSorted(cur, edges)) };
}

/** Both ECDFs at evenly spaced points of the pooled range (plus the KS location). */
export function ecdfPlot(ref: Float64Array, cur: Float64Array, ksDistance: number, ksLocation: number): EcdfPlot {
  const lo = Math.min(ref[0], cur[0]);
  const hi = Math.max(ref[ref.length - 1], cur[cur.length - 1]);
  const xs: number[] = [];
  for (let i = 0; i <= ECDF_POINTS; i++) xs.push(i === ECDF_POINTS ? hi : lo + ((hi - lo) * i) / ECDF_POINTS);
  if (Number.isFinite(ksLocation)) {
    xs.push(ksLocation);
    xs.sort((a, b) => a - b);
  }
  return {
    x: xs,
    ref: xs.map((x) => searchSorted(ref, x, 'right') / ref.length),
    cur: xs.map((x) => searchSorted(cur, x, 'right') / cur.length),
    ksDistance,
    ksLocation,
  };
}

/** The most frequent categories over both sets; the rest summed into `other`. */
export function categoryPlot(cat: CategoricalSides): CategoryPlot {
  const total = (i: number) => cat.refCounts[i] + cat.curCounts[i];
  // Keep the top few in one pass (columns can have hundreds of thousands of categories).
  const top: number[] = [];
  for (let i = 0; i < cat.keys.length; i++) {
    if (top.length === TOP_CATEGORIES && total(i) <= total(top[top.length - 1])) continue;
    let j = top.length === TOP_CATEGORIES ? top.length - 1 : top.length;
    while (j > 0 && total(top[j - 1]) < total(i)) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  const other = { ref: cat.nRef, cur: cat.nCur };
  for (const i of top) {
    other.ref -= cat.refCounts[i];
    other.cur -= cat.curCounts[i];
  }
  return { categories: top.map((i) => ({ key: cat.keys[i], ref: cat.refCounts[i], cur: cat.curCounts[i] })), other };
}
