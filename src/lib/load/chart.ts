// The load sweep as a chart-kit spec: throughput (left scale) and p50/p99 latency (right scale)
// per concurrency level on a log2 axis, the knee as a large dot, --max-latency as a line.
import { caption } from '../chart/axis.ts';
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { linePath } from '../chart/marks.ts';
import { paint } from '../chart/palette.ts';
import { linear } from '../chart/scales.ts';
import { formatMs } from '../format.ts';
import type { LoadResult } from './summary.ts';

/** Throughput and latency per concurrency level of one `edgeprobe load` result. */
export function loadChart(r: LoadResult): ChartSpec {
  const W = 560, H = 220, L = 48, R = 48, T = 14, B = 34;
  const levels = r.levels;
  const p99 = (v: number) => (Number.isFinite(v) ? v : 0);
  const maxT = Math.max(1, ...levels.map((l) => l.throughputPerSec)) * 1.1;
  const maxL = Math.max(1, ...levels.map((l) => p99(l.p99))) * 1.1;
  // Concurrency on a log2 axis: levels usually double.
  const xs = levels.map((l) => Math.log2(l.concurrency));
  const x = linear([Math.min(...xs), Math.max(...xs)], [L, W - R]);
  const yT = linear([0, maxT], [H - B, T]);
  const yL = linear([0, maxL], [H - B, T]);
  const line = (f: (i: number) => number) => linePath(levels.map((_, i) => [x(xs[i]!), f(i)]));
  const marks: Mark[] = [
    { type: 'rule', x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: paint('line') },
    { type: 'path', d: line((i) => yT(levels[i]!.throughputPerSec)), stroke: paint('accent'), strokeWidth: 2 },
    { type: 'path', d: line((i) => yL(levels[i]!.p50)), stroke: paint('muted'), strokeWidth: 1.5, dash: '5 3' },
    { type: 'path', d: line((i) => yL(p99(levels[i]!.p99))), stroke: paint('fail'), strokeWidth: 1.5, dash: '2 3' },
  ];
  levels.forEach((l, i) => {
    const knee = l.concurrency === r.knee;
    marks.push({ type: 'circle', x: x(xs[i]!), y: yT(l.throughputPerSec), r: knee ? 6 : 3, fill: knee ? paint('warn') : paint('accent'), stroke: knee ? paint('ink') : undefined,
      title: `${l.concurrency} concurrent: ${l.throughputPerSec.toFixed(0)} req/s, p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}${l.errorCount ? `, ${l.errorCount} errors` : ''}` },
    caption(x(xs[i]!), H - B + 14, String(l.concurrency), 'middle', 11));
  });
  if (r.maxLatencyMs !== null) marks.push({ type: 'rule', x1: L, x2: W - R, y1: yL(r.maxLatencyMs), y2: yL(r.maxLatencyMs), stroke: paint('warn'), dash: '4 3' });
  marks.push(caption(L - 6, T + 4, `${maxT.toFixed(0)}/s`, 'end', 11), caption(W - R + 6, T + 4, formatMs(maxL), 'start', 11), caption(W / 2, H - 4, 'concurrent requests', 'middle', 11));
  return { width: W, height: H, label: `Throughput and latency per concurrency level for ${r.target.model} at ${r.target.url}; knee at ${r.knee ?? 'none'}`, marks };
}
