// Compare charts as chart-kit specs from a real report: one point per element, decade bars, one
// bar per sample (red outside tolerance, a flip mark where top-1 differs), picks are sample indexes.
import { describe, expect, it } from 'vitest';
import { countMarks } from '../chart/marks.ts';
import { toSvgString } from '../chart/svg.ts';
import type { BaselineResult } from '../baseline/types.ts';
import { agreementChart, errorHistogramChart, scatterChart } from './charts.ts';
import { scatterPoints } from './plots.ts';
import { buildReport, type DeviceResult } from './report.ts';
import type { CompareSample } from './samples.ts';

const f32 = (dims: number[], v: number[]) => ({ type: 'float32' as const, dims, data: Float32Array.from(v) });
const probs = [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6]];
const samples: CompareSample[] = probs.map((_, i) => ({ inputs: { x: f32([1, 1], [i]) } }));
const device: DeviceResult[] = probs.map((p) => ({ outputs: { probabilities: f32([1, 3], p) }, computeMs: 1 }));
// Sample 3 moves its top class (a flip); the others are off by 1e-2.
const baseline: BaselineResult[] = probs.map((p, i) => ({ outputs: { probabilities: f32([1, 3], p.map((v, j) => (i === 2 && j === 1 ? v - 0.2 : v + 1e-2))) }, roundTripMs: 5 }));

describe('compare charts', () => {
  const report = buildReport(samples, device, baseline).outputs[0]!;
  it('scatter: a point per element that picks its sample, the diagonal drawn', () => {
    const s = scatterChart(scatterPoints(device, baseline, 'probabilities'), 'probabilities');
    const pts = s.marks.filter((m) => m.type === 'circle');
    expect(pts.length).toBe(12);
    expect(new Set(pts.map((p) => p.pick))).toEqual(new Set([0, 1, 2, 3]));
    expect(s.label).toContain('for probabilities');
  });
  it('error histogram: the zero bar and the decades that hold errors, counts labelled', () => {
    const s = errorHistogramChart(report);
    const bars = s.marks.filter((m) => m.type === 'rect');
    expect(bars.length).toBeGreaterThan(1);
    expect(bars[0]!.title).toBe('exactly equal: 0');
    expect(toSvgString(s)).toContain('role="img"');
  });
  it('agreement: a bar per sample, red outside tolerance, a flip mark on sample 3, the selected one in the accent colour', () => {
    const s = agreementChart(report, 1);
    const bars = s.marks.filter((m) => m.type === 'rect');
    expect(countMarks(s.marks).rect).toBe(5);
    expect(bars.filter((b) => b.title?.includes('top-1 class differs')).map((b) => b.pick)).toEqual([2]);
    expect(bars.every((b) => b.pick !== undefined)).toBe(true);
    expect(bars.find((b) => b.pick === 1)!.fill).toContain('--accent');
  });
});
