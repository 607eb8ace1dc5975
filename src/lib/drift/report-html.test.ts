import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { driftReport } from './report.ts';
import { driftTimeline } from './timeline.ts';
import { driftReportHtml } from './report-html.ts';
import { escapeHtml } from './svg.ts';

describe('driftReportHtml', () => {
  const ref = parseCsv('"<script>x</script>",cat\n' + Array.from({ length: 20 }, (_, i) => `${(i * 7) % 20},"a&b"`).join('\n') + '\n');
  const cur = parseCsv('"<script>x</script>",cat\n' + Array.from({ length: 20 }, (_, i) => `${((i * 7) % 20) + 5},"<img src=x>"`).join('\n') + '\n');
  const report = driftReport(ref, cur);
  const html = driftReportHtml(report, { title: 'T <1>', timeline: driftTimeline(ref, cur, 10, null) });
  it('escapes every data string', () => {
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x&gt;');
    expect(html).toContain('T &lt;1&gt;');
    expect(escapeHtml(`'"&`)).toBe('&#39;&quot;&amp;');
  });
  it('is self-contained: inline SVG plots, no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/);
    expect(html).not.toMatch(/<link\b/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('Drift over time');
    expect(html).toMatch(/KS 0\.25/);
  });
});
