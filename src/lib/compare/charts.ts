// Compare-screen charts as chart-kit specs: device-vs-baseline scatter, the absolute-error
// histogram (decade bins) and agreement along the samples (log scale). Marks pick sample indexes.
import { axisBottom, axisLeft, caption } from '../chart/axis.ts';
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { paint } from '../chart/palette.ts';
import { linear, log } from '../chart/scales.ts';
import { formatSig as fmt } from '../format.ts';
import type { ScatterPoints } from './plots.ts';
import type { OutputReport } from './report.ts';

/** Device value (y) against baseline value (x) on one square-ish range; the diagonal is agreement. */
export function scatterChart(pts: ScatterPoints, output: string): ChartSpec {
  const W = 320, H = 260, L = 48, B = 34, T = 10, R = 10;
  let lo = Infinity, hi = -Infinity;
  for (const a of [pts.x, pts.y]) for (const v of a) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const pad = Number.isFinite(lo) ? (hi - lo) * 0.04 || Math.abs(hi) * 0.1 || 1 : 0;
  const d: [number, number] = Number.isFinite(lo) ? [lo - pad, hi + pad] : [0, 1];
  const x = linear(d, [L, W - R]);
  const y = linear(d, [H - B, T]);
  const t = x.ticks(4);
  const marks: Mark[] = [
    ...axisBottom(x, H - B, { ticks: t, grid: [T, H - B], format: fmt }),
    ...axisLeft(y, L, { ticks: t, grid: [L, W - R], format: fmt }),
    { type: 'rule', x1: x(d[0]), y1: y(d[0]), x2: x(d[1]), y2: y(d[1]), stroke: paint('ok'), dash: '4 3', strokeWidth: 1 },
  ];
  pts.x.forEach((v, i) => marks.push({ type: 'circle', x: x(v), y: y(pts.y[i]!), r: 2.2, fill: paint('accent'), fillOpacity: 0.55, pick: pts.sample[i]!, title: `sample ${pts.sample[i]! + 1}: baseline ${fmt(v)}, device ${fmt(pts.y[i]!)}` }));
  marks.push({ ...caption((L + W - R) / 2, H - 4, 'baseline'), fill: paint('ink') },
    { ...caption(12, (T + H - B) / 2, 'device'), fill: paint('ink'), rotate: -90 });
  return { width: W, height: H, label: `Scatter of device against baseline values for ${output}; points on the diagonal agree`, marks };
}

/** Decade bins of absolute error (exact zeros and non-finite errors apart), empty end decades trimmed. */
export function errorHistogramChart(report: OutputReport): ChartSpec {
  const h = report.overall.histogram;
  const last = fmt(h.edges[h.edges.length - 1]!);
  const all: { label: string; count: number; title: string; fill: string }[] = [{ label: '0', count: h.zeros, title: 'exactly equal', fill: paint('ok') }];
  h.counts.forEach((c, i) => {
    const top = h.edges[i];
    all.push({ label: top === undefined ? `>${last}` : `≤${fmt(top)}`, count: c, fill: paint('accent'), title: top === undefined ? `above ${last}` : i === 0 ? `up to ${fmt(top)}` : `${fmt(h.edges[i - 1]!)} to ${fmt(top)}` });
  });
  if (h.nonFinite > 0) all.push({ label: 'NaN/∞', count: h.nonFinite, title: 'non-finite error', fill: paint('fail') });
  let a = 1, b = all.length - 1;
  while (a < b && all[a]!.count === 0) a++;
  while (b > a && all[b]!.count === 0) b--;
  const bars = [all[0]!, ...all.slice(a, b + 1)];
  const W = 320, H = 200, B = 40, T = 12;
  const y = linear([0, Math.max(1, ...bars.map((q) => q.count))], [H - B, T]);
  const bw = (W - 10) / bars.length;
  const marks = bars.flatMap((q, i): Mark[] => {
    const cx = 5 + i * bw + bw / 2;
    return [
      { type: 'rect', x: 5 + i * bw + 1, y: y(q.count), width: Math.max(1, bw - 2), height: H - B - y(q.count), fill: q.fill, title: `${q.title}: ${q.count}` },
      { type: 'text', x: cx, y: y(q.count) - 3, text: q.count ? String(q.count) : '', anchor: 'middle', fill: paint('ink'), fontSize: 10 },
      { type: 'text', x: cx, y: H - B + 12, text: q.label, anchor: 'end', rotate: -40, fill: paint('muted'), fontSize: 10 },
    ];
  });
  return { width: W, height: H, label: `Histogram of absolute errors of ${report.name}: ${bars.map((q) => `${q.label}: ${q.count}`).join(', ')}`, marks };
}

/**
 * Each sample's largest absolute error on a log axis (decade grid), green within tolerance, red
 * outside, the `selected` sample in the accent colour; a mark above samples whose top-1 class differs.
 */
export function agreementChart(report: OutputReport, selected: number | null): ChartSpec {
  const rows = report.aggregate.perSample;
  const W = 640, H = 150, L = 44, T = 16, B = 20;
  let lo = Infinity, hi = 0;
  for (const r of rows) if (r.maxAbs > 0 && Number.isFinite(r.maxAbs)) { lo = Math.min(lo, r.maxAbs); hi = Math.max(hi, r.maxAbs); }
  const a = Number.isFinite(lo) ? Math.floor(Math.log10(lo)) : -8;
  const b = Number.isFinite(lo) ? Math.max(Math.ceil(Math.log10(hi)), a + 1) : 0;
  const scale = log([10 ** a, 10 ** b], [H - B, T]);
  // Zero errors sit on the floor, non-finite ones at the top; tiny ones keep a visible sliver.
  const y = (v: number) => (!(v > 0) ? H - B : !Number.isFinite(v) ? T : Math.min(scale(v), H - B - 0.02 * (H - B - T)));
  const decades = Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
  const bw = (W - L - 4) / Math.max(1, rows.length);
  const marks: Mark[] = [...axisLeft(scale, L, { ticks: decades, grid: [L, W], format: (v) => `1e${Math.round(Math.log10(v))}` })];
  rows.forEach((r, i) => {
    const fill = selected === r.index ? paint('accent') : r.pass ? paint('ok') : paint('fail');
    marks.push({ type: 'rect', x: L + 2 + i * bw, y: y(r.maxAbs), width: Math.max(0.6, bw - (bw > 3 ? 1 : 0)), height: H - B - y(r.maxAbs), fill, pick: r.index, class: r.pass ? undefined : 'bad',
      title: `sample ${r.index + 1}: max abs error ${fmt(r.maxAbs)}${r.pass ? '' : ' (outside tolerance)'}${r.top1Agree === false ? ', top-1 differs' : ''}` });
    if (r.top1Agree === false) marks.push({ type: 'rect', x: L + 2 + i * bw, y: 2, width: Math.max(1.5, bw - 1), height: 8, fill: paint('warn'), pick: r.index, title: `sample ${r.index + 1}: top-1 class differs` });
  });
  marks.push(caption(L, H - 4, 'sample 1', 'start'), caption(W, H - 4, String(rows.length), 'end'));
  const disagree = rows.filter((r) => r.top1Agree === false).length;
  return { width: W, height: H, label: `Largest absolute error per sample for ${report.name}; ${report.aggregate.failingSamples} samples outside tolerance, ${disagree} with a different top-1 class`, marks };
}
