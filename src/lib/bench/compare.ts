// Comparing two latency results (e.g. two configs, or today's run against a saved one): the ratio
// of their p50s and whether their bootstrap intervals overlap (no overlap: a real difference).
import type { ConfigResult, LatencyStats } from './types.ts';

export interface Comparison {
  /** p50(b) / p50(a): below 1 means b is faster. */
  p50Ratio: number;
  /** Relative change of b against a, in percent. */
  changePct: number;
  /** True when the p50 confidence intervals overlap (the difference may be noise). */
  ciOverlap: boolean;
  verdict: 'faster' | 'slower' | 'same';
}

/** Compare latency stats `b` against baseline `a` on their p50 and its 95% CI. */
export function compareLatency(a: Pick<LatencyStats, 'p50' | 'p50Ci'>, b: Pick<LatencyStats, 'p50' | 'p50Ci'>): Comparison {
  const p50Ratio = b.p50 / a.p50;
  const ciOverlap = intervalsOverlap(a.p50Ci, b.p50Ci);
  const verdict = ciOverlap || p50Ratio === 1 ? 'same' : p50Ratio < 1 ? 'faster' : 'slower';
  return { p50Ratio, changePct: (p50Ratio - 1) * 100, ciOverlap, verdict };
}

/** Closed intervals [low, high] overlap. */
export function intervalsOverlap(a: { low: number; high: number }, b: { low: number; high: number }): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/** ms per item: the p50 divided by the batch size, so configs with different batches compare fairly. */
export function perItemP50(c: ConfigResult): number {
  return c.compute ? c.compute.p50 / (c.config.batch ?? 1) : Number.POSITIVE_INFINITY;
}

/** The config with the lowest per-item compute p50 among those that succeeded, or null. */
export function fastestConfig(configs: readonly ConfigResult[]): ConfigResult | null {
  let best: ConfigResult | null = null;
  for (const c of configs) {
    if (!c.compute || c.error) continue;
    if (!best || perItemP50(c) < perItemP50(best)) best = c;
  }
  return best;
}
