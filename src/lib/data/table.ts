// Columnar table produced by every reader: numbers in Float64Array (NaN = missing), strings
// dictionary-encoded (code −1 = missing), so drift statistics run on typed arrays.
import { DataFormatError } from '../tensors/errors.ts';
import { throwIfAborted as throwIfAbortedAs } from '../cancel.ts';

export { DataFormatError };

/**
 * Storage type of a numeric column, mirroring the pandas dtype a reader would give it:
 * 'int' (all integers, nothing missing), 'float', 'bool' (0/1), 'datetime' (ms since epoch, UTC).
 */
export type NumberDtype = 'int' | 'float' | 'bool' | 'datetime';

/** A numeric column: one float per row, NaN where the value is missing. */
export interface NumberColumn {
  name: string;
  kind: 'number';
  dtype: NumberDtype;
  values: Float64Array;
}

/** A text column: codes[i] indexes `dictionary`, −1 where the value is missing. */
export interface StringColumn {
  name: string;
  kind: 'string';
  codes: Int32Array;
  dictionary: string[];
}

export type Column = NumberColumn | StringColumn;

/** A table read from a file: columns in file order, all of length rowCount. */
export interface Table {
  columns: Column[];
  rowCount: number;
}

/** Progress of a streaming read: bytes consumed so far and the total when known. */
export type ProgressFn = (bytesRead: number, totalBytes: number | undefined) => void;

/** Options common to all readers. */
export interface ReadOptions {
  /** read only these columns (by name); unknown names raise DataFormatError */
  columns?: string[];
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** text read as missing in text formats (default MISSING_MARKERS, pandas' list) */
  missing?: ReadonlySet<string>;
}

/** Value of row `i` of a string column, or null when missing. */
export function stringAt(col: StringColumn, i: number): string | null {
  const c = col.codes[i];
  return c < 0 ? null : col.dictionary[c];
}

/** Materialise a string column as an array (null = missing). */
export function stringValues(col: StringColumn): (string | null)[] {
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

/**
 * Missing-value markers recognised in text input: pandas' STR_NA_VALUES (pandas >= 2.0, which
 * added "None"). Replace them with ReadOptions.missing (the CLI's --na).
 */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A',
  'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
]);

/** Select `names` from a table (in the given order); throws DataFormatError naming unknown columns. */
export function selectColumns(table: Table, names: string[] | undefined): Table {
  if (!names) return table;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length) {
    throw new DataFormatError(
      `unknown column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')}; ` +
        `available: ${table.columns.map((c) => c.name).join(', ')}`,
    );
  }
  return { columns: names.map((n) => byName.get(n)!), rowCount: table.rowCount };
}

/** Throws a CancelledError ("the read was cancelled") when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  throwIfAbortedAs(signal, 'the read');
}
