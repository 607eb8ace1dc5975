// How long a config will take: from the protocol and, once known, its session creation and first
// run (a pessimistic per-run time: the first run is the slowest), before and during a benchmark.
import type { BenchProtocol } from './types.ts';

/**
 * Estimated time for one round of one config, ms: create + first run + warm-up (the longer of
 * warmupRuns × per-run and warmupMs) + measuring (the longer of minRuns × per-run and minTimeMs),
 * capped at maxTimeMs after the create, plus the end-to-end calls of the round (as many as fit in
 * another maxTimeMs, see endToEndCalls).
 * @param perRunMs time of one inference, ms (0 when unknown: the estimate is then a lower bound)
 */
export function estimateRoundMs(p: BenchProtocol, perRunMs: number, createMs = 0): number {
  const run = Math.max(0, perRunMs);
  const warm = Math.max(p.warmupRuns * run, p.warmupMs);
  const measure = Math.max(p.minRuns * run, p.minTimeMs);
  // The cap still lets one measured run through, also after a first run longer than the cap.
  const body = Math.min(run + warm + measure, Math.max(p.maxTimeMs, run) + run);
  return createMs + body + endToEndCalls(p, run) * run;
}

/**
 * How many of `wanted` calls of `perRunMs` each fit in `budgetMs` — at least one (so a slow model
 * still gets its figure), never more than wanted (0 stays 0). A 17 s/run model and 60 wanted calls
 * would otherwise take 17 min after a 60 s round.
 */
export function callsWithin(wanted: number, perRunMs: number, budgetMs: number): number {
  if (wanted <= 0) return 0;
  if (!(perRunMs > 0) || !Number.isFinite(budgetMs)) return wanted;
  return Math.max(1, Math.min(wanted, Math.floor(Math.max(0, budgetMs) / perRunMs)));
}

/** End-to-end calls after one round: the round's share of endToEndRuns, as many as fit in maxTimeMs. */
export const endToEndCalls = (p: BenchProtocol, perRunMs: number): number =>
  callsWithin(Math.ceil(p.endToEndRuns / p.rounds), perRunMs, p.maxTimeMs);

/** Estimated time for all rounds of one config, ms (see estimateRoundMs). */
export function estimateConfigMs(p: BenchProtocol, perRunMs: number, createMs = 0): number {
  return p.rounds * estimateRoundMs(p, perRunMs, createMs);
}

/** Estimated time left, ms: `remainingRounds` rounds of configs still to run, each at its own per-run estimate. */
export function estimateRemainingMs(p: BenchProtocol, remaining: readonly { perRunMs: number; createMs: number; rounds: number }[]): number {
  return remaining.reduce((a, r) => a + r.rounds * estimateRoundMs(p, r.perRunMs, r.createMs), 0);
}

/** "0.3 s", "12 s", "3 min 20 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 9_950) return `${Number((ms / 1000).toFixed(1))} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
