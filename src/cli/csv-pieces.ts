// Parallel CSV reading for the CLI: a large file is loaded once into shared memory, cut at line
// ends that are outside quoted fields, and each piece is parsed on its own thread with the header
// prepended. The pieces are then joined with concatTables.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseCsv, sniffDelimiter } from '../lib/data/csv.ts';
import { parseCsvBytes } from '../lib/data/csv-bytes.ts';
import { DataFormatError, type Table } from '../lib/data/table.ts';

/** One piece of a CSV file to parse: bytes [start, end) of the shared buffer, after `header`. */
export interface PieceTask {
  sab: SharedArrayBuffer;
  start: number;
  end: number;
  header: string;
  delimiter: string;
  textColumns?: string[];
  /** missing markers (default pandas' list) */
  missing?: string[];
}

/** The whole file in a SharedArrayBuffer, so every thread reads its piece without a copy. */
export function loadShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Index of the first \n at or after `from` with an even number of quotes in [qFrom, it). */
function lineEndOutsideQuotes(bytes: Uint8Array, from: number, qFrom: number): number {
  let quotes = 0;
  let q = bytes.indexOf(34, qFrom);
  let nl = bytes.indexOf(10, from);
  while (nl >= 0) {
    while (q >= 0 && q < nl) {
      quotes++;
      q = bytes.indexOf(34, q + 1);
    }
    if (quotes % 2 === 0) return nl;
    nl = bytes.indexOf(10, nl + 1);
  }
  return -1;
}

const plain = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b.slice());

/**
 * Header text, delimiter and up to `count` byte ranges of whole records. Returns null when the
 * file cannot be cut (no header line end, or too small to be worth it).
 */
export function planPieces(bytes: Uint8Array, count: number, delimiter?: string): { header: string; delimiter: string; pieces: [number, number][] } | null {
  const off = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const headerEnd = lineEndOutsideQuotes(bytes, off, off);
  if (headerEnd < 0) return null;
  let header: string;
  try {
    header = plain(bytes.subarray(off, headerEnd + 1));
  } catch {
    throw new DataFormatError('invalid UTF-8 in the header line; the file must be UTF-8 encoded text');
  }
  const sample = new TextDecoder('utf-8').decode(bytes.subarray(off, Math.min(bytes.length, off + 65536)).slice());
  const delim = delimiter ?? sniffDelimiter(sample);
  const dataStart = headerEnd + 1;
  const pieces: [number, number][] = [];
  let start = dataStart;
  for (let i = 1; i < count; i++) {
    const target = dataStart + Math.floor(((bytes.length - dataStart) * i) / count);
    if (target <= start) continue;
    // Quote parity from the previous cut: a cut is always outside quotes, so counting restarts there.
    const nl = lineEndOutsideQuotes(bytes, target, start);
    if (nl < 0 || nl + 1 >= bytes.length) break;
    pieces.push([start, nl + 1]);
    start = nl + 1;
  }
  pieces.push([start, bytes.length]);
  return { header, delimiter: delim, pieces };
}

function newlinesBefore(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** Parse one piece (line numbers in errors are those of the whole file). */
export function parsePiece(task: PieceTask): Table {
  const all = new Uint8Array(task.sab);
  const opts = { delimiter: task.delimiter, textColumns: task.textColumns, missing: task.missing ? new Set(task.missing) : undefined };
  const fast = parseCsvBytes(all, { ...opts, start: task.start, end: task.end, header: new TextEncoder().encode(task.header) });
  if (fast) return fast;
  let text: string;
  try {
    text = plain(all.subarray(task.start, task.end));
  } catch {
    throw new DataFormatError(`invalid UTF-8 in bytes ${task.start}–${task.end}; the file must be UTF-8 encoded text`);
  }
  // The prepended header gets the line number just before the piece's first line.
  return parseCsv(task.header + text, { ...opts, firstLine: newlinesBefore(all, task.start) });
}
