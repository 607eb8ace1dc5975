// RunProgress: the one progress handler of the Benchmark screen and shared-link runs — round and
// config, phase words, overall fraction, and the time left from each config's first run.
import { describe, it, expect } from 'vitest';
import { RunProgress } from './run-progress.svelte.ts';
import { makeProtocol } from '../../lib/bench/protocol.ts';
import { estimateRoundMs } from '../../lib/bench/estimate.ts';
import type { BenchConfig } from '../../lib/bench/types.ts';

const protocol = makeProtocol({ rounds: 2, warmupRuns: 5, warmupMs: 100, minRuns: 10, minTimeMs: 200, maxTimeMs: 10_000 });
const configs: BenchConfig[] = [16, 64].map((seqLen) => ({ backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch: 1, seqLen }));
const progress = (phase: 'first' | 'warmup' | 'measure', firstRunMs: number, elapsedMs: number, fraction = 0) => ({ phase, firstRunMs, done: 3, fraction, liveP50: 1.5, elapsedMs });

describe('RunProgress', () => {
  it('is idle until a run starts and again after it stops', () => {
    const p = new RunProgress();
    expect(p.live).toBeNull();
    expect(p.fraction).toBe(0);
    expect(p.line).toBe('');
    p.start(protocol);
    expect(p.live?.label).toBe('starting');
    p.stop();
    expect(p.live).toBeNull();
  });

  it('follows configs and rounds, with the sequence length in the line', () => {
    const p = new RunProgress();
    p.start(protocol);
    const h = p.hooks();
    h.onConfigStart!(1, 2, configs[1]!, 0, 2);
    expect(p.line).toBe('config 2 of 2: wasm · 1 thread · opt all · batch 1 · seq 64 · creating session');
    expect(p.fraction).toBe(0.25);
    h.onProgress!(1, 2, progress('measure', 2, 50, 0.5));
    expect(p.live).toMatchObject({ index: 1, round: 0, phase: 'measure', runs: 3, liveP50: 1.5 });
    expect(p.fraction).toBeCloseTo((1 + 0.5) / 4, 12);
    expect(p.line).toMatch(/measuring$/);
  });

  it('estimates the time left from the first runs seen, and it shrinks as the run goes on', () => {
    const p = new RunProgress();
    p.start(protocol);
    const h = p.hooks();
    h.onConfigStart!(0, 2, configs[0]!, 0, 2);
    h.onProgress!(0, 2, progress('first', 4, 4));
    const afterFirst = p.live!.remainingMs;
    // Before config 2 has run, it counts at config 1's per-run time: 3 more rounds to start.
    const round = estimateRoundMs(protocol, 4);
    expect(afterFirst).toBeCloseTo(3 * round + Math.max(0, round - 4), 9);
    h.onProgress!(0, 2, progress('warmup', 4, 80));
    expect(p.live!.remainingMs).toBeLessThan(afterFirst);
    h.onConfigStart!(1, 2, configs[1]!, 0, 2);
    h.onProgress!(1, 2, progress('first', 1, 1));
    h.onConfigStart!(0, 2, configs[0]!, 1, 2);
    // Round 2 of config 1: only config 2's second round is still to start after this one.
    expect(p.live!.remainingMs).toBeCloseTo(estimateRoundMs(protocol, 1) + estimateRoundMs(protocol, 4), 9);
  });

  it('refuses hooks before start (a programming error, said plainly)', () => {
    const p = new RunProgress();
    expect(() => p.hooks().onConfigStart!(0, 1, configs[0]!, 0, 1)).toThrow(/start\(protocol\)/);
  });
});
