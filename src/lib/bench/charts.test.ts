// Benchmark charts as chart-kit specs: bars, markers and axes from one result; the interval chart's
// rows are keyboard buttons that pick their config; widths follow the box.
import { describe, expect, it } from 'vitest';
import { countMarks, type Mark } from '../chart/marks.ts';
import { toSvgString } from '../chart/svg.ts';
import { chartWidth, ecdfChart, intervalChart, latencyHistogramChart, shareBarChart, trendChart } from './charts.ts';
import type { ConfigResult } from './types.ts';

function config(id: string, base: number): ConfigResult {
  const samples = Array.from({ length: 200 }, (_, i) => base + (i % 20) * 0.05 + (i === 199 ? 50 : 0));
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))]!;
  return {
    id, label: `${id} label`, samples,
    compute: { p50: q(0.5), p90: q(0.9), p99: q(0.99), min: sorted[0]!, stability: { stable: true, windowMeans: [base + 0.5, base + 0.52], windowSize: 100 } },
    p50Interval: { low: q(0.45), high: q(0.55) },
  } as unknown as ConfigResult;
}

const texts = (ms: readonly Mark[]): string[] => ms.flatMap((m) => (m.type === 'text' ? [m.text] : m.type === 'group' ? texts(m.marks) : []));

describe('bench charts', () => {
  const a = config('wasm', 2);
  const b = config('webgpu', 4);
  it('histogram: bins drawn, the slow tail counted, p50/p90 marked, ms ticks', () => {
    const s = latencyHistogramChart(a, 560);
    expect(s.above).toBeGreaterThanOrEqual(1);
    expect(countMarks(s.marks).rect).toBe(30);
    expect(texts(s.marks)).toEqual(expect.arrayContaining(['p50', 'p90']));
    expect(texts(s.marks).some((t) => / ms$/.test(t))).toBe(true);
    expect(s.label.startsWith('Latency histogram for wasm label')).toBe(true);
  });
  it('ECDF: one path and one legend entry per config, palette colours', () => {
    const s = ecdfChart([a, b], 560);
    expect(countMarks(s.marks).path).toBe(2);
    expect(s.legend.map((l) => l.label)).toEqual(['wasm label', 'webgpu label']);
    expect(s.legend[0]!.color).not.toBe(s.legend[1]!.color);
  });
  it('trend: a range and a median per bucket, one line per stability window', () => {
    const s = trendChart(a, 560);
    expect(countMarks(s.marks).circle).toBe(100); // 200 runs in buckets of 2
    expect(s.marks.filter((m) => m.title?.startsWith('window mean')).length).toBe(2);
  });
  it('interval chart: a focusable row per config picking its id, ★ on the fastest, budgets drawn', () => {
    const s = intervalChart([a, b], 'wasm', [{ metric: 'p90', ms: 3 }], 560)!;
    const rows = s.marks.filter((m) => m.type === 'group');
    expect(rows.map((g) => [g.pick, g.type === 'group' && g.focusable])).toEqual([['wasm', true], ['webgpu', true]]);
    expect(texts(s.marks)).toEqual(expect.arrayContaining(['★ wasm', 'webgpu', 'p90 ≤ 3.00 ms']));
    expect(toSvgString(s)).toContain('role="button"');
    expect(intervalChart([], null, [], 560)).toBeNull();
  });
  it('widths stay between 300 and 760 px; share bars stretch', () => {
    expect([chartWidth(100), chartWidth(500), chartWidth(2000)]).toEqual([300, 500, 760]);
    expect(toSvgString(shareBarChart(0.25, 0.5, 'Conv 25%'))).toContain('preserveAspectRatio="none"');
  });
});
