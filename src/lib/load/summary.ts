// A concurrency sweep's figures, perf_analyzer-style: per level, throughput, latency percentiles
// and errors; and the knee — the last level before throughput stops paying for added latency.
import { percentileSorted } from '../stats/percentiles.ts';

export const LOAD_SCHEMA = 'edgeprobe.load/1';

/** One concurrency level, measured after its warm-up. Times in ms. */
export interface LoadLevel {
  concurrency: number;
  /** Successful responses finished inside the measured window. */
  requests: number;
  /** Failed requests by cause ("HTTP 503", "ECONNREFUSED", "timeout"…). */
  errors: Record<string, number>;
  errorCount: number;
  /** Successful responses per second over the measured window. */
  throughputPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  /** Length of the measured window, ms. */
  measuredMs: number;
}

/** A whole sweep, as `edgeprobe load --json` writes it. */
export interface LoadResult {
  schema: typeof LOAD_SCHEMA;
  target: { url: string; model: string; protocol: 'oip' | 'tfserving' };
  /** ms per level */
  warmupMs: number;
  durationMs: number;
  maxLatencyMs: number | null;
  levels: LoadLevel[];
  /** Concurrency at the knee of the curve, or null with fewer than two levels. */
  knee: number | null;
  /** Highest concurrency whose p99 stayed within maxLatencyMs (null without a limit or when none did). */
  withinBudgetUpTo: number | null;
  /** Why the sweep ended before its last level, or null. */
  stoppedEarly: string | null;
  date: string;
}

/** Summarise a level's successful latencies (ms, any order) and errors. */
export function summarizeLevel(concurrency: number, latencies: number[], errors: Record<string, number>, measuredMs: number): LoadLevel {
  const sorted = Float64Array.from(latencies).sort();
  const n = sorted.length;
  const pick = (p: number) => (n === 0 ? Number.NaN : percentileSorted(sorted, p));
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    concurrency, requests: n, errors, errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    throughputPerSec: measuredMs > 0 ? n / (measuredMs / 1000) : 0,
    p50: pick(50), p90: pick(90), p99: pick(99), mean: n ? sum / n : Number.NaN, max: n ? sorted[n - 1]! : Number.NaN, measuredMs,
  };
}

/**
 * The knee: the first level after which more concurrency adds less than `minGain` (default 10 %)
 * throughput — beyond it requests only queue, so latency grows for nothing. The last level when
 * throughput still grows at the end; null with fewer than two levels.
 */
export function findKnee(levels: readonly LoadLevel[], minGain = 0.1): number | null {
  if (levels.length < 2) return null;
  for (let i = 0; i + 1 < levels.length; i++) {
    const a = levels[i]!;
    const b = levels[i + 1]!;
    if (b.throughputPerSec < a.throughputPerSec * (1 + minGain)) return a.concurrency;
  }
  return levels[levels.length - 1]!.concurrency;
}

/** The highest concurrency whose p99 is within the limit, ms (levels in increasing concurrency). */
export function withinBudgetUpTo(levels: readonly LoadLevel[], maxLatencyMs: number | null): number | null {
  if (maxLatencyMs === null) return null;
  let best: number | null = null;
  for (const l of levels) if (l.requests > 0 && l.p99 <= maxLatencyMs && l.errorCount === 0) best = l.concurrency;
  return best;
}

/** Check a parsed `--json` file from `edgeprobe load`. @throws Error naming what is wrong. */
export function parseLoadResult(v: unknown): LoadResult {
  const r = v as Partial<LoadResult> | null;
  if (!r || typeof r !== 'object' || r.schema !== LOAD_SCHEMA) {
    throw Object.assign(new Error(`not an edgeprobe load result (schema "${LOAD_SCHEMA}" expected)`), { name: 'DataFormatError' });
  }
  if (!Array.isArray(r.levels) || r.levels.some((l) => typeof l?.concurrency !== 'number' || typeof l?.throughputPerSec !== 'number')) {
    throw Object.assign(new Error('the load result has no valid "levels" (concurrency, throughputPerSec, p50, p90, p99 per level)'), { name: 'DataFormatError' });
  }
  return r as LoadResult;
}

/** The highest concurrency whose `metric` latency is within `ms` with no errors (levels in increasing concurrency), or null. */
export function serverMeetsUpTo(levels: readonly LoadLevel[], metric: 'p50' | 'p90' | 'p99', ms: number): number | null {
  let best: number | null = null;
  for (const l of levels) if (l.requests > 0 && l[metric] <= ms && l.errorCount === 0) best = l.concurrency;
  return best;
}
