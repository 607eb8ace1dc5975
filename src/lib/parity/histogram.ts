// Histogram of absolute errors on log-spaced (decade) bins, the shape Polygraphy prints: how many
// elements are off by ~1e-7, ~1e-6, ... A zero error and a non-finite error get their own counts.

/** Counts of errors per bin. `counts[0]` is (0, edges[0]], `counts[i]` is (edges[i-1], edges[i]],
 * the last is (edges[edges.length-1], Infinity). Exact zeros and NaN/Infinity are counted apart. */
export interface ErrorHistogram {
  edges: number[];
  counts: number[];
  zeros: number;
  nonFinite: number;
}

/** Decade edges 1e-10, 1e-9, …, 1e2 (exact decimal literals, as NumPy's 10.0**k rounds them). */
export const DEFAULT_ERROR_EDGES: readonly number[] = Array.from({ length: 13 }, (_, i) => Number(`1e${i - 10}`));

/**
 * Bin `errors` (non-negative, or NaN/Infinity) by `edges` (ascending, positive). Matches
 * `np.searchsorted(edges, e, side='left')` for the finite positive errors.
 */
export function errorHistogram(errors: ArrayLike<number>, edges: readonly number[] = DEFAULT_ERROR_EDGES): ErrorHistogram {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let zeros = 0;
  let nonFinite = 0;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i]!;
    if (e === 0) zeros++;
    else if (!Number.isFinite(e)) nonFinite++;
    else {
      // First edge >= e (side 'left'): binary search over a short sorted list.
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edges[mid]! < e) lo = mid + 1;
        else hi = mid;
      }
      counts[lo]!++;
    }
  }
  return { edges: edges.slice(), counts, zeros, nonFinite };
}
