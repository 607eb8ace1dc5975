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

/**
 * Rows expected in `total` bytes, from the mean length of the lines in the first 64 KiB of
 * b[start, end) (a little over).
 */
function estimateRows(b: Uint8Array, start: number, end: number, total = end - start): number {
  const probe = Math.min(end, start + 65536);
  let lines = 0;
  for (let i = b.indexOf(10, start); i >= 0 && i < probe; i = b.indexOf(10, i + 1)) lines++;
  if (lines === 0) return 1024;
  return Math.ceil((total / (probe - start)) * lines * 1.02) + 16;
}

/** Delimiter code from the options or sniffed from the start of b[start, end); −1 when not for the fast path. */
function delimiterOf(b: Uint8Array, start: number, end: number, delimiter: string | undefined): number {
  let delim: number;
  if (delimiter !== undefined) {
    if (delimiter.length !== 1) return -1;
    delim = delimiter.charCodeAt(0);
  } else {
    const sampleEnd = Math.min(end, start + 65536);
    for (let i = start; i < sampleEnd; i++) if (b[i] >= 128) return -1;
    delim = sniffDelimiter(asciiText(b, start, sampleEnd)).charCodeAt(0);
  }
  return delim >= 128 || delim === 34 || delim === 10 || delim === 13 ? -1 : delim;
}

function finishTable(builders: (ColumnBuilder | undefined)[], header: string[], opts: CsvOptions, rows: number): Table {
  const byName = new Map<string, ColumnBuilder>();
  for (const x of builders) if (x) byName.set(x.name, x);
  return { columns: (opts.columns ?? header).map((n) => byName.get(n)!.finish()), rowCount: rows };
}

const lossyOf = (builders: (ColumnBuilder | undefined)[]) => builders.filter((x): x is ColumnBuilder => !!x && x.lossy).map((x) => x.name);

/**
 * Reads `length` bytes of the file at `position` into `into` from `offset`; returns how many it
 * read (0 at the end of the file).
 */
export type ReadAt = (into: Uint8Array, offset: number, length: number, position: number) => number;

/**
 * parseCsvBytes over a file of `size` bytes read in chunks of about `chunkBytes` (so a file
 * never needs one buffer of its size): the same Table, or null when the text parser is needed.
 */
export function parseCsvFile(read: ReadAt, size: number, opts: CsvOptions = {}, chunkBytes = 1 << 20): Table | null {
  let buf = new Uint8Array(Math.max(Math.min(size, chunkBytes), 1024));
  let have = 0;
  let filePos = 0;
  let eof = false;
  const fill = () => {
    while (!eof && have < buf.length) {
      const n = read(buf, have, buf.length - have, filePos);
      if (n <= 0) eof = true;
      have += Math.max(n, 0);
      filePos += Math.max(n, 0);
    }
  };
  const grow = () => {
    const next = new Uint8Array(buf.length * 2);
    next.set(buf.subarray(0, have));
    buf = next;
  };
  /** End of the last complete line in buf (after its \n), or the end of the data at the end of the file. */
  const cut = () => (eof ? have : buf.lastIndexOf(10, have - 1) + 1);
  fill();
  // The header line and the sniffing sample (64 Ki characters after a BOM) need to be whole in the buffer.
  while (!eof && (buf.subarray(0, have).indexOf(10) < 0 || (opts.delimiter === undefined && have < 65536 + 3))) {
    grow();
    fill();
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const delim = delimiterOf(buf, start, have, opts.delimiter);
  if (delim < 0) return null;
  const cls = classes(delim);
  const head = headerFields(buf, start, cut(), cls, delim);
  if (!head) return null;
  const { header, builders } = columnsOf(head.fields, opts, estimateRows(buf, head.next, have, size - head.next));
  let pos = head.next;
  let rows = 0;
  for (;;) {
    const end = cut();
    if (end > pos) {
      const n = parseRows(buf, pos, end, cls, delim, builders);
      if (n < 0) return null;
      rows += n;
    }
    if (eof) break;
    // Keep the incomplete last line; grow when one line is larger than the buffer.
    const tail = Math.max(end, pos);
    buf.copyWithin(0, tail, have);
    have -= tail;
    pos = 0;
    if (have === buf.length) grow();
    fill();
  }
  const lossy = lossyOf(builders);
  if (lossy.length) return parseCsvFile(read, size, { ...opts, textColumns: [...(opts.textColumns ?? []), ...lossy] }, chunkBytes);
  return finishTable(builders, header, opts, rows);
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
  const delim = delimiterOf(b, start, end, opts.delimiter);
  if (delim < 0) return null;
  const cls = classes(delim);
  const head = opts.header ? headerFields(opts.header, 0, opts.header.length, cls, delim) : headerFields(b, start, end, cls, delim);
  if (!head) return null;
  const dataStart = opts.header ? start : head.next;
  const { header, builders } = columnsOf(head.fields, opts, estimateRows(b, dataStart, end));
  const rows = parseRows(b, dataStart, end, cls, delim, builders);
  if (rows < 0) return null;
  const lossy = lossyOf(builders);
  // A column turned to text late: read again with it as text from the start, as parseCsv does.
  if (lossy.length) return parseCsvBytes(b, { ...opts, textColumns: [...(opts.textColumns ?? []), ...lossy] });
  return finishTable(builders, header, opts, rows);
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
