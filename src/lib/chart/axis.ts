// Axes as marks: tick labels (and optional grid lines) from a scale, so every chart labels its axes
// the same way and the page and the report draw the same ticks.
import type { Mark, TextMark } from './marks.ts';
import { paint } from './palette.ts';
import type { Scale } from './scales.ts';

export interface AxisOptions {
  /** Tick values; default the scale's own ticks. */
  ticks?: number[];
  /** Tick label text; default String. */
  format?: (v: number) => string;
  /** Grid lines across the plot, from `grid[0]` to `grid[1]` in the other direction (px). */
  grid?: [number, number];
  /** px, label size */
  fontSize?: number;
}

const tickText = (x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end', fontSize: number): TextMark =>
  ({ type: 'text', x, y, text, anchor, fill: paint('muted'), fontSize });

/** A bottom axis: labels centred under each tick at baseline `y` (px), grid lines optional. */
export function axisBottom(scale: Scale, y: number, o: AxisOptions = {}): Mark[] {
  const fmt = o.format ?? String;
  const fs = o.fontSize ?? 10;
  return (o.ticks ?? scale.ticks()).flatMap((t) => [
    ...(o.grid ? [{ type: 'rule', x1: scale(t), x2: scale(t), y1: o.grid[0], y2: o.grid[1], stroke: paint('line') } as Mark] : []),
    tickText(scale(t), y + fs + 4, fmt(t), 'middle', fs),
  ]);
}

/** A left axis: labels right-aligned at `x` (px), grid lines optional. */
export function axisLeft(scale: Scale, x: number, o: AxisOptions = {}): Mark[] {
  const fmt = o.format ?? String;
  const fs = o.fontSize ?? 10;
  return (o.ticks ?? scale.ticks()).flatMap((t) => [
    ...(o.grid ? [{ type: 'rule', x1: o.grid[0], x2: o.grid[1], y1: scale(t), y2: scale(t), stroke: paint('line') } as Mark] : []),
    tickText(x - 4, scale(t) + fs * 0.35, fmt(t), 'end', fs),
  ]);
}

/** A caption line of small muted text (axis name, legend in words). */
export function caption(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end' = 'middle', fontSize = 10): TextMark {
  return tickText(x, y, text, anchor, fontSize);
}
