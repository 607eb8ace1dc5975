// The per-step line of a sequence run (a VAD's speech probability per chunk) as a chart-kit spec:
// steps on x, the value on y from 0 (or the lowest value below it), axes with round ticks.
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { linePath, px } from '../chart/marks.ts';
import { axisBottom, axisLeft, caption } from '../chart/axis.ts';
import { linear } from '../chart/scales.ts';
import { paint, seriesColor } from '../chart/palette.ts';

const W = 640;
const H = 180;
const M = { left: 44, right: 10, top: 10, bottom: 34 };

/** One line through `values` (NaN breaks are skipped), named `label`, over step indexes from 0. */
export function stepChart(values: readonly number[], label: string): ChartSpec {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(lo === 0 && finite.every((v) => v <= 1) ? 1 : lo, ...finite);
  const x = linear([0, Math.max(1, values.length - 1)], [M.left, W - M.right]);
  const y = linear([lo, hi], [H - M.bottom, M.top]);
  const pts = values.flatMap((v, i) => (Number.isFinite(v) ? [[px(x(i)), px(y(v))] as const] : []));
  const marks: Mark[] = [
    ...axisLeft(y, M.left, { grid: [M.left, W - M.right], ticks: y.ticks(4), format: (v) => String(+v.toPrecision(3)) }),
    ...axisBottom(x, H - M.bottom, { ticks: x.ticks(6).filter(Number.isInteger) }),
    caption((M.left + W - M.right) / 2, H - 2, 'step'),
    { type: 'path', d: linePath(pts), stroke: seriesColor(0), strokeWidth: 2, fill: 'none' },
    { type: 'rule', x1: M.left, x2: W - M.right, y1: y(lo), y2: y(lo), stroke: paint('muted') },
  ];
  return { width: W, height: H, label: `${label} per step over ${values.length} steps, from ${Math.min(...finite).toPrecision(3)} to ${Math.max(...finite).toPrecision(3)}`, marks };
}
