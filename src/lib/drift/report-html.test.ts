import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { driftReport } from './report.ts';
import { driftTimeline } from './timeline.ts';
import { driftReportHtml } from './report-html.ts';
import { escapeHtml } from '../chart/svg.ts';

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

describe('driftReportHtml: the plan', () => {
  it('lists columns left out with the reason, the locale evidence and the settings', () => {
    const csv = (off: number) => 'when,v\n' + Array.from({ length: 30 }, (_, i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')},${(i * 7 + off) % 30}`).join('\n') + '\n';
    const html = driftReportHtml(driftReport(parseCsv(csv(0)), parseCsv(csv(3)), { correction: 'bh' }));
    expect(html).toMatch(/<ul id="excluded"><li><code>when<\/code> \(datetime\): datetime \(iso\): left out of the verdict/);
    expect(html).toContain('id="locale">Numbers: reference decimal point');
    expect(html).toContain('&quot;correction&quot;: &quot;bh&quot;');
  });
});

describe('driftReportHtml: beside the columns', () => {
  const ref = parseCsv('x,cat\n' + Array.from({ length: 20 }, (_, i) => `${(i * 7) % 20},"a&b"`).join('\n') + '\n');
  const cur = parseCsv('x,cat\n' + Array.from({ length: 20 }, (_, i) => `${((i * 7) % 20) + 5},"<img src=x>"`).join('\n') + '\n');
  it('has the quality section, warnings, the multivariate signal, date/version and low-confidence windows', () => {
    const r = driftReport(ref, cur);
    const page = driftReportHtml(r, { timeline: driftTimeline(ref, cur, 15, null) });
    expect(page).toContain('<h2 id="quality">Data quality</h2>');
    expect(page).toContain('new-categories');
    expect(page).toMatch(/Multivariate drift/);
    expect(page).toMatch(/by edgeprobe \d+\.\d+\.\d+/);
    // 20 rows in windows of 15: the second window has 5 rows.
    expect(page).toContain('low confidence');
    expect(page).toContain('<h2>Warnings</h2>');
    expect(page).not.toContain('<img src=x>');
  });
});

