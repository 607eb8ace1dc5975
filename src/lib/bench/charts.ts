// Benchmark charts as chart-kit specs, drawn at the width the page gives them: latency histogram
// (clipped, tail counted), ECDF of every config (log x), latency in run order, and p50 per config
// with its 95 % interval, p90 and budgets (log x).
import { axisBottom, axisLeft, caption } from '../chart/axis.ts';
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { linePath } from '../chart/marks.ts';
import { paint, seriesColor } from '../chart/palette.ts';
import { linear, log, ticks } from '../chart/scales.ts';
import { formatMs } from '../format.ts';
import type { Budget } from './budget.ts';
import { chartClip, ecdfPoints, histogramBins, sortedCopy, trendBuckets } from './chart-data.ts';
import { intervalOf } from './compare.ts';
import type { ConfigResult } from './types.ts';

/** A share 0..1 as an inline bar 100 × 10 that stretches to its table cell, against the largest share `max`. */
export function shareBarChart(share: number, max: number, label: string): ChartSpec {
  return { width: 100, height: 10, label, stretch: true, marks: [{ type: 'rect', x: 0, y: 0, width: (share / max) * 100, height: 10, fill: paint('accent') }] };
}

/** The drawing width for a box `box` px wide: 300 to 760, so labels keep their size on a phone. */
export const chartWidth = (box: number): number => Math.max(300, Math.min(760, box));

/** Histogram of one config's latencies with p50/p90 markers; `above` runs beyond the clip are counted in the caption. */
export function latencyHistogramChart(config: ConfigResult, W: number): ChartSpec & { above: number; clip: number } {
  const H = 200, L = 44, R = 24, T = 10, B = 34;
  const h = histogramBins(config.samples, 30);
  const lo = h.bins[0]?.from ?? 0;
  const hi = h.bins.at(-1)?.to ?? 1;
  const x = linear([lo, hi], [L, W - R]);
  const y = linear([0, Math.max(1, ...h.bins.map((b) => b.count))], [H - B, T]);
  const s = config.compute;
  const marks: Mark[] = h.bins.map((b) => ({
    type: 'rect', x: x(b.from) + 0.5, y: y(b.count), width: Math.max(0.5, x(b.to) - x(b.from) - 1), height: H - B - y(b.count),
    fill: paint('accent'), opacity: 0.8, title: `${formatMs(b.from)}–${formatMs(b.to)}: ${b.count} runs`,
  }));
  for (const [name, v] of s ? ([['p50', s.p50], ['p90', s.p90]] as const) : []) {
    if (v > hi) continue;
    marks.push({ type: 'rule', x1: x(v), x2: x(v), y1: T, y2: H - B, stroke: paint('warn'), dash: '3 3' },
      { type: 'text', x: x(v) + 3, y: T + 10, text: name, fill: paint('warn'), fontSize: 10 });
  }
  marks.push({ type: 'rule', x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: paint('line') },
    ...axisBottom(x, H - B, { format: formatMs }), ...axisLeft(y, L - 2, { ticks: ticks(0, y.domain[1], 3) }),
    caption((L + W) / 2, H - 3, 'latency per run (session.run, worker)'));
  return { width: W, height: H, label: `Latency histogram for ${config.label}: p50 ${s ? formatMs(s.p50) : '—'}, ${h.above} slower runs not drawn`, marks, above: h.above, clip: h.clip };
}

/** ECDF of every config on one log axis, clipped at the largest p99; series colours from the palette. */
export function ecdfChart(configs: readonly ConfigResult[], W: number): ChartSpec & { legend: { label: string; color: string }[] } {
  const H = 220, L = 40, R = 24, T = 10, B = 34;
  const series = configs.filter((c) => c.samples.length).map((c, i) => ({ c, color: seriesColor(i), pts: ecdfPoints(c.samples, 160) }));
  const lo = Math.max(1e-4, Math.min(...series.map((s) => s.pts[0]!.x)));
  const hi = Math.max(lo * 1.01, ...series.map((s) => s.c.compute?.p99 ?? s.pts.at(-1)!.x));
  const x = log([lo, hi], [L, W - R]);
  const y = linear([0, 1], [H - B, T]);
  const xt = x.ticks().filter((_, i, all) => W >= 500 || all.length <= 5 || i % 2 === 0);
  const marks: Mark[] = [
    ...axisLeft(y, L, { ticks: [0, 0.5, 0.9, 1], grid: [L, W - R] }),
    ...axisBottom(x, H - B, { ticks: xt, format: formatMs }),
    ...series.map((s): Mark => ({ type: 'path', d: linePath(s.pts.map((q) => [x(Math.min(q.x, hi)), y(q.p)])), stroke: s.color, strokeWidth: 2, title: s.c.label })),
    caption((L + W) / 2, H - 3, 'latency (log scale, clipped at p99)'),
  ];
  return { width: W, height: H, label: 'Empirical cumulative distribution of latency for each config (log scale)', marks, legend: series.map((s) => ({ label: s.c.label, color: s.color })) };
}

/** Latency in run order: range and median per bucket, the stability windows' means across. */
export function trendChart(config: ConfigResult, W: number): ChartSpec {
  const H = 200, L = 58, R = 12, T = 10, B = 34;
  const n = config.samples.length;
  const s = config.compute;
  const means = s?.stability.windowMeans ?? [];
  // Cap the y axis like the histogram (spikes run off the top): the point is the trend, not the slowest run.
  const yMax = Math.max(n ? chartClip(sortedCopy(config.samples)) : 1, ...means) * 1.1;
  const yMin = Math.min(s?.min ?? 0, ...means) * 0.95;
  const x = linear([0, Math.max(1, n - 1)], [L, W - R]);
  const y = linear([yMin, yMax], [H - B, T], true);
  const size = s?.stability.windowSize ?? 0;
  const marks: Mark[] = [
    ...axisLeft(y, L, { ticks: ticks(yMin, yMax, 4), grid: [L, W - R], format: formatMs }),
    ...trendBuckets(config.samples, 140).flatMap((b): Mark[] => [
      { type: 'rule', x1: x(b.index), x2: x(b.index), y1: y(b.min), y2: y(b.max), stroke: paint('accent'), opacity: 0.35 },
      { type: 'circle', x: x(b.index), y: y(b.mid), r: 1.6, fill: paint('accent') },
    ]),
    ...means.map((m, i): Mark => ({ type: 'rule', x1: x(i * size), x2: x(i === means.length - 1 ? n - 1 : (i + 1) * size), y1: y(m), y2: y(m), stroke: paint('warn'), strokeWidth: 2.5, title: `window mean ${formatMs(m)}` })),
    ...axisBottom(x, H - B, { ticks: ticks(0, n, 5) }),
    caption((L + W) / 2, H - 3, W < 420 ? 'run · range, median · orange: window means' : 'run number · range and median · orange: window means'),
  ];
  return { width: W, height: H, label: `Latency in run order for ${config.label}; ${s?.stability.stable ? 'stable' : 'not stable'}`, marks };
}

/**
 * Every config's p50 with the 95 % interval decisions use (whiskers), p90 as a tick and latency
 * budgets as labelled lines, on a log axis. Each row is a focusable group whose pick is the config id.
 */
export function intervalChart(configs: readonly ConfigResult[], fastest: string | null, budgets: readonly Budget[], W: number): ChartSpec | null {
  const ok = configs.filter((c) => c.compute).map((c) => ({ c, i: intervalOf(c)! }));
  if (!ok.length) return null;
  // Only latency figures share this axis (first/create are cold-start times, far to the right).
  const lines = budgets.filter((b) => ['p50', 'p90', 'p95', 'p99', 'mean'].includes(b.metric));
  const narrow = W < 420;
  const L = narrow ? 112 : 140, R = 16, ROW = 26, B = 30;
  const T = lines.length ? 16 : 8;
  const H = T + ok.length * ROW + B;
  const lo = Math.max(1e-4, Math.min(...ok.map(({ i }) => i.low), ...lines.map((b) => b.ms)) * 0.8);
  const hi = Math.max(lo * 1.5, ...ok.map(({ c, i }) => Math.max(c.compute!.p90, i.high) * 1.2), ...lines.map((b) => b.ms * 1.1));
  const x = log([lo, hi], [L, W - R]);
  const short = (s: string) => { const k = narrow ? 15 : 24; return s.length > k ? `${s.slice(0, k - 1)}…` : s; };
  const marks: Mark[] = [...axisBottom(x, H - B, { grid: [T, H - B], format: formatMs })];
  for (const b of lines) {
    const bx = x(b.ms);
    marks.push({ type: 'rule', x1: bx, x2: bx, y1: T - 6, y2: H - B, stroke: paint('fail'), strokeWidth: 1.5, dash: '4 3' },
      { type: 'text', x: bx, y: T - 8, text: `${b.metric} ≤ ${formatMs(b.ms)}`, anchor: bx > W - 60 ? 'end' : bx < L + 40 ? 'start' : 'middle', fill: paint('fail'), fontSize: 10 });
  }
  ok.forEach(({ c, i: ci }, k) => {
    const s = c.compute!;
    const cy = T + k * ROW + ROW / 2;
    const best = c.id === fastest;
    const whisker = (x1: number, x2: number, y1: number, y2: number): Mark => ({ type: 'rule', x1, x2, y1, y2, stroke: paint('muted'), strokeWidth: 1.5 });
    marks.push({
      type: 'group', focusable: true, pick: c.id, class: best ? 'best' : undefined,
      label: `${c.label}: p50 ${formatMs(s.p50)}, 95% interval ${formatMs(ci.low)} to ${formatMs(ci.high)}`,
      title: `${c.label}: p50 ${formatMs(s.p50)} [${formatMs(ci.low)}, ${formatMs(ci.high)}], p90 ${formatMs(s.p90)}`,
      marks: [
        { type: 'text', x: L - 6, y: cy + 4, text: `${best ? '★ ' : ''}${short(c.id)}`, anchor: 'end', fill: paint('ink'), fontSize: narrow ? 10.5 : 12, fontWeight: best ? 700 : undefined, class: 'name' },
        whisker(x(ci.low), x(ci.high), cy, cy), whisker(x(ci.low), x(ci.low), cy - 5, cy + 5), whisker(x(ci.high), x(ci.high), cy - 5, cy + 5),
        { type: 'rule', x1: x(s.p90), x2: x(s.p90), y1: cy - 4, y2: cy + 4, stroke: paint('warn'), strokeWidth: 2 },
        { type: 'circle', x: x(s.p50), y: cy, r: 4.5, fill: best ? paint('ok') : paint('accent') },
      ],
    });
  });
  marks.push(caption((L + W) / 2, H - 3, '● p50 ├┤ 95% interval | p90 (log)'));
  return { width: W, height: H, label: 'p50 latency per config with 95% confidence intervals', marks };
}
