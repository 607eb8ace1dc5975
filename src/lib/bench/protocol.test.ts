// The shared measurement loop with a fake clock: stop rule (both minimums), caps, warm-up, progress
// throttling and cancellation.
import { describe, it, expect } from 'vitest';
import { makeProtocol, runMeasuredLoop, shouldStop, progressFraction, recentMedian, DEFAULT_PROTOCOL, QUICK_PROTOCOL } from './protocol.ts';

/** A fake model that "takes" `ms` per run on a fake clock. */
function fake(ms: (i: number) => number) {
  let t = 0;
  let i = 0;
  return { now: () => t, runOnce: async () => { const d = ms(i++); t += d; return d; }, calls: () => i };
}

describe('protocol options', () => {
  it('has the documented defaults and a quick mode', () => {
    expect(DEFAULT_PROTOCOL).toMatchObject({ rounds: 3, warmupRuns: 10, warmupMs: 1000, minRuns: 50, minTimeMs: 3_000 });
    expect(QUICK_PROTOCOL).toMatchObject({ rounds: 1, maxTimeMs: 10_000 });
    expect(makeProtocol({}, true)).toEqual(QUICK_PROTOCOL);
    expect(makeProtocol({ minRuns: 7, warmupRuns: undefined })).toMatchObject({ minRuns: 7, warmupRuns: 10, quick: false });
  });
  it('refuses nonsense with a BenchOptionsError and lifts caps to the minimums', () => {
    expect(() => makeProtocol({ minRuns: 0 })).toThrow(expect.objectContaining({ name: 'BenchOptionsError', message: expect.stringMatching(/minRuns must be an integer ≥ 1/) }));
    expect(() => makeProtocol({ warmupRuns: -1 })).toThrow(/warmupRuns/);
    expect(() => makeProtocol({ minTimeMs: Number.NaN })).toThrow(/minTimeMs/);
    expect(() => makeProtocol({ rounds: 0 })).toThrow(/rounds must be an integer ≥ 1/);
    expect(() => makeProtocol({ warmupMs: -1 })).toThrow(/warmupMs/);
    expect(makeProtocol({ minRuns: 5_000_000, minTimeMs: 120_000 })).toMatchObject({ maxRuns: 5_000_000, maxTimeMs: 121_000 });
    // A cap the user set stays, even below the minimums (quick looks at slow models).
    expect(makeProtocol({ minTimeMs: 120_000, maxTimeMs: 5_000 }).maxTimeMs).toBe(5_000);
  });
  it('stops only when both minimums are met, or at a cap', () => {
    const p = makeProtocol({ minRuns: 100, minTimeMs: 1000, maxRuns: 1000, maxTimeMs: 5000 });
    expect(shouldStop(100, 999, p)).toBe(false);
    expect(shouldStop(99, 5000 - 1, p)).toBe(false);
    expect(shouldStop(100, 1000, p)).toBe(true);
    expect(shouldStop(1000, 10, p)).toBe(true);
    // The time cap belongs to the round (runMeasuredLoop), not to this rule.
    expect(shouldStop(5, 5000, p)).toBe(false);
    expect(progressFraction(50, 1000, p)).toBe(0.5);
    expect(progressFraction(200, 250, p)).toBe(0.25);
  });
});

describe('runMeasuredLoop', () => {
  it('times the first run and warm-up apart from the measured runs', async () => {
    const f = fake((i) => (i === 0 ? 50 : 2));
    const p = makeProtocol({ warmupRuns: 3, warmupMs: 0, minRuns: 10, minTimeMs: 100 });
    const m = await runMeasuredLoop(f.runOnce, p, { now: f.now });
    expect(m.firstRunMs).toBe(50);
    expect(m.warmupMs).toBe(6);
    expect(m.warmupRuns).toBe(3);
    expect(m.capped).toBe(false);
    // 10 runs are 20 ms: the time minimum (100 ms) decides: 50 runs.
    expect(m.samples).toHaveLength(50);
    expect(m.measuredMs).toBe(100);
    expect(f.calls()).toBe(1 + 3 + 50);
    expect(m.cancelled).toBe(false);
  });

  it('reports progress at most every progressEveryMs with a live p50, and once at the end', async () => {
    const f = fake(() => 10);
    const seen: { phase: string; fraction: number; liveP50: number }[] = [];
    await runMeasuredLoop(f.runOnce, makeProtocol({ warmupRuns: 0, warmupMs: 0, minRuns: 10, minTimeMs: 1000 }), {
      now: f.now, progressEveryMs: 200, onProgress: (pr) => void seen.push(pr),
    });
    // 100 runs of 10 ms, a report every 200 ms of fake time, plus the final one.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(seen.at(-1)).toMatchObject({ phase: 'measure', fraction: 1, liveP50: 10 });
  });

  it('stops when cancelled, keeping what was measured', async () => {
    const f = fake(() => 1);
    const ac = new AbortController();
    let n = 0;
    const m = await runMeasuredLoop(async () => {
      if (++n === 20) ac.abort();
      return f.runOnce();
    }, makeProtocol({ warmupRuns: 2, warmupMs: 0, minRuns: 1000, minTimeMs: 0 }), { now: f.now, signal: ac.signal });
    expect(m.cancelled).toBe(true);
    // 20 calls: the first run, 2 warm-up runs and 17 measured ones (the one that aborted still counts).
    expect(m.samples.length).toBe(17);
  });

  it('warms up by time as well as by count', async () => {
    const f = fake(() => 2);
    const m = await runMeasuredLoop(f.runOnce, makeProtocol({ warmupRuns: 3, warmupMs: 100, minRuns: 5, minTimeMs: 0 }), { now: f.now });
    expect(m.warmupRuns).toBe(50);
    expect(m.warmupMs).toBe(100);
  });

  it('caps a round of a slow model and says how many runs it managed', async () => {
    // A 10 s model in quick mode: the first run and one measured run, not 50 runs and a warm-up.
    const f = fake(() => 10_000);
    const m = await runMeasuredLoop(f.runOnce, makeProtocol({}, true), { now: f.now });
    expect(m.samples).toHaveLength(1);
    expect(m.warmupRuns).toBe(0);
    expect(m.capped).toBe(true);
    expect(f.calls()).toBe(2);
  });

  it('reports the first run to progress at once (the time estimate needs it)', async () => {
    const f = fake((i) => (i === 0 ? 40 : 1));
    const seen: { phase: string; firstRunMs: number }[] = [];
    await runMeasuredLoop(f.runOnce, makeProtocol({ warmupRuns: 0, warmupMs: 0, minRuns: 3, minTimeMs: 0 }), { now: f.now, onProgress: (p) => void seen.push(p) });
    expect(seen[0]).toMatchObject({ phase: 'first', firstRunMs: 40 });
  });

  it('propagates a failing run', async () => {
    await expect(runMeasuredLoop(async () => { throw new Error('boom'); }, makeProtocol({}, true))).rejects.toThrow('boom');
  });

  it('recentMedian: last k values, NaN when empty', () => {
    expect(recentMedian([], 5)).toBeNaN();
    expect(recentMedian([9, 1, 2, 3], 3)).toBe(2);
    expect(recentMedian([4, 1], 10)).toBe(2.5);
  });
});
