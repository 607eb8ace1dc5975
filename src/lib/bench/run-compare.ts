// Two benchmark runs compared, as `edgeprobe bench-compare` and the app's history compare do it:
// the older run (by date) is the baseline whatever the order given; runs that differ in model,
// device, configs (backend, threads, batch, optimisation) or input shapes are refused unless forced;
// each config's verdict uses Welch's t on the log round medians (the between-round spread).
import type { BenchResult, ConfigResult } from './types.ts';
import { welchRatioInterval } from './rounds.ts';
import { intervalOf } from './compare.ts';

/** The two runs are not alike; `differences` names each thing that differs. */
export class UnlikeRunsError extends Error {
  override name = 'UnlikeRunsError';
  constructor(readonly differences: string[]) {
    super(`the runs differ in ${differences.join('; ')} (compare like with like, or force it)`);
  }
}

export type Verdict = 'faster' | 'slower' | 'no clear difference';

export interface ConfigComparison {
  id: string;
  label: string;
  /** ms */
  baselineP50: number;
  newP50: number;
  /** newer p50 / baseline p50 (geometric means of round medians with rounds): < 1 is faster. */
  ratio: number;
  low: number;
  high: number;
  method: 'welch-rounds' | 'bootstrap-one-round';
  verdict: Verdict;
  /** The ratio is beyond the threshold in the verdict's direction. */
  beyondThreshold: boolean;
}

export interface RunComparison {
  baseline: { id: string; date: string };
  newer: { id: string; date: string };
  /** Relative threshold, e.g. 0.05 for 5 %. */
  threshold: number;
  /** What differs between the runs (empty unless forced). */
  differences: string[];
  configs: ConfigComparison[];
  verdict: Verdict;
  /** A config of the newer run is slower beyond both the spread and the threshold: a regression. */
  regression: boolean;
}

const setOf = (r: BenchResult, f: (c: ConfigResult) => unknown) => [...new Set(r.configs.map((c) => JSON.stringify(f(c))))].sort().join(', ');

function deviceOf(r: BenchResult): string {
  const f = r.fingerprint;
  const gpu = f.gpu?.available ? f.gpu.description || f.gpu.vendor || 'GPU' : 'no GPU';
  return `${f.runtime} · ${f.platform} · ${f.cores} cores · ${f.deviceMemoryGb ?? '?'} GB · ${gpu}`;
}

/** Everything that makes two runs unlike (model sha256, device, backend, threads, batch, optimisation, shapes); empty when alike. */
export function runDifferences(a: BenchResult, b: BenchResult): string[] {
  const out: string[] = [];
  if (a.model.sha256 !== b.model.sha256) out.push(`model sha256: ${a.model.sha256.slice(0, 12)}… vs ${b.model.sha256.slice(0, 12)}…`);
  const da = deviceOf(a);
  const db = deviceOf(b);
  if (da !== db) out.push(`device: ${da} vs ${db}`);
  const dims: [string, (c: ConfigResult) => unknown][] = [
    ['backend', (c) => c.config.backend], ['threads', (c) => c.config.threads], ['batch', (c) => c.config.batch ?? 'fixed by --shape'], ['graph optimisation', (c) => c.config.graphOptimizationLevel],
  ];
  for (const [name, f] of dims) {
    const sa = setOf(a, f);
    const sb = setOf(b, f);
    if (sa !== sb) out.push(`${name}: ${sa} vs ${sb}`);
  }
  let matched = false;
  for (const ca of a.configs) {
    const cb = b.configs.find((c) => c.id === ca.id);
    if (!cb) continue;
    matched = true;
    const sa = JSON.stringify(shapesOf(ca));
    const sb = JSON.stringify(shapesOf(cb));
    if (sa !== sb) out.push(`shapes of ${ca.id}: ${sa} vs ${sb}`);
  }
  // No config in common (e.g. a batch fixed by --shape): say which shapes each run used.
  if (!matched) {
    const sa = setOf(a, shapesOf);
    const sb = setOf(b, shapesOf);
    if (sa !== sb) out.push(`shapes: ${sa} vs ${sb}`);
  }
  return out;
}

/** Input shapes of a config (results saved before `shapes` existed called it inputShapes). */
export function shapesOf(c: ConfigResult): Record<string, number[]> {
  return c.shapes ?? (c as unknown as { inputShapes?: Record<string, number[]> }).inputShapes ?? {};
}

/** [older, newer] by fingerprint date (ISO 8601), ties broken by id so the order never depends on the arguments'. */
export function byDate(a: BenchResult, b: BenchResult): [BenchResult, BenchResult] {
  const k = (r: BenchResult) => `${r.fingerprint.date}\u0000${r.id}`;
  return k(a) <= k(b) ? [a, b] : [b, a];
}

const medians = (c: ConfigResult) => (c.rounds ?? []).filter((r) => r.n > 0).map((r) => r.p50);

function compareConfig(old: ConfigResult, nu: ConfigResult, threshold: number): ConfigComparison {
  const ma = medians(old);
  const mb = medians(nu);
  let ratio: number;
  let low: number;
  let high: number;
  let method: ConfigComparison['method'];
  if (ma.length >= 2 && mb.length >= 2) {
    // A difference below one clock step cannot be seen: floor the half-width at a step relative to the p50.
    const step = (c: ConfigResult) => (Number.isFinite(c.compute!.timerResolutionMs) ? c.compute!.timerResolutionMs / c.compute!.p50 : 0);
    const w = welchRatioInterval(ma, mb, 0.95, Math.log1p(Math.max(step(old), step(nu))));
    ({ ratio, low, high } = w);
    method = 'welch-rounds';
  } else {
    const ia = intervalOf(old)!;
    const ib = intervalOf(nu)!;
    ratio = nu.compute!.p50 / old.compute!.p50;
    low = ib.low / ia.high;
    high = ib.high / ia.low;
    method = 'bootstrap-one-round';
  }
  const verdict: Verdict = low > 1 ? 'slower' : high < 1 ? 'faster' : 'no clear difference';
  const beyondThreshold = verdict === 'slower' ? ratio > 1 + threshold : verdict === 'faster' ? ratio < 1 / (1 + threshold) : false;
  return { id: nu.id, label: nu.label, baselineP50: old.compute!.p50, newP50: nu.compute!.p50, ratio, low, high, method, verdict, beyondThreshold };
}

/**
 * Compare two runs given in any order: the older is the baseline. Refuses unlike runs with an
 * UnlikeRunsError unless `force`; compares the configs both measured successfully.
 * @param threshold relative change that counts (0.05 = 5 %), ≥ 0.
 */
export function compareRuns(x: BenchResult, y: BenchResult, opts: { threshold?: number; force?: boolean } = {}): RunComparison {
  const threshold = opts.threshold ?? 0.05;
  const [old, nu] = byDate(x, y);
  const differences = runDifferences(old, nu);
  if (differences.length && !opts.force) throw new UnlikeRunsError(differences);
  const configs: ConfigComparison[] = [];
  for (const cb of nu.configs) {
    const ca = old.configs.find((c) => c.id === cb.id);
    if (ca?.compute && cb.compute && !ca.error && !cb.error) configs.push(compareConfig(ca, cb, threshold));
  }
  if (configs.length === 0) throw new UnlikeRunsError([...differences, 'no config succeeded in both runs']);
  const regression = configs.some((c) => c.verdict === 'slower' && c.beyondThreshold);
  const improved = configs.some((c) => c.verdict === 'faster' && c.beyondThreshold);
  const verdict: Verdict = regression ? 'slower' : improved && !configs.some((c) => c.verdict === 'slower') ? 'faster' : 'no clear difference';
  return {
    baseline: { id: old.id, date: old.fingerprint.date }, newer: { id: nu.id, date: nu.fingerprint.date },
    threshold, differences, configs, verdict, regression,
  };
}
