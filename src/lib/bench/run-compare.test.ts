// Comparing two runs (bench-compare and the app's history compare): date order decides the
// baseline, unlike runs are refused with what differs, verdicts use the between-round spread;
// budgets and time estimates on hand-checkable cases.
import { describe, it, expect } from 'vitest';
import { compareRuns, runDifferences, UnlikeRunsError } from './run-compare.ts';
import { checkBudgets, describeMisses, parseBudget } from './budget.ts';
import { estimateConfigMs, estimateRoundMs, formatDuration } from './estimate.ts';
import { makeProtocol } from './protocol.ts';
import type { BenchResult, ConfigResult } from './types.ts';

function config(id: string, medians: number[], batch: number | null = 1, shapes: Record<string, number[]> = { x: [batch ?? 1, 3] }): ConfigResult {
  const sorted = medians.slice().sort((a, b) => a - b);
  const p50 = sorted[sorted.length >> 1]!;
  return {
    id, label: id, config: { backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch }, inputShapes: shapes, shapes,
    phases: { readMs: null, createMs: 12, firstRunMs: 3, warmupMs: 1 },
    rounds: medians.map((m, round) => ({ round, createMs: 12, firstRunMs: 3, warmupRuns: 1, warmupMs: 1, n: 50, p50: m, p90: m * 1.2, mean: m, measuredMs: 100, capped: false })),
    capped: false, p50Interval: null,
    compute: { p50, p90: p50 * 1.2, p95: p50 * 1.3, p99: p50 * 1.5, mean: p50, p50Ci: { low: p50 * 0.99, high: p50 * 1.01, level: 0.95 }, timerResolutionMs: 0.0001 } as never,
    endToEnd: null, endToEndCompute: null, samples: [], endToEndSamples: [], longTasks: null, error: null,
  };
}

function run(id: string, date: string, configs: ConfigResult[], sha = 'ab'.repeat(32)): BenchResult {
  return {
    schema: 'edgeprobe.bench/1', id, model: { name: 'm', sha256: sha, bytes: 1 },
    fingerprint: { runtime: 'native', userAgent: 'node', platform: 'linux x64', cores: 2, deviceMemoryGb: 8, crossOriginIsolated: false, gpu: { available: false }, webnn: false, ortVersion: '1.30', modelSha256: sha, inputShapes: {}, date },
    protocol: makeProtocol(), configs, fastest: null, fastestClear: false, tiedWithFastest: [], bestThroughput: null, longTasks: null, longTaskDetail: null, profile: null, profileError: null, totalMs: 1,
  };
}

describe('compareRuns', () => {
  const old = run('old', '2026-12-01T10:00:00.000Z', [config('wasm-t1-all-b1', [1.0, 1.02, 0.99])]);
  const slower = run('new', '2026-12-01T11:00:00.000Z', [config('wasm-t1-all-b1', [1.21, 1.19, 1.23])]);
  const same = run('same', '2026-12-01T11:00:00.000Z', [config('wasm-t1-all-b1', [1.01, 0.98, 1.03])]);

  it('takes the older run as baseline whatever the order: A B and B A agree on verdict and ratio', () => {
    const ab = compareRuns(old, slower);
    const ba = compareRuns(slower, old);
    expect(ab).toEqual(ba);
    expect(ab.baseline.id).toBe('old');
    expect(ab.configs[0]!.ratio).toBeCloseTo(Math.cbrt(1.21 * 1.19 * 1.23) / Math.cbrt(1.0 * 1.02 * 0.99), 12);
    expect(ab).toMatchObject({ verdict: 'slower', regression: true });
    expect(ab.configs[0]).toMatchObject({ method: 'welch-rounds', verdict: 'slower', beyondThreshold: true });
  });
  it('calls overlapping spreads "no clear difference", and a small real change within the threshold no regression', () => {
    expect(compareRuns(old, same)).toMatchObject({ verdict: 'no clear difference', regression: false });
    const bit = run('bit', '2026-12-01T12:00:00.000Z', [config('wasm-t1-all-b1', [1.031, 1.03, 1.032])]);
    const c = compareRuns(run('o', '2026-12-01T10:00:00.000Z', [config('wasm-t1-all-b1', [1.0, 1.001, 0.999])]), bit, { threshold: 0.05 });
    expect(c.configs[0]).toMatchObject({ verdict: 'slower', beyondThreshold: false });
    expect(c.regression).toBe(false);
    expect(compareRuns(run('o', '2026-12-01T10:00:00.000Z', [config('wasm-t1-all-b1', [1.0, 1.001, 0.999])]), bit, { threshold: 0.01 }).regression).toBe(true);
  });
  it('refuses runs at other shapes, batch, model or device, naming what differs; --force compares anyway', () => {
    const b8 = run('b8', '2026-12-01T12:00:00.000Z', [config('wasm-t1-all-b8', [4, 4, 4], 8)]);
    expect(() => compareRuns(old, b8)).toThrow(UnlikeRunsError);
    expect(runDifferences(old, b8)).toEqual(['batch: 1 vs 8', 'shapes: {"x":[1,3]} vs {"x":[8,3]}']);
    const otherShape = run('s', '2026-12-01T12:00:00.000Z', [config('wasm-t1-all-b1', [1, 1, 1], 1, { x: [1, 5] })]);
    expect(runDifferences(old, otherShape)).toEqual(['shapes of wasm-t1-all-b1: {"x":[1,3]} vs {"x":[1,5]}']);
    const otherModel = run('m', '2026-12-01T12:00:00.000Z', [config('wasm-t1-all-b1', [1, 1, 1])], 'cd'.repeat(32));
    expect(runDifferences(old, otherModel)[0]).toMatch(/^model sha256: abababababab… vs cdcdcdcdcdcd…/);
    const otherDevice = { ...same, fingerprint: { ...same.fingerprint, cores: 16 } };
    expect(runDifferences(old, otherDevice)[0]).toMatch(/^device: native · linux x64 · 2 cores .* vs .*16 cores/);
    const forced = compareRuns(old, otherShape, { force: true });
    expect(forced.differences).toHaveLength(1);
    expect(() => compareRuns(old, b8, { force: true })).toThrow(/no config succeeded in both runs/);
  });
  it('with one round per run falls back to the within-run intervals and says so', () => {
    const a = run('a', '2026-12-01T10:00:00.000Z', [config('wasm-t1-all-b1', [1.0])]);
    const b = run('b', '2026-12-01T11:00:00.000Z', [config('wasm-t1-all-b1', [2.0])]);
    const c = compareRuns(b, a);
    expect(c.configs[0]).toMatchObject({ method: 'bootstrap-one-round', ratio: 2, verdict: 'slower' });
    expect(c.configs[0]!.low).toBeCloseTo(1.98 / 1.01, 12);
  });
});

describe('budgets', () => {
  it('parses METRIC=MS and refuses the rest with what is valid', () => {
    expect(parseBudget('p90=50')).toEqual({ metric: 'p90', ms: 50 });
    expect(parseBudget('first=1.5ms')).toEqual({ metric: 'first', ms: 1.5 });
    expect(() => parseBudget('p91=5')).toThrow(/unknown; valid: p50, p90, p95, p99, mean, first, create/);
    expect(() => parseBudget('p90')).toThrow(/METRIC=MS/);
    expect(() => parseBudget('p90=-1')).toThrow(/> 0/);
  });
  it('marks each config pass/fail and names the config and the figure that missed', () => {
    const c = config('wasm-t1-all-b1', [1, 1, 1]);
    const failed = { ...config('wasm-t2-all-b1', [1]), compute: null, error: { name: 'InferenceError', message: 'x' } };
    const checks = checkBudgets([c, failed], [parseBudget('p90=1.1'), parseBudget('create=100')]);
    expect(checks.map((k) => k.pass)).toEqual([false, true, false, true]);
    expect(describeMisses(checks)).toEqual([
      'wasm-t1-all-b1: p90 1.200 ms > budget 1.1 ms',
      'wasm-t2-all-b1: p90 not measured (the config failed) > budget 1.1 ms',
    ]);
  });
});

describe('time estimates', () => {
  it('by hand: the longer of count × per-run and the minimum time, per round, times the rounds', () => {
    const p = makeProtocol({ rounds: 3, warmupRuns: 10, warmupMs: 1000, minRuns: 50, minTimeMs: 3000, endToEndRuns: 0 });
    // 1 ms per run: 1 + max(10, 1000) + max(50, 3000) = 4001 ms per round (+ 20 ms create).
    expect(estimateRoundMs(p, 1, 20)).toBe(4021);
    expect(estimateConfigMs(p, 1, 20)).toBe(3 * 4021);
    // 200 ms per run: 200 + 2000 + 10000 = 12200 ms per round.
    expect(estimateRoundMs(p, 200)).toBe(12200);
    // A 10 s model in quick mode is capped: first run + cap.
    expect(estimateConfigMs(makeProtocol({ endToEndRuns: 0 }, true), 10_000)).toBe(20_000);
    // A first run longer than the cap (25 s against 1 s) is still followed by one measured run.
    expect(estimateRoundMs(makeProtocol({ rounds: 1, warmupRuns: 0, warmupMs: 0, minRuns: 1, minTimeMs: 0, maxTimeMs: 1_000, endToEndRuns: 0 }), 25_000)).toBe(50_000);
    expect(formatDuration(4021)).toBe('4 s');
    expect(formatDuration(300)).toBe('0.3 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
  });
});
