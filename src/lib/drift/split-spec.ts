// The split of one file into reference and current from what the user typed: the first/second
// half, or a cut on a column (a date for datetime columns, else a number). Pure; the UI shows the
// message when the input is not usable.
import type { SplitSpec } from '../data/split.ts';

/** A column the split can cut on. */
export interface SplitColumn {
  name: string;
  datetime: boolean;
}

/**
 * The split spec, or a message saying what to enter. A date cut like 2001-03-01 is midnight UTC;
 * other date text goes through Date.parse.
 */
export function splitSpecOf(columns: readonly SplitColumn[], mode: 'half' | 'cut', column: string | null, cutText: string): SplitSpec | string {
  if (mode === 'half') return { mode: 'half' };
  const col = columns.find((c) => c.name === column);
  if (!col) return 'choose the column to split at';
  const raw = cutText.trim();
  const cut = col.datetime ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw) : Number(raw);
  if (!raw || !Number.isFinite(cut)) return col.datetime ? 'enter the cut as a date, like 2001-03-01' : 'enter the cut as a number';
  return { mode: 'cut', column: col.name, cut };
}
