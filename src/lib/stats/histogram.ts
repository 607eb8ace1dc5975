// NumPy histogram semantics: 'sturges' equal-width bin edges (np.histogram_bin_edges) and counts
// for explicit edges (np.histogram: bins half-open [e_i, e_i+1), the last one closed).
import { StatsInputError } from './errors.ts';

/**
 * np.histogram_bin_edges(a, bins='sturges') given the data's min, max and size (NaN-free, finite).
 * Number of bins = ceil(ptp / (ptp / (log2(n) + 1))); edges by np.linspace.
 */
export function sturgesEdges(min: number, max: number, n: number): Float64Array {
  if (n <= 0) throw new StatsInputError('sturgesEdges: sample is empty; at least one value is needed');
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new StatsInputError(`sturgesEdges: range [${min}, ${max}] is not finite; only finite values can be binned`);
  }
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const ptp = max - min;
  const width = ptp / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, bins + 1);
}

/** np.linspace(start, stop, num) with endpoint: start + i·step, last element exactly stop. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? ((i / div) * delta) + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** First index i with sorted[i] > v (side='right') or >= v (side='left'). */
export function searchSorted(sorted: ArrayLike<number>, v: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    if (side === 'left' ? x < v : x <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * np.histogram(a, edges)[0] for `sorted` ascending data: counts in [e_i, e_i+1), last bin closed;
 * values outside [e_0, e_last] are not counted. Edges must be non-decreasing.
 */
export function histogramSorted(sorted: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  const k = edges.length - 1;
  if (k < 0) throw new StatsInputError('histogram: at least one bin edge is needed');
  for (let i = 0; i < k; i++) {
    if (edges[i] > edges[i + 1]) throw new StatsInputError('histogram: bin edges must increase monotonically');
  }
  const counts = new Float64Array(Math.max(k, 0));
  let prev = searchSorted(sorted, edges[0], 'left');
  for (let i = 0; i < k; i++) {
    const next = i === k - 1 ? searchSorted(sorted, edges[k], 'right') : searchSorted(sorted, edges[i + 1], 'left');
    counts[i] = next - prev;
    prev = next;
  }
  return counts;
}

/** np.histogram(a, bins='sturges') on unsorted data: edges plus counts. NaN are not allowed. */
export function histogramSturges(values: ArrayLike<number>): { edges: Float64Array; counts: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) throw new StatsInputError('histogram: sample is empty; at least one value is needed');
  const edges = sturgesEdges(sorted[0], sorted[sorted.length - 1], sorted.length);
  return { edges, counts: histogramSorted(sorted, edges) };
}
