// Chart data: bins conserve every run, ECDF ends at 1, buckets cover the run, ticks are round.
import { describe, it, expect } from 'vitest';
import { chartClip, ecdfPoints, histogramBins, trendBuckets } from './chart-data.ts';

describe('chart data', () => {
  const x = Array.from({ length: 1000 }, (_, i) => 1 + (i % 100) / 100);
  x[500] = 50;
  it('histogram: clipped at p99, every run counted in a bin or above', () => {
    const h = histogramBins(x, 20);
    expect(h.bins).toHaveLength(20);
    expect(h.bins.reduce((a, b) => a + b.count, 0) + h.above).toBe(1000);
    expect(h.above).toBeGreaterThanOrEqual(1);
    expect(h.bins[0]!.from).toBe(1);
    expect(histogramBins([], 10)).toEqual({ bins: [], above: 0, clip: Number.NaN });
    expect(histogramBins([2, 2, 2], 10).bins).toEqual([{ from: 2, to: 3, count: 3 }]);
    // A long tail: the clip falls to Q3 + 3·IQR, far below p99.
    const tail = [...Array.from({ length: 90 }, (_, i) => 1 + i / 900), ...Array.from({ length: 10 }, (_, i) => 20 + i)];
    const ht = histogramBins(tail, 10);
    expect(ht.clip).toBeLessThan(2);
    expect(ht.above).toBe(10);
  });
  it('ECDF: thinned, monotone, ends at (max, 1)', () => {
    const e = ecdfPoints(x, 50);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(e.at(-1)).toEqual({ x: 50, p: 1 });
    for (let i = 1; i < e.length; i++) expect(e[i]!.p).toBeGreaterThan(e[i - 1]!.p);
    expect(ecdfPoints([3])).toEqual([{ x: 3, p: 1 }]);
  });
  it('trend buckets keep min/median/max per bucket', () => {
    const b = trendBuckets(x, 10);
    expect(b).toHaveLength(10);
    expect(b[5]!.max).toBe(50);
    expect(trendBuckets([1, 2, 3], 10).map((k) => k.mid)).toEqual([1, 2, 3]);
  });
  it('chartClip: p99 without spread, the extreme fence with a tail', () => {
    expect(chartClip([1, 1, 1, 5])).toBeCloseTo(4.88, 10);
    expect(chartClip([1, 2, 3, 4, 100])).toBe(10);
  });
});
