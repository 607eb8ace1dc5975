// Latency summary, Tukey outliers and stability windows against NumPy (scripts/fixtures/gen_bench.py).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { summarizeLatencies } from './summary.ts';
import { tukeyOutliers } from './outliers.ts';
import { stabilityWindows } from './stability.ts';

interface Case {
  name: string; x: number[]; mean: number; std: number; min: number; max: number; p50: number; p90: number; p95: number; p99: number;
  lowerFence: number; upperFence: number; outliersLow: number; outliersHigh: number; outliersExtreme: number;
  windowSize: number; windowMeans: number[]; spread: number | null; stable: boolean;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/bench.json', import.meta.url), 'utf8')) as { cases: Case[] };
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

describe('summarizeLatencies against NumPy', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: mean, std, min, max, p50/p90/p95/p99`, () => {
      const s = summarizeLatencies(c.x, { batch: 4 });
      expect(s.n).toBe(c.x.length);
      close(s.mean, c.mean);
      close(s.std, c.std);
      for (const k of ['min', 'max', 'p50', 'p90', 'p95', 'p99'] as const) close(s[k], c[k]);
      close(s.throughputPerSec, 1000 / c.mean);
      close(s.itemsPerSec, 4000 / c.mean);
    });
    it(`${c.name}: Tukey fences and outlier counts`, () => {
      const o = tukeyOutliers(c.x);
      close(o.lowerFence, c.lowerFence);
      close(o.upperFence, c.upperFence);
      expect([o.low, o.high, o.extreme]).toEqual([c.outliersLow, c.outliersHigh, c.outliersExtreme]);
    });
    it(`${c.name}: stability windows (last three within 10%)`, () => {
      const st = stabilityWindows(c.x);
      expect(st.windowSize).toBe(c.windowSize);
      expect(st.windowMeans.length).toBe(c.windowMeans.length);
      st.windowMeans.forEach((m, i) => close(m, c.windowMeans[i]!));
      expect(st.stable).toBe(c.stable);
      if (c.spread === null) expect(st.spread).toBeNaN();
      else expect(Math.abs(st.spread - c.spread)).toBeLessThan(1e-12);
    });
  }

  it('keeps outliers in the statistics (counted, never dropped)', () => {
    const c = fixture.cases.find((k) => k.name === 'lognormal-spikes')!;
    const s = summarizeLatencies(c.x);
    expect(s.max).toBe(9.0);
    expect(s.outliers.high).toBeGreaterThan(0);
    expect(s.n).toBe(c.x.length);
  });

  it('flags a run that starts throttling as unstable and a steady one as stable', () => {
    expect(summarizeLatencies(fixture.cases.find((k) => k.name === 'throttled')!.x).stability.stable).toBe(false);
    expect(summarizeLatencies(fixture.cases.find((k) => k.name === 'steady')!.x).stability.stable).toBe(true);
  });

  it('gives bootstrap intervals that contain the estimate and are deterministic', () => {
    const c = fixture.cases.find((k) => k.name === 'steady')!;
    const a = summarizeLatencies(c.x);
    const b = summarizeLatencies(c.x);
    expect(a.p50Ci).toEqual(b.p50Ci);
    expect(a.p50Ci.low).toBeLessThanOrEqual(a.p50);
    expect(a.p50Ci.high).toBeGreaterThanOrEqual(a.p50);
    expect(a.p90Ci.low).toBeLessThanOrEqual(a.p90);
    expect(a.p90Ci.high).toBeGreaterThanOrEqual(a.p90);
    expect(a.p50Ci.level).toBe(0.95);
    // 500 log-normal draws with σ = 0.05: the median's CI is narrow (a few % of 1.2 ms).
    expect(a.p50Ci.high - a.p50Ci.low).toBeLessThan(0.05);
  });
});

describe('degenerate samples', () => {
  it('n = 1: every percentile is the value, CI collapses, too short to call stable', () => {
    const s = summarizeLatencies([3.25]);
    expect([s.min, s.p50, s.p99, s.max, s.mean]).toEqual([3.25, 3.25, 3.25, 3.25, 3.25]);
    expect(s.std).toBe(0);
    expect(s.p50Ci).toMatchObject({ low: 3.25, high: 3.25 });
    expect(s.stability.stable).toBe(false);
    expect(s.outliers).toMatchObject({ low: 0, high: 0, extreme: 0 });
  });
  it('identical values: zero IQR and no outliers', () => {
    const o = tukeyOutliers(new Array(30).fill(0.5));
    expect(o).toEqual({ low: 0, high: 0, extreme: 0, lowerFence: 0.5, upperFence: 0.5 });
  });
  it('empty, NaN and Infinity are refused with a StatsInputError', () => {
    expect(() => summarizeLatencies([])).toThrow(expect.objectContaining({ name: 'StatsInputError' }));
    expect(() => summarizeLatencies([1, Number.NaN])).toThrow(/finite/);
    expect(() => summarizeLatencies([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => tukeyOutliers([])).toThrow(expect.objectContaining({ name: 'StatsInputError' }));
  });
  it('fewer runs than three windows: unstable with NaN spread', () => {
    const st = stabilityWindows([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(st.windowMeans).toEqual([1, 1]);
    expect(st.stable).toBe(false);
    expect(st.spread).toBeNaN();
  });
});
