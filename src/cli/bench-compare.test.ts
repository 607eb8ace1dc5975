// bench-compare's own parts: the threshold option and the terminal lines (the command end to end,
// exit codes included, is in tests/bench.e2e.ts).
import { describe, it, expect } from 'vitest';
import { formatRunComparison, parseThreshold } from './bench-compare.ts';
import type { RunComparison } from '../lib/bench/run-compare.ts';

describe('bench-compare', () => {
  it('takes the threshold as a percentage, with or without %', () => {
    expect(parseThreshold('5%')).toBe(0.05);
    expect(parseThreshold('12.5')).toBe(0.125);
    expect(() => parseThreshold('five')).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(/percentage like 5%/) }));
    expect(() => parseThreshold('-3%')).toThrow(/percentage/);
  });
  it('prints the baseline first, each config with ratio, interval and verdict, then the overall verdict', () => {
    const c: RunComparison = {
      baseline: { id: 'a', date: '2026-12-01T10:00:00.000Z' }, newer: { id: 'b', date: '2026-12-01T11:00:00.000Z' }, threshold: 0.05, differences: [],
      configs: [{ id: 'cpu-t1-all-b1', label: 'cpu', baselineP50: 1, newP50: 1.2, ratio: 1.2, low: 1.1, high: 1.3, method: 'welch-rounds', verdict: 'slower', beyondThreshold: true }],
      verdict: 'slower', regression: true,
    };
    const lines = formatRunComparison(c).split('\n');
    expect(lines[0]).toMatch(/^baseline \(older\): a 2026-12-01T10/);
    expect(lines[3]).toMatch(/^cpu-t1-all-b1 +1\.0000 +1\.2000 +1\.200 \(\+20\.0%\) +\[1\.100, 1\.300\] +slower$/);
    expect(lines.at(-1)).toBe("verdict: slower — REGRESSION (threshold 5.0%; interval: Welch's t over the round medians)");
  });
});
