// Concatenates tables read from consecutive pieces of one file (parsed in parallel), merging
// column types the way one read of the whole file would have inferred them.
import { DataFormatError, type Column, type NumberColumn, type StringColumn, type Table } from './table.ts';

function asText(col: Column): StringColumn {
  if (col.kind === 'string') return col;
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(col.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = col.values[i];
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    const t = col.dtype === 'bool' ? (v ? 'True' : 'False') : String(v);
    let c = index.get(t);
    if (c === undefined) {
      c = dictionary.length;
      index.set(t, c);
      dictionary.push(t);
    }
    codes[i] = c;
  }
  return { name: col.name, kind: 'string', codes, dictionary };
}

function mergeNumbers(parts: NumberColumn[]): Column {
  const n = parts.reduce((a, p) => a + p.values.length, 0);
  const values = new Float64Array(n);
  let k = 0;
  for (const p of parts) {
    values.set(p.values, k);
    k += p.values.length;
  }
  // A piece with only missing values reads as float; it does not decide the type on its own.
  const informative = parts.filter((p) => p.values.some((v) => !Number.isNaN(v)));
  const dtypes = new Set(informative.map((p) => p.dtype));
  const anyMissing = parts.some((p) => p.values.some(Number.isNaN));
  let dtype: NumberColumn['dtype'] = 'float';
  if (dtypes.size === 1) dtype = [...dtypes][0];
  if (dtype === 'int' && anyMissing) dtype = 'float';
  if (dtypes.has('datetime') && dtypes.size === 1) dtype = 'datetime';
  return { name: parts[0].name, kind: 'number', dtype, values };
}

function mergeText(parts: StringColumn[]): StringColumn {
  const dictionary = [...parts[0].dictionary];
  const index = new Map(dictionary.map((d, i) => [d, i]));
  const n = parts.reduce((a, p) => a + p.codes.length, 0);
  const codes = new Int32Array(n);
  let k = 0;
  for (const p of parts) {
    const remap = p.dictionary.map((d) => {
      let c = index.get(d);
      if (c === undefined) {
        c = dictionary.length;
        index.set(d, c);
        dictionary.push(d);
      }
      return c;
    });
    for (let i = 0; i < p.codes.length; i++) codes[k++] = p.codes[i] < 0 ? -1 : remap[p.codes[i]];
  }
  return { name: parts[0].name, kind: 'string', codes, dictionary };
}

/**
 * Columns whose pieces disagree (text in some, numbers or bools in others, or bools next to
 * numbers). A single read makes them text; concatenating would write numbers back with String()
 * ("2.50" → "2.5"), so re-read these columns as text (CsvOptions.textColumns) first.
 */
export function mixedColumns(parts: Table[]): string[] {
  if (parts.length === 0) return [];
  return parts[0].columns
    .map((c, j) => {
      // What each piece holds: text, bools or numbers (pieces with only missing values say nothing).
      const classes = new Set<string>();
      for (const p of parts) {
        const col = p.columns[j];
        if (!col) continue;
        if (col.kind === 'string') {
          if (col.codes.some((x) => x >= 0)) classes.add('text');
        } else if (col.values.some((v) => !Number.isNaN(v))) classes.add(col.dtype === 'bool' ? 'bool' : 'number');
      }
      return classes.size > 1 ? c.name : '';
    })
    .filter(Boolean);
}

/**
 * Rows of `parts` one after another. All parts must have the same column names in the same order.
 * Types merge as a single read would infer them: int + float → float, a bool/number piece next to a
 * text piece → text (numbers written back with String(), bools as True/False), bool + missing → text.
 */
export function concatTables(parts: Table[]): Table {
  if (parts.length === 0) throw new DataFormatError('concatTables: no tables to concatenate');
  if (parts.length === 1) return parts[0];
  const names = parts[0].columns.map((c) => c.name);
  for (const p of parts) {
    if (p.columns.length !== names.length || p.columns.some((c, i) => c.name !== names[i])) {
      throw new DataFormatError(`concatTables: pieces have different columns (${names.join(', ')} vs ${p.columns.map((c) => c.name).join(', ')})`);
    }
  }
  const columns = names.map((_, j) => {
    const cols = parts.map((p) => p.columns[j]);
    const numeric = cols.every((c) => c.kind === 'number');
    if (numeric) {
      const merged = mergeNumbers(cols as NumberColumn[]);
      // pandas reads a bool column with missing values as text.
      if (merged.kind === 'number' && merged.dtype === 'bool' && merged.values.some(Number.isNaN)) return asText(merged);
      return merged;
    }
    return mergeText(cols.map(asText));
  });
  return { columns, rowCount: parts.reduce((a, p) => a + p.rowCount, 0) };
}
