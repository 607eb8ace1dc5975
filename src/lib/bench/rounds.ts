// Intervals that see the between-round spread. A run measures each config in R rounds (each with
// its own warm-up, interleaved across configs); each round gives one median. The interval for the
// config's p50 is Student's t over those R round medians, and two runs compare by Welch's t on the
// logs of their round medians (a ratio with an interval). Why t over round medians and not a
// two-level bootstrap: with R = 3 rounds a bootstrap over rounds has only 10 distinct resamples and
// shrinks the between-round variance by (R − 1)/R, so it under-covers exactly where a busy machine
// needs it; the round medians of ≥ 50 runs are close to normal, where t is exact.
import { studentTQuantile } from '../stats/student-t.ts';
import { StatsInputError } from '../stats/errors.ts';

/** An interval from round medians, ms. `center` is the mean of the round medians. */
export interface RoundsInterval {
  low: number;
  high: number;
  level: number;
  center: number;
  /** Sample standard deviation (ddof = 1) of the round medians, ms. */
  sd: number;
  rounds: number;
}

const mean = (x: readonly number[]) => x.reduce((a, v) => a + v, 0) / x.length;
const sampleVar = (x: readonly number[], m = mean(x)) => x.reduce((a, v) => a + (v - m) ** 2, 0) / (x.length - 1);

function checkMedians(x: readonly number[], what: string, positive = false): void {
  for (const [i, v] of x.entries()) {
    if (!Number.isFinite(v) || (positive && !(v > 0))) {
      throw new StatsInputError(`${what}: round median ${i} is ${v}; round medians must be finite${positive ? ' and > 0 ms' : ' ms'}`);
    }
  }
}

/**
 * Student-t interval for the p50 from R ≥ 2 round medians (ms): mean ± t(R − 1, (1 + level)/2) · sd/√R,
 * as scipy.stats.t.interval(level, R − 1, loc=mean, scale=sem). The half-width is at least `floorMs`
 * (one clock step: a difference of two clock readings is uncertain by a whole step, so identical
 * medians on a coarse clock still get an honest width); the lower end is clipped at 0 ms.
 * @throws StatsInputError with fewer than 2 rounds (no spread to see) or non-finite medians.
 */
export function roundMediansInterval(medians: readonly number[], level = 0.95, floorMs = 0): RoundsInterval {
  if (medians.length < 2) throw new StatsInputError(`an interval over rounds needs at least 2 round medians, got ${medians.length}`);
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level ${level} must lie in (0, 1)`);
  checkMedians(medians, 'roundMediansInterval');
  const r = medians.length;
  const center = mean(medians);
  const sd = Math.sqrt(sampleVar(medians, center));
  const half = Math.max(studentTQuantile((1 + level) / 2, r - 1) * (sd / Math.sqrt(r)), floorMs);
  // A latency is never negative: with a wide spread over few rounds the lower end stops at 0.
  return { low: Math.max(0, center - half), high: center + half, level, center, sd, rounds: r };
}

/** A ratio new/old of p50s with its interval (dimensionless). */
export interface RatioInterval {
  /** exp(mean log new − mean log old): the ratio of geometric means of the round medians. */
  ratio: number;
  low: number;
  high: number;
  level: number;
  /** Welch–Satterthwaite degrees of freedom (Infinity when both spreads are 0). */
  df: number;
}

/**
 * Welch's t interval for log(new) − log(old) over round medians, exponentiated: the ratio of the
 * newer run's p50 to the baseline's, as exp(scipy.stats.ttest_ind(log new, log old, equal_var=False)
 * .confidence_interval(level)). Log scale because latency changes are multiplicative. The half-width
 * in log units is at least `floorLog` (e.g. one clock step relative to the p50).
 * @throws StatsInputError when either side has fewer than 2 rounds or a median ≤ 0.
 */
export function welchRatioInterval(oldMedians: readonly number[], newMedians: readonly number[], level = 0.95, floorLog = 0): RatioInterval {
  if (oldMedians.length < 2 || newMedians.length < 2) {
    throw new StatsInputError(`Welch's interval needs at least 2 rounds per run, got ${oldMedians.length} and ${newMedians.length}`);
  }
  checkMedians(oldMedians, 'welchRatioInterval', true);
  checkMedians(newMedians, 'welchRatioInterval', true);
  const la = oldMedians.map(Math.log);
  const lb = newMedians.map(Math.log);
  const d = mean(lb) - mean(la);
  const va = sampleVar(la) / la.length;
  const vb = sampleVar(lb) / lb.length;
  const se = Math.sqrt(va + vb);
  const df = se === 0 ? Infinity : (va + vb) ** 2 / (va ** 2 / (la.length - 1) + vb ** 2 / (lb.length - 1));
  const t = Number.isFinite(df) ? studentTQuantile((1 + level) / 2, df) : 0;
  const half = Math.max(t * se, floorLog);
  return { ratio: Math.exp(d), low: Math.exp(d - half), high: Math.exp(d + half), level, df };
}
