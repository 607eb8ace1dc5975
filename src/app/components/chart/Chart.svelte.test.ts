// The page and the report draw one ChartSpec the same way: <Chart> rendered by Svelte and
// toSvgString give the same elements with the same coordinates, styles and tooltips.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Chart from './Chart.svelte';
import { toSvgString } from '../../../lib/chart/svg.ts';
import type { ChartSpec } from '../../../lib/chart/marks.ts';
import { linePath } from '../../../lib/chart/marks.ts';
import { paint } from '../../../lib/chart/palette.ts';

/** Element tags with their sorted attributes (no comments, no Svelte hydration markers). */
function elements(html: string): string[] {
  const out: string[] = [];
  const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
  for (const m of html.replace(/<!--[^]*?-->/g, '').matchAll(/<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)) {
    const attrs = [...m[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => `${a[1]}=${decode(a[2]!)}`).filter((a) => !/^(class|xmlns|width|height|tabindex)=/.test(a)).sort();
    out.push(`${m[1]} ${attrs.join(' ')}`);
  }
  return out;
}

const spec: ChartSpec = {
  width: 200,
  height: 100,
  label: 'A test chart <with> "quotes"',
  marks: [
    { type: 'rect', x: 10.04, y: 20, width: 30, height: 40, fill: paint('reference'), title: 'bar & one', pick: 3 },
    { type: 'circle', x: 50, y: 50, r: 2, fill: paint('current') },
    { type: 'rule', x1: 0, y1: 90, x2: 200, y2: 90, stroke: paint('line'), dash: '4 3' },
    { type: 'path', d: linePath([[0, 0], [10, 10], [20, 5]]), stroke: paint('accent'), strokeWidth: 2 },
    { type: 'text', x: 100, y: 98, text: '1 < 2', anchor: 'middle', fontSize: 10, rotate: -40 },
    { type: 'group', focusable: true, label: 'row one', pick: 'a', marks: [{ type: 'circle', x: 1, y: 2, r: 3 }] },
  ],
};

describe('Chart (DOM renderer) and toSvgString (report renderer)', () => {
  it('write the same elements and attributes from one spec', () => {
    const page = render(Chart, { props: { spec } }).body;
    const report = toSvgString(spec);
    const a = elements(page);
    const b = elements(report);
    expect(a.length).toBe(9);
    expect(a).toEqual(b);
    expect(page).toContain('<title>bar &amp; one</title>');
    expect(report).toContain('<title>bar &amp; one</title>');
    expect(a[0]).toContain('role=img');
    expect(a[0]).toContain('aria-label=A test chart <with> "quotes"');
    expect(report).toContain('aria-label="A test chart &lt;with&gt; &quot;quotes&quot;"');
  });
});
