// Latency statistics of one benchmark sample: the percentile summary, bootstrap 95% CIs on p50 and
// p90, throughput, stability windows and outlier counts, all from the raw run-order samples.
import { summarize } from '../stats/percentiles.ts';
import { bootstrapQuantileCi } from '../stats/bootstrap.ts';
import { orderStatBootstrapCi } from './order-bootstrap.ts';
import { StatsInputError } from '../stats/errors.ts';
import { stabilityWindows, type StabilityOptions } from './stability.ts';
import { tukeyOutliers } from './outliers.ts';
import type { Interval, LatencyStats } from './types.ts';

export interface SummaryOptions {
  /** Items per inference, for items/s (1 when the batch is fixed). */
  batch?: number;
  /** Bootstrap resamples (1000) and seed (1): fixed so a result can be recomputed exactly. Above
   * 5000 runs the equivalent order-statistic bootstrap is used (a resample-and-sort would cost seconds). */
  resamples?: number;
  seed?: number;
  stability?: StabilityOptions;
  /** The clock's step, ms (measureClockStep); NaN when not measured. */
  clockStepMs?: number;
}

/**
 * Summarise latencies `samples` (ms, in run order, NaN/negative not expected). Throughput is
 * 1000 / mean (inferences per second), so it reflects the time actually spent, outliers included.
 * @throws StatsInputError on an empty sample or non-finite values.
 */
export function summarizeLatencies(samples: ArrayLike<number>, opts: SummaryOptions = {}): LatencyStats {
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) {
      throw new StatsInputError(`latency sample ${i} is ${samples[i]}; latencies must be finite ms`);
    }
  }
  const s = summarize(samples);
  const boot = { resamples: opts.resamples ?? 1000, seed: opts.seed ?? 1, level: 0.95 };
  const ci = (q: number): Interval => {
    const b = samples.length > 5000 ? orderStatBootstrapCi(samples, q, boot) : bootstrapQuantileCi(samples, q, boot);
    return { low: b.low, high: b.high, level: b.level };
  };
  const throughputPerSec = s.mean > 0 ? 1000 / s.mean : Number.POSITIVE_INFINITY;
  return {
    n: s.n, mean: s.mean, std: s.std, min: s.min, p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99, max: s.max,
    throughputPerSec,
    itemsPerSec: throughputPerSec * (opts.batch ?? 1),
    p50Ci: ci(0.5),
    p90Ci: ci(0.9),
    stability: stabilityWindows(samples, opts.stability),
    outliers: tukeyOutliers(samples),
    timerResolutionMs: opts.clockStepMs ?? Number.NaN,
  };
}
