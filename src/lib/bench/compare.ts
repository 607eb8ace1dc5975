// Decisions over the configs of one run: the p50 interval each config is judged by (over round
// medians when there are ≥ 2 rounds), the fastest by per-call latency — named a clear choice only
// when its interval overlaps no other's — and the best throughput per item, apart from it.
import type { ConfigResult, DecisionInterval, LatencyStats, RoundResult } from './types.ts';
import { roundMediansInterval } from './rounds.ts';

/** Closed intervals [low, high] overlap. */
export function intervalsOverlap(a: { low: number; high: number }, b: { low: number; high: number }): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/**
 * The interval a config is judged by, ms: Student t over its round medians (half-width at least one
 * clock step) with ≥ 2 rounds; with one round, the within-run bootstrap interval of the p50.
 */
export function decisionInterval(rounds: readonly RoundResult[], compute: LatencyStats): DecisionInterval {
  const medians = rounds.filter((r) => r.n > 0).map((r) => r.p50);
  const step = Number.isFinite(compute.timerResolutionMs) ? compute.timerResolutionMs : 0;
  if (medians.length >= 2) {
    const i = roundMediansInterval(medians, 0.95, step);
    const mean = i.center;
    return { low: i.low, high: i.high, level: i.level, method: 'rounds-t', rounds: medians.length, spread: mean > 0 ? (Math.max(...medians) - Math.min(...medians)) / mean : 0 };
  }
  return { low: Math.min(compute.p50Ci.low, compute.p50 - step), high: Math.max(compute.p50Ci.high, compute.p50 + step), level: compute.p50Ci.level, method: 'bootstrap-one-round', rounds: medians.length, spread: 0 };
}

/** The interval of a config result (its stored one, or rebuilt for results saved before rounds existed). */
export function intervalOf(c: ConfigResult): DecisionInterval | null {
  if (c.p50Interval) return c.p50Interval;
  return c.compute ? decisionInterval(c.rounds ?? [], c.compute) : null;
}

const ok = (c: ConfigResult) => !!c.compute && !c.error;

/** The config with the lowest per-call compute p50 among those that succeeded, or null. */
export function fastestConfig(configs: readonly ConfigResult[]): ConfigResult | null {
  let best: ConfigResult | null = null;
  for (const c of configs) if (ok(c) && (!best || c.compute!.p50 < best.compute!.p50)) best = c;
  return best;
}

/** The config with the most items per second (inferences/s × batch), or null. */
export function bestThroughputConfig(configs: readonly ConfigResult[]): ConfigResult | null {
  let best: ConfigResult | null = null;
  for (const c of configs) if (ok(c) && (!best || c.compute!.itemsPerSec > best.compute!.itemsPerSec)) best = c;
  return best;
}

export interface FastestDecision {
  fastest: ConfigResult | null;
  /** True when no other config's interval overlaps the fastest's. */
  clear: boolean;
  /** ids of the configs that overlap it: "no clear difference" between these. */
  tied: string[];
}

/** The fastest config by per-call p50 and whether it is clearly fastest (intervals, not point values). */
export function decideFastest(configs: readonly ConfigResult[]): FastestDecision {
  const fastest = fastestConfig(configs);
  if (!fastest) return { fastest: null, clear: false, tied: [] };
  const fi = intervalOf(fastest)!;
  const tied = configs.filter((c) => c !== fastest && ok(c) && intervalsOverlap(fi, intervalOf(c)!)).map((c) => c.id);
  return { fastest, clear: tied.length === 0, tied };
}
