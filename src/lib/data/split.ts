// Splitting one table into a reference and a current set: by row position (first/second half)
// or at a cut value of one numeric/datetime column. Columns stay typed arrays (no per-row objects).
import { DataFormatError, type Column, type Table } from './table.ts';
import { timestamps } from '../drift/timeline.ts';

/** How to split: the first half of the rows against the second, or rows before `cut` against rows at/after it. */
export type SplitSpec = { mode: 'half' } | { mode: 'cut'; column: string; cut: number };

/** Rows [start, end) of every column (views are copied so the source can be dropped). */
export function sliceTable(table: Table, start: number, end: number): Table {
  const columns: Column[] = table.columns.map((c) =>
    c.kind === 'number' ? { ...c, values: c.values.slice(start, end) } : { ...c, codes: c.codes.slice(start, end) },
  );
  return { columns, rowCount: Math.max(0, end - start) };
}

/** The rows whose mask byte is `want` (1 or 0), in order. */
function maskTable(table: Table, mask: Uint8Array, want: number, count: number): Table {
  const columns: Column[] = table.columns.map((c) => {
    if (c.kind === 'number') {
      const out = new Float64Array(count);
      for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === want) out[k++] = c.values[i];
      return { ...c, values: out };
    }
    const out = new Int32Array(count);
    for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === want) out[k++] = c.codes[i];
    return { ...c, codes: out };
  });
  return { columns, rowCount: count };
}

/**
 * Split `table` into reference and current. For a cut, rows whose value is < cut are the
 * reference and >= cut the current; rows with a missing value in the split column are dropped
 * and counted. Text columns are parsed as dates (ms since epoch) for the comparison.
 */
export function splitTable(table: Table, spec: SplitSpec): { reference: Table; current: Table; dropped: number } {
  if (spec.mode === 'half') {
    const mid = Math.floor(table.rowCount / 2);
    return { reference: sliceTable(table, 0, mid), current: sliceTable(table, mid, table.rowCount), dropped: 0 };
  }
  const col = table.columns.find((c) => c.name === spec.column);
  if (!col) throw new DataFormatError(`split column "${spec.column}" is not in the table; columns: ${table.columns.map((c) => c.name).join(', ')}`);
  if (!Number.isFinite(spec.cut)) throw new DataFormatError(`the cut value must be a finite number or date, got ${spec.cut}`);
  const v = timestamps(col);
  const mask = new Uint8Array(table.rowCount);
  let before = 0;
  let after = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) mask[i] = 2;
    else if (x < spec.cut) {
      mask[i] = 1;
      before++;
    } else after++;
  }
  return {
    reference: maskTable(table, mask, 1, before),
    current: maskTable(table, mask, 0, after),
    dropped: table.rowCount - before - after,
  };
}
