// A sequence's per-step number (e.g. a VAD's speech probability per chunk) as a chart-kit spec: one
// line over the steps, the range's ends labelled; non-finite steps break the line.
import { caption } from '../chart/axis.ts';
import type { ChartSpec } from '../chart/marks.ts';
import { px } from '../chart/marks.ts';
import { paint } from '../chart/palette.ts';
import { linear } from '../chart/scales.ts';

/** `values` per step on x, from min(0, values) to their max on y; `label` names the series. */
export function stepLineChart(values: readonly number[], label: string): ChartSpec {
  const W = 600, H = 140;
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(lo + 1e-9, ...finite);
  const x = linear([0, Math.max(1, values.length - 1)], [values.length > 1 ? 4 : W / 2, W - 4]);
  const y = linear([lo, hi], [H - 4, 4]);
  // A gap (NaN) starts a new segment instead of joining across it.
  let pen = 'M';
  const d = values.map((v, i) => {
    if (!Number.isFinite(v)) { pen = 'M'; return ''; }
    const s = `${pen}${px(x(i))},${px(y(v))}`;
    pen = 'L';
    return s;
  }).join('');
  return {
    width: W, height: H, label: `${label} over ${values.length} steps, from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}`,
    marks: [
      { type: 'rule', x1: 0, x2: W, y1: y(lo), y2: y(lo), stroke: paint('line') },
      { type: 'path', d, stroke: paint('accent'), strokeWidth: 2 },
      { ...caption(6, 16, hi.toPrecision(3), 'start', 12), class: 'mono' },
      { ...caption(6, H - 8, lo.toPrecision(3), 'start', 12), class: 'mono' },
    ],
  };
}
