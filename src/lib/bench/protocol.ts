// The latency protocol's loop, shared by the browser worker, Node tests and the native runtime:
// one first run, warm-up runs, then measured runs until both a minimum count and a minimum time.
import type { BenchProtocol, LoopMeasurement } from './types.ts';

export class BenchOptionsError extends Error {
  override name = 'BenchOptionsError';
}

/**
 * Full protocol: 3 rounds per config, each with ≥ 10 warm-up runs and ≥ 1 s of warm-up, then
 * ≥ 50 runs and ≥ 3 s measured (≈ 12 s per config for a fast model); a round is capped at 60 s.
 */
export const DEFAULT_PROTOCOL: BenchProtocol = {
  rounds: 3, warmupRuns: 10, warmupMs: 1_000, minRuns: 50, minTimeMs: 3_000, maxRuns: 2_000_000, maxTimeMs: 60_000, endToEndRuns: 60, quick: false,
};

/** Quick mode: one round, ≥ 5 warm-up runs and 0.5 s, ≥ 50 runs and ≥ 1 s, capped at 10 s per config. */
export const QUICK_PROTOCOL: BenchProtocol = {
  rounds: 1, warmupRuns: 5, warmupMs: 500, minRuns: 50, minTimeMs: 1_000, maxRuns: 500_000, maxTimeMs: 10_000, endToEndRuns: 20, quick: true,
};

/** The protocol from defaults (quick or full) and overrides; throws BenchOptionsError on nonsense. */
export function makeProtocol(overrides: Partial<BenchProtocol> = {}, quick = overrides.quick ?? false): BenchProtocol {
  const p: BenchProtocol = { ...(quick ? QUICK_PROTOCOL : DEFAULT_PROTOCOL), ...stripUndefined(overrides), quick };
  const check = (name: keyof BenchProtocol, min: number) => {
    const v = p[name] as number;
    if (!Number.isFinite(v) || v < min || !Number.isInteger(v)) {
      throw new BenchOptionsError(`${name} must be an integer ≥ ${min}, got ${v}`);
    }
  };
  check('rounds', 1);
  check('warmupRuns', 0);
  check('minRuns', 1);
  check('endToEndRuns', 0);
  for (const k of ['minTimeMs', 'warmupMs', 'maxTimeMs'] as const) {
    if (!(p[k] >= 0 && Number.isFinite(p[k]))) throw new BenchOptionsError(`${k} must be ≥ 0 ms, got ${p[k]}`);
  }
  if (p.rounds > 100) throw new BenchOptionsError(`rounds must be at most 100, got ${p.rounds}`);
  // The caps may never undercut the minimums the user asked for, unless the user set the cap itself.
  p.maxRuns = Math.max(p.maxRuns, p.minRuns);
  if (overrides.maxTimeMs === undefined) p.maxTimeMs = Math.max(p.maxTimeMs, p.minTimeMs + p.warmupMs);
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True once the measured phase may stop: both minimums met, or the run cap reached (the time cap is the round's). */
export function shouldStop(count: number, elapsedMs: number, p: BenchProtocol): boolean {
  if (count >= p.maxRuns) return true;
  return count >= p.minRuns && elapsedMs >= p.minTimeMs;
}

/** Fraction done in [0, 1]: the slower of the two minimums decides. */
export function progressFraction(count: number, elapsedMs: number, p: BenchProtocol): number {
  const byCount = count / p.minRuns;
  const byTime = p.minTimeMs > 0 ? elapsedMs / p.minTimeMs : 1;
  return Math.min(1, byCount, byTime);
}

export interface LoopProgress {
  phase: 'first' | 'warmup' | 'measure';
  /** The first (cold) run of this round, ms: the basis of the time estimate. */
  firstRunMs: number;
  done: number;
  fraction: number;
  /** Median of the most recent runs, ms (NaN before any measured run). */
  liveP50: number;
  elapsedMs: number;
}

export interface LoopHooks {
  /** Clock in ms (performance.now by default). */
  now?: () => number;
  /** Ends the loop early (the measurement so far is kept, with `cancelled: true`). */
  signal?: AbortSignal;
  /** Called at most every `progressEveryMs` (and at the end); may be async (a comlink proxy). */
  onProgress?: (p: LoopProgress) => void | Promise<void>;
  progressEveryMs?: number;
  /**
   * Give the event loop a turn this often (ms, default 50): session.run resolves as a microtask, so
   * without it a worker never reads its messages (cancel!) until the loop ends. Not inside a timing.
   */
  yieldEveryMs?: number;
}

/** A macrotask turn: lets queued messages (cancel, progress acks) run. */
const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Run one round of the protocol over `runOnce`, which performs one inference and returns its own
 * timing in ms (the caller times exactly the call it cares about, e.g. session.run only). Warm-up
 * lasts until both warmupRuns and warmupMs are met; the measured phase until both minRuns and
 * minTimeMs are met; the round (first run included) stops at maxTimeMs, after at least one measured
 * run. Progress reports are throttled so they cost nothing measurable; cancellation ends the loop
 * with `cancelled: true`.
 */
export async function runMeasuredLoop(runOnce: () => Promise<number>, p: BenchProtocol, hooks: LoopHooks = {}): Promise<LoopMeasurement> {
  const now = hooks.now ?? (() => performance.now());
  const cancelled = () => hooks.signal?.aborted === true;
  const every = hooks.progressEveryMs ?? 100;
  const yieldEvery = hooks.yieldEveryMs ?? 50;
  let lastReport = -Infinity;
  let lastYield = now();
  const maybeYield = async () => {
    if (now() - lastYield < yieldEvery) return;
    await yieldToEventLoop();
    lastYield = now();
  };
  let firstRunMs = Number.NaN;
  const report = async (phase: LoopProgress['phase'], done: number, fraction: number, samples: number[], elapsedMs: number, force = false) => {
    if (!hooks.onProgress) return;
    const t = now();
    if (!force && t - lastReport < every) return;
    lastReport = t;
    await hooks.onProgress({ phase, firstRunMs, done, fraction, liveP50: recentMedian(samples, 101), elapsedMs });
  };

  const roundStart = now();
  const overCap = () => now() - roundStart >= p.maxTimeMs;
  firstRunMs = await runOnce();
  await report('first', 0, 0, [], firstRunMs, true);
  const warmStart = now();
  let warmupRuns = 0;
  while ((warmupRuns < p.warmupRuns || now() - warmStart < p.warmupMs) && !overCap()) {
    if (cancelled()) return { firstRunMs, warmupRuns, warmupMs: now() - warmStart, samples: [], measuredMs: 0, cancelled: true, capped: false };
    await runOnce();
    warmupRuns++;
    await report('warmup', warmupRuns, 0, [], now() - warmStart);
    await maybeYield();
  }
  const warmupMs = now() - warmStart;

  const samples: number[] = [];
  const start = now();
  let elapsed = 0;
  let capped = false;
  while (!shouldStop(samples.length, elapsed, p)) {
    if (samples.length > 0 && overCap()) {
      capped = true;
      break;
    }
    if (cancelled()) return { firstRunMs, warmupRuns, warmupMs, samples, measuredMs: now() - start, cancelled: true, capped };
    samples.push(await runOnce());
    await report('measure', samples.length, progressFraction(samples.length, now() - start, p), samples, now() - start);
    await maybeYield();
    elapsed = now() - start;
  }
  const measuredMs = now() - start;
  // A warm-up cut short by the cap also means the minimums were not met.
  capped ||= warmupRuns < p.warmupRuns || warmupMs < p.warmupMs;
  await report('measure', samples.length, 1, samples, measuredMs, true);
  return { firstRunMs, warmupRuns, warmupMs, samples, measuredMs, cancelled: false, capped };
}

/** Median of the last `k` values (a live p50 for the progress bar); NaN when empty. */
export function recentMedian(samples: readonly number[], k: number): number {
  if (samples.length === 0) return Number.NaN;
  const tail = samples.slice(-k).sort((a, b) => a - b);
  const m = tail.length >> 1;
  return tail.length % 2 ? tail[m]! : (tail[m - 1]! + tail[m]!) / 2;
}
