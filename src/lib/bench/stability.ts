// Stability in the manner of Triton's perf_analyzer: split the run into consecutive windows and
// call it stable when the last three windows' mean latencies lie within 10% of their average.
import { accurateSum } from '../stats/summation.ts';
import type { Stability } from './types.ts';

/** Options: number of windows (10), smallest window (5 runs), tolerance (0.10 = 10%). */
export interface StabilityOptions {
  windows?: number;
  minWindowSize?: number;
  tolerance?: number;
}

/**
 * Window means (ms) of `samples` in run order and the stability verdict. Windows have equal size
 * floor(n / windows) (at least minWindowSize); the remainder joins the last window. With fewer than
 * three windows the run is reported unstable (spread NaN): too short to tell.
 */
export function stabilityWindows(samples: ArrayLike<number>, opts: StabilityOptions = {}): Stability {
  const tolerance = opts.tolerance ?? 0.1;
  const want = opts.windows ?? 10;
  const minSize = opts.minWindowSize ?? 5;
  const n = samples.length;
  const windowSize = Math.max(minSize, Math.floor(n / want));
  const count = Math.floor(n / windowSize);
  const windowMeans: number[] = [];
  for (let w = 0; w < count; w++) {
    const end = w === count - 1 ? n : (w + 1) * windowSize;
    const part = Array.prototype.slice.call(samples, w * windowSize, end) as number[];
    windowMeans.push(accurateSum(part) / part.length);
  }
  if (windowMeans.length < 3) return { stable: false, windowMeans, windowSize, spread: Number.NaN, tolerance };
  const last = windowMeans.slice(-3);
  const avg = (last[0]! + last[1]! + last[2]!) / 3;
  const spread = Math.max(...last.map((m) => Math.abs(m / avg - 1)));
  return { stable: spread <= tolerance, windowMeans, windowSize, spread, tolerance };
}
