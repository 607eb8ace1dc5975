// JSON readers: a JSON array of row objects, or JSON Lines (one object per line, streamed).
// Numbers stay numeric, strings stay text, booleans become bool columns, null is missing; nested
// objects become dotted columns (flatten.ts), arrays JSON text.
import { ColumnBuilder } from './column-builder.ts';
import { flattenRecord } from './flatten.ts';
import { chunksOf, sizeOf, type ByteSource } from './bytes.ts';
import { DataFormatError, selectColumns, throwIfAborted, type ReadOptions, type Table } from './table.ts';

/** Collects row objects into columns; keys are taken in first-seen order, absent keys are missing. */
class RowCollector {
  private builders = new Map<string, ColumnBuilder>();
  rows = 0;

  add(row: unknown, where: string): void {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new DataFormatError(`${where}: expected an object like {"column": value}, found ${Array.isArray(row) ? 'an array' : JSON.stringify(row)?.slice(0, 40)}`);
    }
    // Nested objects become dotted columns (pandas.json_normalize): engine.cylinders.
    const rec = flattenRecord(row as Record<string, unknown>);
    for (const key of rec.keys()) {
      if (!this.builders.has(key)) {
        const b = new ColumnBuilder(key);
        for (let i = 0; i < this.rows; i++) b.pushValue(null);
        this.builders.set(key, b);
      }
    }
    // A Map: an absent 'constructor' must not read Object.prototype.constructor.
    for (const [key, b] of this.builders) b.pushValue(rec.has(key) ? rec.get(key) : null);
    this.rows++;
  }

  table(): Table {
    return { columns: [...this.builders.values()].map((b) => b.finish()), rowCount: this.rows };
  }
}

/** Parse a JSON array of objects held in memory. */
export function parseJsonArray(text: string, opts: ReadOptions = {}): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataFormatError(`not valid JSON (${(e as Error).message}); expected an array of row objects`);
  }
  if (!Array.isArray(data)) throw new DataFormatError('expected a JSON array of row objects, like [{"a": 1}, {"a": 2}]');
  const rc = new RowCollector();
  data.forEach((row, i) => rc.add(row, `row ${i + 1}`));
  return selectColumns(rc.table(), opts.columns);
}

/** Parse JSON Lines text held in memory (blank lines ignored). */
export function parseJsonl(text: string, opts: ReadOptions = {}): Table {
  const rc = new RowCollector();
  addLines(rc, text, 1);
  return selectColumns(rc.table(), opts.columns);
}

function addLines(rc: RowCollector, text: string, firstLine: number): number {
  let line = firstLine;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).trim();
    if (raw) {
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch (e) {
        throw new DataFormatError(`line ${line}: not valid JSON (${(e as Error).message}); each line must be one JSON object`);
      }
      rc.add(v, `line ${line}`);
    }
    line++;
    start = end + 1;
  }
  return line;
}

async function decodeAll(source: ByteSource, opts: ReadOptions, onText: (t: string, final: boolean) => void): Promise<void> {
  const total = sizeOf(source);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let read = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      throwIfAborted(opts.signal);
      onText(decoder.decode(chunk, { stream: true }), false);
      read += chunk.length;
      opts.onProgress?.(read, total);
    }
    onText(decoder.decode(), true);
  } catch (e) {
    if (e instanceof TypeError) throw new DataFormatError(`invalid UTF-8 near byte ${read}; the file must be UTF-8 encoded text`);
    throw e;
  }
}

/** Read a JSON array file (whole text, then parsed). */
export async function readJsonArray(source: ByteSource, opts: ReadOptions = {}): Promise<Table> {
  const parts: string[] = [];
  await decodeAll(source, opts, (t) => parts.push(t));
  return parseJsonArray(parts.join('').replace(/^\uFEFF/, ''), opts);
}

/** Read JSON Lines, streaming line by line. */
export async function readJsonl(source: ByteSource, opts: ReadOptions = {}): Promise<Table> {
  const rc = new RowCollector();
  let carry = '';
  let line = 1;
  await decodeAll(source, opts, (t, final) => {
    const s = carry + t;
    const cut = final ? s.length : s.lastIndexOf('\n') + 1;
    carry = s.slice(cut);
    if (cut > 0) line = addLines(rc, s.slice(0, final ? cut : cut - 1), line);
  });
  return selectColumns(rc.table(), opts.columns);
}
