// Fast CSV path over raw bytes for the common case — ASCII text, no quotes, \n or \r\n line ends,
// every row as wide as the header — with no decoding to a string, no per-row objects and numbers
// parsed from the bytes. Anything else returns null and the caller uses the text parser
// (csv.ts), which also produces every error message; both give the same Table for the same input.
import { columnsOf, sniffDelimiter, type CsvOptions } from './csv.ts';
import type { ColumnBuilder } from './column-builder.ts';
import { asciiText } from './number-parse.ts';
import type { Table } from './table.ts';

/** Options of parseCsvBytes: CsvOptions plus the byte range and an optional separate header line. */
export interface CsvBytesOptions extends CsvOptions {
  /** first byte to parse (default 0) */
  start?: number;
  /** end of the bytes to parse, exclusive (default: all) */
  end?: number;
  /** the header line (ASCII bytes), when [start, end) holds only data rows (a piece of a file) */
  header?: Uint8Array;
}

// Byte classes: 0 plain, 1 field end (delimiter or \n), 2 \r, 3 not handled here (quote, non-ASCII).
const PLAIN = 0;
const FIELD_END = 1;
const CR = 2;
const OTHER = 3;

function classes(delim: number): Uint8Array {
  const cls = new Uint8Array(256);
  for (let i = 128; i < 256; i++) cls[i] = OTHER;
  cls[34] = OTHER;
  cls[13] = CR;
  cls[10] = FIELD_END;
  cls[delim] = FIELD_END;
  return cls;
}

/** Fields of the first non-blank line at `pos`, and where the next line starts; null if not plain. */
function headerFields(b: Uint8Array, pos: number, end: number, cls: Uint8Array, delim: number): { fields: string[]; next: number } | null {
  while (pos < end && (b[pos] === 10 || (b[pos] === 13 && b[pos + 1] === 10))) pos += b[pos] === 10 ? 1 : 2;
  if (pos >= end) return null;
  const fields: string[] = [];
  for (;;) {
    let p = pos;
    while (p < end && cls[b[p]] === PLAIN) p++;
    if (p < end && cls[b[p]] === OTHER) return null;
    if (p < end && b[p] === 13 && b[p + 1] !== 10) return null;
    fields.push(asciiText(b, pos, p));
    if (p >= end) return { fields, next: end };
    if (b[p] === delim) {
      pos = p + 1;
      continue;
    }
    return { fields, next: p + (b[p] === 13 ? 2 : 1) };
  }
}

/** Rows expected in [start, end), from the mean length of the first lines (a little over). */
function estimateRows(b: Uint8Array, start: number, end: number): number {
  const probe = Math.min(end, start + 65536);
  let lines = 0;
  for (let i = b.indexOf(10, start); i >= 0 && i < probe; i = b.indexOf(10, i + 1)) lines++;
  if (lines === 0) return 1024;
  return Math.ceil(((end - start) / (probe - start)) * lines * 1.02) + 16;
}

/**
 * Parse CSV bytes into a Table when they take the fast path (see the module comment), else
 * return null: then parse the decoded text with parseCsv, which gives the same Table or the error.
 * Header naming, column selection, textColumns and type inference are those of parseCsv.
 */
export function parseCsvBytes(b: Uint8Array, opts: CsvBytesOptions = {}): Table | null {
  let start = opts.start ?? 0;
  const end = opts.end ?? b.length;
  if (!opts.header && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf) start += 3;
  let delim: number;
  if (opts.delimiter !== undefined) {
    if (opts.delimiter.length !== 1) return null;
    delim = opts.delimiter.charCodeAt(0);
  } else {
    const sampleEnd = Math.min(end, start + 65536);
    for (let i = start; i < sampleEnd; i++) if (b[i] >= 128) return null;
    delim = sniffDelimiter(asciiText(b, start, sampleEnd)).charCodeAt(0);
  }
  if (delim >= 128 || delim === 34 || delim === 10 || delim === 13) return null;
  const cls = classes(delim);
  const head = opts.header ? headerFields(opts.header, 0, opts.header.length, cls, delim) : headerFields(b, start, end, cls, delim);
  if (!head) return null;
  const dataStart = opts.header ? start : head.next;
  const { header, builders } = columnsOf(head.fields, opts, estimateRows(b, dataStart, end));
  const rows = parseRows(b, dataStart, end, cls, delim, builders);
  if (rows < 0) return null;
  const lossy = builders.filter((x): x is ColumnBuilder => !!x && x.lossy).map((x) => x.name);
  // A column turned to text late: read again with it as text from the start, as parseCsv does.
  if (lossy.length) return parseCsvBytes(b, { ...opts, textColumns: [...(opts.textColumns ?? []), ...lossy] });
  const byName = new Map<string, ColumnBuilder>();
  for (const x of builders) if (x) byName.set(x.name, x);
  return { columns: (opts.columns ?? header).map((n) => byName.get(n)!.finish()), rowCount: rows };
}

/** Push every field of the rows in [pos, end) to its builder; the row count, or −1 to bail out. */
function parseRows(b: Uint8Array, pos: number, end: number, cls: Uint8Array, delim: number, builders: (ColumnBuilder | undefined)[]): number {
  const width = builders.length;
  let rows = 0;
  while (pos < end) {
    // A blank line is skipped (as pandas does), also in one-column files.
    let c = b[pos];
    if (c === 10) {
      pos++;
      continue;
    }
    if (c === 13 && b[pos + 1] === 10 && pos + 1 < end) {
      pos += 2;
      continue;
    }
    for (let j = 0; ; j++) {
      const x = builders[j];
      let p = pos;
      // Number columns: digits are summed while scanning, so plain integers skip a second pass.
      let digits = x !== undefined && x.numeric;
      let m = 0;
      if (digits) {
        while (p < end) {
          const d = (c = b[p]) - 48;
          if (d >= 0 && d <= 9) m = m * 10 + d;
          else if (cls[c] === PLAIN) digits = false;
          else break;
          p++;
        }
      } else while (p < end && cls[(c = b[p])] === PLAIN) p++;
      let next: number;
      if (p >= end) next = end;
      else if (c === delim) next = p + 1;
      else if (c === 10) next = p + 1;
      else if (c === 13 && p + 1 < end && b[p + 1] === 10) next = p + 2;
      else return -1;
      if (j >= width) return -1;
      if (x !== undefined) {
        if (digits && p > pos && p - pos <= 15) x.pushDigits(m);
        else x.pushBytes(b, pos, p);
      }
      pos = next;
      if (p < end && c === delim) continue;
      // End of the row: it must be as wide as the header (else the text parser names the line).
      if (j + 1 !== width) return -1;
      break;
    }
    rows++;
  }
  return rows;
}
