// Data for the benchmark charts, computed once per result (no DOM): histogram bins clipped at a
// high percentile, ECDF steps and run-order buckets thinned to what an SVG can draw. Ticks and
// scales come from the chart kit (src/lib/chart), formats from src/lib/format.ts.
import { quantileSorted } from '../stats/percentiles.ts';

const sortedCache = new WeakMap<readonly number[], Float64Array>();

/** An ascending copy of `samples`, computed once per array (several charts draw the same run). */
export function sortedCopy(samples: readonly number[]): Float64Array {
  let s = sortedCache.get(samples);
  if (!s) {
    s = Float64Array.from(samples).sort();
    sortedCache.set(samples, s);
  }
  return s;
}

export interface Bin {
  /** ms, inclusive lower edge */
  from: number;
  /** ms, exclusive upper edge (the last bin is closed) */
  to: number;
  count: number;
}

/**
 * The value above which a chart stops drawing: the `clipQ` quantile (0.99), or Tukey's extreme
 * fence Q3 + 3·IQR when that is lower, so a long tail of slow runs does not squeeze the body flat.
 */
export function chartClip(sorted: ArrayLike<number>, clipQ = 0.99): number {
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const fence = q3 + 3 * (q3 - q1);
  const hi = quantileSorted(sorted, clipQ);
  return q3 > q1 ? Math.min(hi, fence) : hi;
}

/**
 * Equal-width bins over [min, clip] (see chartClip): a few very slow runs would otherwise squeeze
 * every other bar into one. Runs above clip are counted in `above`, not lost.
 */
export function histogramBins(samples: readonly number[], bins = 30, clipQ = 0.99): { bins: Bin[]; above: number; clip: number } {
  if (samples.length === 0) return { bins: [], above: 0, clip: Number.NaN };
  const s = sortedCopy(samples);
  const lo = s[0]!;
  const clip = chartClip(s, clipQ);
  const width = clip > lo ? (clip - lo) / bins : 1;
  const count = clip > lo ? bins : 1;
  const out: Bin[] = Array.from({ length: count }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: 0 }));
  let above = 0;
  for (const v of s) {
    if (v > clip) { above++; continue; }
    const i = Math.min(count - 1, Math.floor((v - lo) / width));
    out[i]!.count++;
  }
  return { bins: out, above, clip };
}

/** ECDF as (x ms, F) points: at most `maxPoints`, always including the first and last value. */
export function ecdfPoints(samples: readonly number[], maxPoints = 200): { x: number; p: number }[] {
  const n = samples.length;
  if (n === 0) return [];
  const s = sortedCopy(samples);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: { x: number; p: number }[] = [];
  for (let i = 0; i < n; i += step) out.push({ x: s[i]!, p: (i + 1) / n });
  if (out.at(-1)!.p !== 1) out.push({ x: s[n - 1]!, p: 1 });
  return out;
}

/** Run-order buckets (min, median, max per bucket) so a 10 000-run trend draws as ≤ maxBuckets marks. */
export function trendBuckets(samples: readonly number[], maxBuckets = 150): { index: number; min: number; mid: number; max: number }[] {
  const n = samples.length;
  const size = Math.max(1, Math.ceil(n / maxBuckets));
  const out: { index: number; min: number; mid: number; max: number }[] = [];
  for (let i = 0; i < n; i += size) {
    const part = samples.slice(i, i + size).slice().sort((a, b) => a - b);
    out.push({ index: i + (part.length - 1) / 2, min: part[0]!, mid: quantileSorted(part, 0.5), max: part.at(-1)! });
  }
  return out;
}

/** @deprecated import formatMs from src/lib/format.ts (kept for callers on other branches). */
export { formatMs } from '../format.ts';
