// Windows of a drift timeline: calendar labels (UTC day, ISO week, month), timestamps of a time
// column, and row subsets of a column.
import type { Column } from '../data/table.ts';

/** Window size: a calendar unit (UTC) or a number of rows. */
export type Window = 'day' | 'week' | 'month' | number;

/** Timestamps (ms, UTC) of a column: datetime/number values as they are, text parsed with Date.parse. */
export function timestamps(col: Column): Float64Array {
  if (col.kind === 'number') return col.values;
  const parsed = col.dictionary.map((s) => Date.parse(s));
  return Float64Array.from(col.codes, (c) => (c < 0 ? NaN : parsed[c]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Label of the calendar window holding time t (ms): YYYY-MM-DD, Monday of the ISO week, or YYYY-MM. */
export function windowLabel(t: number, window: 'day' | 'week' | 'month'): string {
  const d = new Date(t);
  if (window === 'month') return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  if (window === 'week') {
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    return `week of ${monday.toISOString().slice(0, 10)}`;
  }
  return d.toISOString().slice(0, 10);
}

/** Rows of `col` at `idx` (a new column sharing the text dictionary). */
export function gather(col: Column, idx: Int32Array): Column {
  if (col.kind === 'number') return { ...col, values: Float64Array.from(idx, (i) => col.values[i]) };
  return { ...col, codes: Int32Array.from(idx, (i) => col.codes[i]) };
}

