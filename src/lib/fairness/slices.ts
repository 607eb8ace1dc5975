// Splitting a columnar table into groups, so any per-table result (a drift report) can be computed
// per group: table rows as feature rows, row indices per group, and a table of chosen rows.
import type { Column, Table } from '../data/table.ts';

/**
 * Each row's values of `featureNames`, in that order (NaN where missing or not numeric), or null
 * when the table lacks one of the features.
 */
export function featureRows(table: Table, featureNames: readonly string[]): Float64Array[] | null {
  const cols = featureNames.map((n) => table.columns.find((c) => c.name === n));
  if (cols.some((c) => !c)) return null;
  return Array.from({ length: table.rowCount }, (_, r) =>
    Float64Array.from(cols as Column[], (c) => (c.kind === 'number' ? c.values[r]! : Number(c.codes[r]! >= 0 ? c.dictionary[c.codes[r]!] : NaN))));
}

/** Row indices per group label, groups in first-seen order. */
export function rowsByGroup(rows: readonly ArrayLike<number>[], of: (row: ArrayLike<number>) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const g = of(r);
    let list = out.get(g);
    if (!list) out.set(g, (list = []));
    list.push(i);
  });
  return out;
}

/** A table holding only the rows at `idx`, in that order (string dictionaries are kept whole). */
export function selectRows(table: Table, idx: readonly number[]): Table {
  const columns = table.columns.map((c): Column => (c.kind === 'number'
    ? { ...c, values: Float64Array.from(idx, (i) => c.values[i]!) }
    : { ...c, codes: Int32Array.from(idx, (i) => c.codes[i]!) }));
  return { columns, rowCount: idx.length };
}
