// Drift charts as chart-kit specs: overlaid reference/current histograms, both ECDFs with the KS
// gap, category bars, table sparklines (the HTML report) and the windows timeline (page and report).
import { axisLeft, caption } from '../chart/axis.ts';
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { stepPath } from '../chart/marks.ts';
import { paint } from '../chart/palette.ts';
import { linear, ticks } from '../chart/scales.ts';
import { formatNumber } from '../format.ts';
import type { TimelineWindow } from './timeline-types.ts';
import type { CategoryPlot, EcdfPlot, HistogramPlot } from './types.ts';

const W = 360;
const H = 160;
const PAD = 28;
const REF = paint('reference');
const CUR = paint('current');

const share = (counts: readonly number[]) => {
  const n = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / n);
};

/** Range labels under a plot: the domain's two ends. */
const ends = (lo: number, hi: number, w = W, h = H): Mark[] => [caption(PAD, h - 6, formatNumber(lo), 'start', 11), caption(w - 4, h - 6, formatNumber(hi), 'end', 11)];

/** Overlaid reference/current histograms as shares of each set. */
export function histogramChart(p: HistogramPlot): ChartSpec {
  const r = share(p.ref);
  const c = share(p.cur);
  const y = linear([0, Math.max(...r, ...c, 1e-12)], [H - PAD, 8]);
  const x = linear([0, p.ref.length], [PAD, W - 4]);
  const bar = (v: number, i: number, fill: string): Mark => ({ type: 'rect', x: x(i), y: y(v), width: Math.max(x(1) - x(0) - 1, 0.5), height: y(0) - y(v), fill, fillOpacity: 0.55 });
  return { width: W, height: H, label: 'histogram', marks: [...r.flatMap((v, i) => [bar(v, i, REF), bar(c[i]!, i, CUR)]), ...ends(p.edges[0]!, p.edges.at(-1)!)] };
}

/** Both ECDFs as step lines; the KS distance drawn as a vertical segment and labelled. */
export function ecdfChart(p: EcdfPlot): ChartSpec {
  const lo = p.x[0]!;
  const hi = p.x.at(-1)!;
  const x = linear([lo, hi], [PAD, W - 4]);
  const y = linear([0, 1], [H - PAD, 8]);
  const marks: Mark[] = [
    { type: 'path', d: stepPath(p.x.map((v, i) => [x(v), y(p.ref[i]!)])), stroke: REF, strokeWidth: 1.5 },
    { type: 'path', d: stepPath(p.x.map((v, i) => [x(v), y(p.cur[i]!)])), stroke: CUR, strokeWidth: 1.5 },
  ];
  const i = p.x.indexOf(p.ksLocation);
  if (i >= 0) {
    const kx = x(p.ksLocation);
    marks.push({ type: 'rule', x1: kx, x2: kx, y1: y(p.ref[i]!), y2: y(p.cur[i]!), stroke: paint('fail'), strokeWidth: 2 },
      caption(Math.min(kx + 4, W - 60), 14, `KS ${formatNumber(p.ksDistance, 3)}`, 'start', 11));
  }
  return { width: W, height: H, label: 'ECDF', marks: [...marks, ...ends(lo, hi)] };
}

/** Grouped horizontal bars: share of each category in both sets (the rest counts in the shares). */
export function categoryChart(p: CategoryPlot): ChartSpec {
  const rows = p.categories;
  const nr = rows.reduce((a, r) => a + r.ref, p.other.ref) || 1;
  const nc = rows.reduce((a, r) => a + r.cur, p.other.cur) || 1;
  const lw = 110;
  const x = linear([0, Math.max(...rows.map((r) => Math.max(r.ref / nr, r.cur / nc)), 1e-12)], [lw, W - 8]);
  const marks = rows.flatMap((r, i): Mark[] => {
    const y = 4 + i * 16;
    return [
      { ...caption(lw - 4, y + 11, r.key.length > 16 ? `${r.key.slice(0, 15)}…` : r.key, 'end', 11), title: r.key },
      { type: 'rect', x: lw, y, width: x(r.ref / nr) - lw, height: 6, fill: REF },
      { type: 'rect', x: lw, y: y + 7, width: x(r.cur / nc) - lw, height: 6, fill: CUR },
    ];
  });
  return { width: W, height: rows.length * 16 + 8, label: 'categories', marks };
}

/** Small paired bars of the current set over the reference (a table cell's sparkline). */
export function sparklineChart(p: HistogramPlot | CategoryPlot): ChartSpec {
  const w = 80;
  const h = 20;
  const pairs = 'edges' in p ? p.ref.map((r, i) => [r, p.cur[i]!]) : p.categories.slice(0, 10).map((c) => [c.ref, c.cur]);
  const r = share(pairs.map((q) => q[0]!));
  const c = share(pairs.map((q) => q[1]!));
  const y = linear([0, Math.max(...r, ...c, 1e-12)], [h, 0]);
  const bw = w / Math.max(pairs.length, 1);
  const marks = r.flatMap((v, i): Mark[] => [
    { type: 'rect', x: i * bw, y: y(v), width: bw / 2, height: h - y(v), fill: REF },
    { type: 'rect', x: i * bw + bw / 2, y: y(c[i]!), width: bw / 2, height: h - y(c[i]!), fill: CUR },
  ]);
  return { width: w, height: h, label: 'sparkline', marks };
}

/**
 * Per window, the share the verdict uses (columns outside the reference band, or drifted by their
 * tests) as bars on a 0–1 axis with the dataset threshold across: drifted windows red, low-confidence
 * windows grey, ▲ over windows with multivariate drift. Labels about 8 windows on the axis.
 */
export function timelineChart(windows: readonly TimelineWindow[], threshold: number, width = 720): ChartSpec {
  const H = 180, L = 34, B = 22, T = 8;
  const y = linear([0, 1], [H - B, T]);
  const x = linear([0, Math.max(windows.length, 1)], [L, width - 4]);
  const bw = x(1) - x(0);
  const every = Math.max(1, Math.ceil(windows.length / 8));
  const marks: Mark[] = [...axisLeft(y, L, { ticks: ticks(0, 1, 2), grid: [L, width - 4], fontSize: 11 })];
  windows.forEach((w, i) => {
    const s = w.alertShare ?? w.driftShare;
    const tested = w.columns.filter((c) => c.test).length;
    const drifted = w.columns.filter((c) => c.drift).length;
    marks.push({
      type: 'rect', x: x(i) + 1, y: y(s), width: Math.max(bw - 2, 1), height: Math.max(y(0) - y(s), 0.5),
      fill: w.drifted ? paint('fail') : w.lowConfidence ? paint('muted') : paint('reference'), fillOpacity: w.lowConfidence ? 0.45 : undefined,
      class: w.drifted ? 'bad' : w.lowConfidence ? 'low' : undefined,
      title: `${w.label}: ${drifted} of ${tested} columns drifted, ${w.alerts} outside the reference band (${w.rows} rows${w.lowConfidence ? ', low confidence' : ''})${w.multivariateAlert ? '; multivariate drift' : ''}`,
    });
    if (w.multivariateAlert) marks.push({ type: 'text', x: x(i) + bw / 2, y: T + 10, text: '▲', anchor: 'middle', fill: paint('fail'), fontSize: 11 });
    if (i % every === 0) marks.push(caption(x(i) + bw / 2, H - 6, w.label.replace('week of ', ''), 'middle', 11));
  });
  marks.push({ type: 'rule', x1: L, x2: width - 4, y1: y(threshold), y2: y(threshold), stroke: paint('ink'), dash: '4 3' },
    { type: 'text', x: width - 6, y: y(threshold) - 4, text: `threshold ${threshold}`, anchor: 'end', fill: paint('ink'), fontSize: 11 });
  return { width, height: H, label: `Drifted share in ${windows.length} windows`, marks };
}
