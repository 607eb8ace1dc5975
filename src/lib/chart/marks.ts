// The mark model every chart is drawn from: plain data (pixel coordinates, paints, tooltips), made
// by pure spec builders and drawn by one of two renderers — `toSvgString` (reports, exports) and the
// app's <Chart> component (DOM). Neither renderer computes anything, so page and report agree.

/** Paint and text style shared by all marks; colours are CSS values (see palette.ts `paint`). */
export interface MarkStyle {
  fill?: string;
  stroke?: string;
  /** px */
  strokeWidth?: number;
  /** SVG stroke-dasharray, e.g. "4 3" */
  dash?: string;
  opacity?: number;
  fillOpacity?: number;
  /** px (text) */
  fontSize?: number;
  fontWeight?: number;
  /** Tooltip: drawn as a <title> child. */
  title?: string;
  /** A value handed to the page's `onpick` when the mark is clicked (or, in a focusable group, activated). */
  pick?: number | string;
  /** Extra class names (kept in both renderers; the page's CSS may use them, e.g. "bad"). */
  class?: string;
}

export type Mark =
  | ({ type: 'rect'; x: number; y: number; width: number; height: number } & MarkStyle)
  | ({ type: 'circle'; x: number; y: number; r: number } & MarkStyle)
  | ({ type: 'rule'; x1: number; y1: number; x2: number; y2: number } & MarkStyle)
  /** Lines, steps and areas as an SVG path (see linePath/stepPath/areaPath). */
  | ({ type: 'path'; d: string } & MarkStyle)
  | ({ type: 'text'; x: number; y: number; text: string; anchor?: 'start' | 'middle' | 'end'; /** degrees about (x, y) */ rotate?: number } & MarkStyle)
  /** A group; `focusable` makes it a keyboard button (tabindex 0, Enter/Space pick) named by `label`. */
  | ({ type: 'group'; marks: Mark[]; focusable?: boolean; label?: string } & MarkStyle);

/** One chart: its size in px (the viewBox) and an accessible name, which both renderers put on the <svg>. */
export interface ChartSpec {
  width: number;
  height: number;
  /** aria-label of the role="img" <svg> */
  label: string;
  marks: Mark[];
  /** Stretch to the box on both axes (preserveAspectRatio="none"), as an inline bar in a table cell is. */
  stretch?: boolean;
}

/** A coordinate as written: one decimal, so both renderers write the same numbers. */
export const px = (v: number): number => Math.round(v * 10) / 10;

type Pt = readonly [number, number];

/** A polyline through the points ("M x,y L x,y …"). */
export function linePath(pts: readonly Pt[]): string {
  return pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x)},${px(y)}`).join('');
}

/** A step line (step-after: each value holds until the next x), as an ECDF is drawn. */
export function stepPath(pts: readonly Pt[]): string {
  return linePath(pts.flatMap(([x, y], i) => (i === 0 ? [[x, y] as Pt] : [[x, pts[i - 1]![1]] as Pt, [x, y] as Pt])));
}

/** A closed area between the points and the horizontal line y = `base`. */
export function areaPath(pts: readonly Pt[], base: number): string {
  if (!pts.length) return '';
  return `${linePath(pts)}L${px(pts.at(-1)![0])},${px(base)}L${px(pts[0]![0])},${px(base)}Z`;
}

/** Count the marks of each type, groups' children included (for tests and checks). */
export function countMarks(marks: readonly Mark[]): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (ms: readonly Mark[]) => {
    for (const m of ms) {
      out[m.type] = (out[m.type] ?? 0) + 1;
      if (m.type === 'group') walk(m.marks);
    }
  };
  walk(marks);
  return out;
}

/** The text mark alone (axis labels, captions). */
export type TextMark = Extract<Mark, { type: 'text' }>;
