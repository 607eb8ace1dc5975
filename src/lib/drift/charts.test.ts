// Drift charts as chart-kit specs: one bar pair per bin, both ECDF steps with the KS gap, one bar
// per window with the threshold, and the report's <svg> strings drawn from the same specs.
import { describe, expect, it } from 'vitest';
import { countMarks } from '../chart/marks.ts';
import { toSvgString } from '../chart/svg.ts';
import { categoryChart, ecdfChart, histogramChart, sparklineChart, timelineChart } from './charts.ts';
import type { TimelineWindow } from './timeline-types.ts';

const hist = { edges: [0, 1, 2, 3], ref: [1, 2, 1], cur: [0, 1, 3] };

describe('drift charts', () => {
  it('histogram: a reference and a current bar per bin, the range labelled', () => {
    const s = histogramChart(hist);
    expect(countMarks(s.marks)).toEqual({ rect: 6, text: 2 });
    const texts = s.marks.filter((m) => m.type === 'text').map((m) => (m.type === 'text' ? m.text : ''));
    expect(texts).toEqual(['0', '3']);
    // The tallest share (current bin 3: 3/4) reaches the top of the plot.
    const heights = s.marks.flatMap((m) => (m.type === 'rect' ? [m.height] : []));
    expect(Math.max(...heights)).toBeCloseTo(160 - 28 - 8, 6);
  });
  it('ECDF: two step paths, the KS gap as a rule and a label', () => {
    const s = ecdfChart({ x: [0, 1, 2], ref: [0.2, 0.6, 1], cur: [0.1, 0.2, 1], ksDistance: 0.4, ksLocation: 1 });
    expect(countMarks(s.marks)).toEqual({ path: 2, rule: 1, text: 3 });
    expect(toSvgString(s)).toContain('KS 0.4');
  });
  it('categories and sparklines: two bars per category', () => {
    const p = { categories: [{ key: 'a', ref: 3, cur: 1 }, { key: 'a-very-long-category-name', ref: 1, cur: 3 }], other: { ref: 0, cur: 0 } };
    expect(countMarks(categoryChart(p).marks)).toEqual({ rect: 4, text: 2 });
    expect(toSvgString(categoryChart(p))).toContain('a-very-long-cat…');
    expect(countMarks(sparklineChart(hist).marks)).toEqual({ rect: 6 });
  });
  it('timeline: a bar per window, red when drifted, ▲ on multivariate alerts, the threshold across', () => {
    const win = (label: string, share: number, drifted: boolean, mv = false): TimelineWindow => ({
      label, from: 0, to: 1, rows: 100, lowConfidence: false, driftShare: share, alertShare: share, alerts: 1, drifted,
      multivariate: null, multivariateAlert: mv, columns: [],
    } as unknown as TimelineWindow);
    const s = timelineChart([win('w1', 0.1, false), win('w2', 0.8, true, true)], 0.5);
    const bars = s.marks.filter((m) => m.type === 'rect');
    expect(bars.map((b) => b.class)).toEqual([undefined, 'bad']);
    expect(s.marks.some((m) => m.type === 'text' && m.text === '▲')).toBe(true);
    expect(s.marks.some((m) => m.type === 'text' && m.text === 'threshold 0.5')).toBe(true);
    expect(s.label).toBe('Drifted share in 2 windows');
  });
});
