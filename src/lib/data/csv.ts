// Streaming CSV reader: delimiter sniffing (, ; tab |), RFC 4180 quotes ("" escapes, embedded
// newlines), BOM, pandas' missing markers, strict UTF-8, ragged-row errors naming the line,
// progress and cancellation. Produces a columnar Table with pandas-like column types.
import { ColumnBuilder } from './column-builder.ts';
import { chunksOf, sizeOf, type ByteSource } from './bytes.ts';
import { DataFormatError, throwIfAborted, type ReadOptions, type Table } from './table.ts';

/** Delimiters the sniffer chooses between. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvOptions extends ReadOptions {
  /** field delimiter; sniffed from the first lines when omitted */
  delimiter?: string;
  /** line number of the text's first line, for error messages when parsing a piece of a file (default 1) */
  firstLine?: number;
  /** columns read as text from the start (no number/bool inference) */
  textColumns?: string[];
}

/** Pick the delimiter whose per-line count (outside quotes) is largest and most consistent. */
export function sniffDelimiter(sample: string): string {
  const lines: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < sample.length && lines.length < 30; i++) {
    const ch = sample[i];
    if (ch === '"') inQ = !inQ;
    if (!inQ && (ch === '\n' || ch === '\r')) {
      if (cur.length) lines.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.length && lines.length < 30) lines.push(cur);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent * 1000 + counts[0];
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQ = false;
  for (const ch of line) {
    if (ch === '"') inQ = !inQ;
    else if (!inQ && ch === d) n++;
  }
  return n;
}

/** Incremental parser over decoded text; feed with push(), then finish(). */
export class CsvParser {
  private carry = '';
  private delim = -1;
  private header: string[] | undefined;
  private builders: (ColumnBuilder | undefined)[] = [];
  private line = 1;
  private rows = 0;
  private skipLF = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private unescaped: (string | undefined)[] = [];
  private anyUnescaped = false;

  constructor(private readonly opts: CsvOptions = {}) {
    this.line = opts.firstLine ?? 1;
    if (opts.delimiter !== undefined) {
      if (opts.delimiter.length !== 1) throw new DataFormatError(`delimiter ${JSON.stringify(opts.delimiter)} must be one character`);
      this.delim = opts.delimiter.charCodeAt(0);
    }
  }

  /** Parse as many complete records of carry + text as possible; `final` marks the end of input. */
  push(text: string, final: boolean): void {
    if (this.delim < 0) {
      const all = this.carry + text;
      if (all.length < 65536 && !final) {
        this.carry = all;
        return;
      }
      this.carry = '';
      this.delim = sniffDelimiter(all.slice(0, 65536)).charCodeAt(0);
      text = all;
    }
    // Finish the record left over from the previous chunk line by line, so the big chunk itself is
    // parsed as a flat string (a concatenated string is much slower to scan in V8).
    let from = 0;
    while (this.carry && from < text.length) {
      const nl = text.indexOf('\n', from);
      const end = nl < 0 ? text.length : nl + 1;
      const head = this.carry + text.slice(from, end);
      this.carry = '';
      this.parseBuffer(head, 0, final && end === text.length);
      from = end;
    }
    if (this.carry && final) {
      const rest = this.carry;
      this.carry = '';
      this.parseBuffer(rest, 0, true);
      return;
    }
    if (from < text.length || (final && !this.carry)) this.parseBuffer(text, from, final);
  }

  /** Parse records of s from position `from`; an incomplete last record is kept as carry. */
  private parseBuffer(s: string, from: number, final: boolean): void {
    if (this.skipLF && s.charCodeAt(from) === 10) from++;
    this.skipLF = false;
    const len = s.length;
    const D = this.delim;
    const delimChar = String.fromCharCode(D);
    // Files with \n line ends take the indexOf path; only \r-only (old Mac) files need the char loop.
    const fast = s.indexOf('\n', from) >= 0 || s.indexOf('\r', from) < 0;
    let nextDelim = -1;
    let nextNl = -1;
    let pos = from;
    while (pos < len) {
      const recStart = pos;
      const recLine = this.line;
      let nf = 0;
      let complete = false;
      if (this.anyUnescaped) {
        this.unescaped.fill(undefined);
        this.anyUnescaped = false;
      }
      let starts = this.starts;
      let ends = this.ends;
      for (;;) {
        if (nf === starts.length) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
        }
        if (s.charCodeAt(pos) === 34) {
          // Quoted field: find the closing quote, skipping "" escapes.
          let q = pos + 1;
          let hasEscape = false;
          for (;;) {
            q = s.indexOf('"', q);
            if (q < 0 || (q + 1 >= len && !final)) break;
            if (s.charCodeAt(q + 1) === 34) {
              hasEscape = true;
              q += 2;
              continue;
            }
            break;
          }
          if (q < 0) {
            if (!final) break;
            throw new DataFormatError(`line ${recLine}: a quoted field is never closed; close it with a double quote`);
          }
          if (q + 1 >= len && !final) break;
          const inner = s.slice(pos + 1, q);
          for (let k = inner.indexOf('\n'); k >= 0; k = inner.indexOf('\n', k + 1)) this.line++;
          let e = q + 1;
          let c = s.charCodeAt(e);
          while (e < len && c !== D && c !== 10 && c !== 13) c = s.charCodeAt(++e);
          if (hasEscape || e > q + 1) {
            this.unescaped[nf] = inner.replaceAll('""', '"') + s.slice(q + 1, e);
            this.anyUnescaped = true;
          }
          starts[nf] = pos + 1;
          ends[nf] = q;
          pos = e;
        } else if (fast) {
          // Native indexOf finds the next delimiter and line end much faster than a char loop.
          if (nextDelim < pos) {
            nextDelim = s.indexOf(delimChar, pos);
            if (nextDelim < 0) nextDelim = len;
          }
          if (nextNl < pos) {
            nextNl = s.indexOf('\n', pos);
            if (nextNl < 0) nextNl = len;
          }
          let e = nextDelim < nextNl ? nextDelim : nextNl;
          if (e === nextNl && e > pos && s.charCodeAt(e - 1) === 13) e--;
          else if (e === len && e > pos && s.charCodeAt(e - 1) === 13) e--;
          starts[nf] = pos;
          ends[nf] = e;
          pos = e;
        } else {
          let e = pos;
          let c = s.charCodeAt(e);
          while (e < len && c !== D && c !== 10 && c !== 13) c = s.charCodeAt(++e);
          starts[nf] = pos;
          ends[nf] = e;
          pos = e;
        }
        nf++;
        if (pos >= len) {
          complete = final;
          break;
        }
        const c = s.charCodeAt(pos);
        if (c === D) {
          pos++;
          if (pos >= len && !final) break;
          continue;
        }
        // End of record: \n, \r\n or a lone \r.
        pos++;
        if (c === 13) {
          if (pos < len && s.charCodeAt(pos) === 10) pos++;
          else if (pos >= len && !final) this.skipLF = true;
        }
        this.line++;
        complete = true;
        break;
      }
      if (!complete) {
        this.carry = s.slice(recStart);
        return;
      }
      this.record(s, nf, recLine);
    }
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const a = new Int32Array(n);
    a.set(this.starts);
    this.starts = a;
    const b = new Int32Array(n);
    b.set(this.ends);
    this.ends = b;
  }

  private field(s: string, i: number): string {
    return this.unescaped[i] ?? s.slice(this.starts[i], this.ends[i]);
  }

  private record(s: string, nf: number, line: number): void {
    if (nf === 1 && this.starts[0] === this.ends[0] && this.unescaped[0] === undefined) return; // blank line
    if (!this.header) {
      this.setHeader(Array.from({ length: nf }, (_, i) => this.field(s, i)));
      return;
    }
    if (nf !== this.header.length) {
      throw new DataFormatError(
        `line ${line}: expected ${this.header.length} fields (as in the header), found ${nf}; every row needs the same number of fields`,
      );
    }
    for (let i = 0; i < nf; i++) {
      const b = this.builders[i];
      if (!b) continue;
      const u = this.anyUnescaped ? this.unescaped[i] : undefined;
      if (u !== undefined) b.pushText(u, 0, u.length);
      else b.pushText(s, this.starts[i], this.ends[i]);
    }
    this.rows++;
  }

  private setHeader(raw: string[]): void {
    const cols = columnsOf(raw, this.opts);
    this.header = cols.header;
    this.builders = cols.builders;
  }

  /**
   * Columns that became text after numbers had been read; those numbers are shown as String(value),
   * not their original spelling. Re-read with `textColumns` set to these for exact text.
   */
  lossyColumns(): string[] {
    return this.builders.filter((b): b is ColumnBuilder => !!b && b.lossy).map((b) => b.name);
  }

  /** The parsed table. Throws DataFormatError when there was no header row at all. */
  finish(): Table {
    if (this.carry) this.push('', true);
    if (!this.header) throw new DataFormatError('the file is empty: a CSV needs a header row with column names');
    const byName = new Map<string, ColumnBuilder>();
    for (const b of this.builders) if (b) byName.set(b.name, b);
    const order = this.opts.columns ?? this.header;
    return { columns: order.map((n) => byName.get(n)!.finish()), rowCount: this.rows };
  }
}

/**
 * Column names from the raw header fields (empty → "Unnamed: i", duplicates → a.1, a.2 … as in
 * pandas) and a builder per wanted column (undefined for the others). Throws DataFormatError for
 * wanted columns the header lacks. `capacity` pre-sizes the builders (rows expected).
 */
export function columnsOf(raw: string[], opts: CsvOptions, capacity?: number): { header: string[]; builders: (ColumnBuilder | undefined)[] } {
  const seen = new Map<string, number>();
  const header = raw.map((h, i) => {
    let name = h === '' ? `Unnamed: ${i}` : h;
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    if (k > 0) name = `${name}.${k}`;
    return name;
  });
  const wanted = opts.columns;
  if (wanted) {
    const unknown = wanted.filter((w) => !header.includes(w));
    if (unknown.length) {
      throw new DataFormatError(`unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the header has ${header.join(', ')}`);
    }
  }
  const text = new Set(opts.textColumns ?? []);
  const builders = header.map((name) => (!wanted || wanted.includes(name) ? new ColumnBuilder(name, text.has(name), capacity, opts.missing) : undefined));
  return { header, builders };
}

/** Parse CSV text already in memory. */
export function parseCsv(text: string, opts: CsvOptions = {}): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const p = new CsvParser(opts);
  p.push(body, true);
  const table = p.finish();
  const lossy = p.lossyColumns();
  if (!lossy.length) return table;
  // A column turned to text late: read it again as text from the start to keep every spelling.
  const again = new CsvParser({ ...opts, textColumns: [...(opts.textColumns ?? []), ...lossy] });
  again.push(body, true);
  return again.finish();
}

/** Read CSV from bytes or a stream: strict UTF-8 (BOM dropped), progress per chunk, abortable. */
export async function readCsv(source: ByteSource, opts: CsvOptions = {}): Promise<Table> {
  const total = sizeOf(source);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser(opts);
  let read = 0;
  for await (const chunk of chunksOf(source)) {
    throwIfAborted(opts.signal);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new DataFormatError(`invalid UTF-8 in bytes ${read}–${read + chunk.length}; the file must be UTF-8 encoded text`);
    }
    parser.push(text, false);
    read += chunk.length;
    opts.onProgress?.(read, total);
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new DataFormatError('invalid UTF-8 at the end of the file (truncated multi-byte character); the file must be UTF-8');
  }
  parser.push(tail, true);
  throwIfAborted(opts.signal);
  const table = parser.finish();
  const lossy = parser.lossyColumns();
  const rereadable = source instanceof Uint8Array || source instanceof ArrayBuffer || (typeof Blob !== 'undefined' && source instanceof Blob);
  if (!lossy.length || !rereadable) return table;
  // A column turned to text late: read it again as text from the start to keep every spelling.
  return readCsv(source, { ...opts, textColumns: [...(opts.textColumns ?? []), ...lossy] });
}
