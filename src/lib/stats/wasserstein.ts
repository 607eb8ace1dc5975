// Wasserstein-1 distance between two samples (scipy.stats.wasserstein_distance) and the
// drift variant divided by the reference's population standard deviation (floor 0.001).
import { Accumulator } from './summation.ts';
import { populationStd } from './percentiles.ts';
import { assertFinite, sortedNonEmpty, type Sample } from './sample.ts';

/** W1 on sorted, finite, non-empty samples: ∫|F_u − F_v|, summed over gaps between pooled values. */
export function wassersteinSorted(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  let i = 0;
  let j = 0;
  const acc = new Accumulator();
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j];
    while (i < nu && u[i] <= x) i++;
    while (j < nv && v[j] <= x) j++;
    if (i === nu && j === nv) break;
    const nextX = j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j];
    acc.add(Math.abs(i / nu - j / nv) * (nextX - x));
  }
  return acc.value;
}

/** scipy.stats.wasserstein_distance(u, v) (unweighted). NaN dropped; ±Infinity rejected; empty rejected. */
export function wasserstein(u: Sample, v: Sample): number {
  const a = sortedNonEmpty(u, 'wasserstein (first sample)');
  const b = sortedNonEmpty(v, 'wasserstein (second sample)');
  assertFinite(a, 'wasserstein (first sample)');
  assertFinite(b, 'wasserstein (second sample)');
  return wassersteinSorted(a, b);
}

/** W1(ref, cur) / max(np.std(ref), floor): Evidently's normalised Wasserstein drift statistic. */
export function normalizedWasserstein(ref: Sample, cur: Sample, stdFloor = 0.001): number {
  const a = sortedNonEmpty(ref, 'normalizedWasserstein (reference)');
  const b = sortedNonEmpty(cur, 'normalizedWasserstein (current)');
  assertFinite(a, 'normalizedWasserstein (reference)');
  assertFinite(b, 'normalizedWasserstein (current)');
  return normalizedWassersteinSorted(a, b, stdFloor);
}

// The reference's std per sorted array: a timeline compares one reference with many windows and chunks.
const stdCache = new WeakMap<Float64Array, number>();

/** As normalizedWasserstein on sorted finite non-empty samples (no copy; treat `a` as read-only). */
export function normalizedWassersteinSorted(a: Float64Array, b: Float64Array, stdFloor = 0.001): number {
  let std = stdCache.get(a);
  if (std === undefined) stdCache.set(a, (std = populationStd(a)));
  return wassersteinSorted(a, b) / Math.max(std, stdFloor);
}
