// Outliers by Tukey's fences on NumPy-linear quartiles: counted and reported, never dropped, so a
// noisy device shows up as noisy instead of being cleaned into a flattering number.
import { quantileSorted } from '../stats/percentiles.ts';
import { sortedNonEmpty, type Sample } from '../stats/sample.ts';
import type { OutlierCounts } from './types.ts';

/**
 * Count values below Q1 − k·IQR ("low") and above Q3 + k·IQR ("high") with k = 1.5, and those beyond
 * 3·IQR ("extreme", a subset). Quartiles are numpy.quantile(x, [0.25, 0.75]). NaN is ignored.
 * @throws StatsInputError on an empty sample.
 */
export function tukeyOutliers(x: Sample, k = 1.5, kExtreme = 3): OutlierCounts {
  const s = sortedNonEmpty(x, 'tukeyOutliers');
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  const lowerExtreme = q1 - kExtreme * iqr;
  const upperExtreme = q3 + kExtreme * iqr;
  let low = 0;
  let high = 0;
  let extreme = 0;
  for (const v of s) {
    if (v < lowerFence) low++;
    else if (v > upperFence) high++;
    if (v < lowerExtreme || v > upperExtreme) extreme++;
  }
  return { low, high, extreme, lowerFence, upperFence };
}
