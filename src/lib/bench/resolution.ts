// Timer resolution and the grouped median: browsers coarsen performance.now() (5 µs in a
// cross-origin isolated Chromium, 100 µs otherwise), so a 50 µs model's runs land on a few ticks and
// its p50 can only move in whole ticks. The grouped median interpolates within the median's tick.
import { sortedNonEmpty, type Sample } from '../stats/sample.ts';

/**
 * Apparent timer resolution of `x` (ms): the smallest gap between distinct values, rounded to
 * 0.1 µs; 0 when fewer than two distinct values. Floating-point noise below 1e-7 ms is ignored.
 */
export function timerResolution(x: Sample): number {
  const s = sortedNonEmpty(x, 'timerResolution');
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < s.length; i++) {
    const d = s[i]! - s[i - 1]!;
    if (d > 1e-7 && d < best) best = d;
  }
  return Number.isFinite(best) ? Math.round(best * 1e4) / 1e4 : 0;
}

/**
 * Median of data grouped in classes of width `interval` centred on the observed values, as Python's
 * statistics.median_grouped(x, interval): L + interval · (n/2 − cf) / f, with L the lower class
 * boundary of the median value, cf the count below it and f its count. NaN dropped.
 * @throws StatsInputError on an empty sample.
 */
export function groupedMedian(x: Sample, interval: number): number {
  const s = sortedNonEmpty(x, 'groupedMedian');
  const n = s.length;
  const m = s[n >> 1]!;
  let lo = n >> 1;
  while (lo > 0 && s[lo - 1] === m) lo--;
  let hi = n >> 1;
  while (hi < n - 1 && s[hi + 1] === m) hi++;
  const f = hi - lo + 1;
  return m - interval / 2 + (interval * (n / 2 - lo)) / f;
}

/**
 * The clock's own step, ms: the smallest non-zero change of `now()` seen over `trials` tight loops
 * that spin until the value changes (browsers coarsen performance.now() to 5 µs or 100 µs; Node's is
 * sub-µs). Rounded to 0.1 ns; NaN if the clock never moved within `maxSpins` reads.
 */
export function measureClockStep(now: () => number, trials = 25, maxSpins = 1_000_000): number {
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < trials; t++) {
    const a = now();
    let b = a;
    for (let i = 0; i < maxSpins && b === a; i++) b = now();
    if (b > a && b - a < best) best = b - a;
  }
  return Number.isFinite(best) ? Math.round(best * 1e7) / 1e7 : Number.NaN;
}
