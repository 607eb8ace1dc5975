// The chart kit: ticks are d3's, log ticks keep 1-2-5 per decade, paths and the SVG string are well formed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ticks as d3ticks } from 'd3-array';
import { linear, log, logTicks, ticks } from './scales.ts';
import { areaPath, countMarks, linePath, stepPath, type ChartSpec } from './marks.ts';
import { axisBottom, axisLeft } from './axis.ts';
import { escapeHtml, toSvgString } from './svg.ts';
import { cssVariables, paint, SEMANTIC, seriesColor, SERIES } from './palette.ts';

describe('scales and ticks', () => {
  it('ticks are d3-array ticks (1, 2, 5 × 10^k)', () => {
    for (const [a, b, n] of [[0, 1, 5], [0.03, 0.26, 4], [-3, 7, 5], [0, 1234, 5], [1e-6, 3e-6, 4]] as const) {
      expect(ticks(a, b, n)).toEqual(d3ticks(a, b, n));
    }
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-3, 7, 5)).toEqual([-2, 0, 2, 4, 6]);
  });
  it('degenerate domains: equal bounds give one tick, non-finite none', () => {
    expect(ticks(2, 2)).toEqual([2]);
    expect(ticks(NaN, 1)).toEqual([]);
    expect(ticks(0, Infinity)).toEqual([]);
  });
  it('log ticks keep 1, 2 and 5 per decade', () => {
    expect(logTicks(0.05, 60)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(logTicks(0, 1)).toEqual([]);
    expect(logTicks(3, 4)).toEqual([]);
  });
  it('linear and log scales map the domain onto the range', () => {
    const x = linear([0, 10], [100, 200]);
    expect([x(0), x(5), x(10)]).toEqual([100, 150, 200]);
    expect(linear([3, 3], [0, 100])(3)).toBe(50);
    const l = log([1, 100], [0, 100]);
    expect(l(10)).toBeCloseTo(50, 9);
    expect(l(0)).toBe(0);
  });
});

describe('marks', () => {
  it('paths: line, step (after) and closed area', () => {
    expect(linePath([[0, 0], [1.26, 2]])).toBe('M0,0L1.3,2');
    expect(stepPath([[0, 0], [1, 1], [2, 3]])).toBe('M0,0L1,0L1,1L2,1L2,3');
    expect(areaPath([[0, 1], [2, 3]], 10)).toBe('M0,1L2,3L2,10L0,10Z');
  });
  it('axes put one label per tick, grid lines when asked', () => {
    const x = linear([0, 1], [0, 100]);
    const marks = axisBottom(x, 90, { grid: [0, 90], format: (v) => `${v * 100}%` });
    expect(countMarks(marks)).toEqual({ rule: 6, text: 6 });
    expect(marks.filter((m) => m.type === 'text').map((m) => (m.type === 'text' ? m.text : ''))).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(countMarks(axisLeft(x, 30, { ticks: [0, 1] }))).toEqual({ text: 2 });
  });
});

describe('toSvgString', () => {
  const spec: ChartSpec = {
    width: 120, height: 60, label: 'bars & "a line"',
    marks: [
      { type: 'rect', x: 1, y: 2, width: 3, height: -1, fill: paint('ok'), title: '<b>' },
      { type: 'path', d: 'M0,0L5,5', stroke: seriesColor(0) },
      { type: 'group', marks: [{ type: 'text', x: 1, y: 1, text: 'a<b', anchor: 'end' }] },
    ],
  };
  const svg = toSvgString(spec);
  it('is one well-formed <svg role="img"> with the escaped label and every mark', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60" role="img" aria-label="bars &amp; &quot;a line&quot;">')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<rect x="1" y="2" width="3" height="0" style="fill:var(--good, #15803d)"><title>&lt;b&gt;</title></rect>');
    expect(svg).toContain(`<path d="M0,0L5,5" style="fill:none;stroke:${SERIES[0]}"/>`);
    expect(svg).toContain('<g><text x="1" y="1" text-anchor="end">a&lt;b</text></g>');
    // Balanced tags: every opened element is closed.
    const open = (svg.match(/<(rect|path|g|text|svg|title)[ >]/g) ?? []).length;
    const closed = (svg.match(/<\/(rect|path|g|text|svg|title)>|\/>/g) ?? []).length;
    expect(open).toBe(closed);
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
});

describe('palette', () => {
  it('series wrap around; semantic colours are CSS variables with a fallback; the report gets them as :root variables', () => {
    expect(seriesColor(SERIES.length)).toBe(SERIES[0]);
    expect(paint('fail')).toBe('var(--bad, #b91c1c)');
    expect(cssVariables()).toContain('--ref:#0072b2');
    expect(Object.keys(SEMANTIC)).toEqual(expect.arrayContaining(['ok', 'warn', 'fail', 'reference', 'current']));
  });
  it("the app's light-theme CSS variables hold the palette's values", () => {
    const css = readFileSync(new URL('../../app/app.css', import.meta.url), 'utf8');
    const light = css.slice(0, css.indexOf('@media'));
    for (const c of Object.values(SEMANTIC)) expect(light).toContain(`${c.cssVar}: ${c.light};`);
  });
});
