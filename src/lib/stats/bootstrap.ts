// Seeded percentile-bootstrap confidence interval for a quantile of a sample (e.g. the p50 or
// p99 latency): resample with replacement, take the quantile, report the CI percentiles.
import { StatsInputError } from './errors.ts';
import { mulberry32 } from './prng.ts';
import { quantileSorted } from './percentiles.ts';
import { sortedNonEmpty, type Sample } from './sample.ts';

/** Point estimate and [low, high] bounds of the confidence interval. */
export interface BootstrapCi {
  estimate: number;
  low: number;
  high: number;
  level: number;
  resamples: number;
}

/** Options: quantile q in [0,1], confidence level (0.95), resample count (1000), seed (1). */
export interface BootstrapOptions {
  level?: number;
  resamples?: number;
  seed?: number;
}

/** Percentile bootstrap CI of the q-quantile (NumPy linear) of `x`; NaN dropped; deterministic per seed. */
export function bootstrapQuantileCi(x: Sample, q: number, opts: BootstrapOptions = {}): BootstrapCi {
  const level = opts.level ?? 0.95;
  const resamples = opts.resamples ?? 1000;
  if (!(level > 0 && level < 1)) throw new StatsInputError(`bootstrap: level ${level} must lie in (0, 1)`);
  if (!(resamples >= 1)) throw new StatsInputError(`bootstrap: resamples ${resamples} must be at least 1`);
  const sorted = sortedNonEmpty(x, 'bootstrap');
  const n = sorted.length;
  const rand = mulberry32(opts.seed ?? 1);
  const stats = new Float64Array(resamples);
  const buf = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    // Drawing indices into the sorted sample and sorting them keeps the resample sorted cheaply.
    for (let i = 0; i < n; i++) buf[i] = sorted[Math.floor(rand() * n)];
    buf.sort();
    stats[r] = quantileSorted(buf, q);
  }
  stats.sort();
  const alpha = (1 - level) / 2;
  return {
    estimate: quantileSorted(sorted, q),
    low: quantileSorted(stats, alpha),
    high: quantileSorted(stats, 1 - alpha),
    level,
    resamples,
  };
}
