// Parquet reader over hyparquet with ZSTD/Snappy/gzip/Brotli/LZ4 codecs: selected columns and
// an optional row range, read row group by row group into the columnar Table. Struct columns are
// flattened to dotted leaf columns (engine.cylinders), lists kept as JSON text.
import { parquetMetadataAsync, parquetRead, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DataFormatError, throwIfAborted, type Column, type ReadOptions, type Table } from './table.ts';

export interface ParquetOptions extends ReadOptions {
  /** first row to read (inclusive) */
  rowStart?: number;
  /** row to stop before (exclusive) */
  rowEnd?: number;
}

/** An AsyncBuffer over an in-memory buffer or a Blob/File (reads only the byte ranges needed). */
export function asyncBufferOf(source: ArrayBuffer | Uint8Array | Blob): AsyncBuffer {
  if (source instanceof Uint8Array) {
    source = source.byteOffset === 0 && source.byteLength === source.buffer.byteLength
      ? (source.buffer as ArrayBuffer)
      : (source.slice().buffer as ArrayBuffer);
  }
  if (source instanceof ArrayBuffer) return source;
  const blob = source;
  return { byteLength: blob.size, slice: (s: number, e?: number) => blob.slice(s, e).arrayBuffer() };
}

/** Converts one decoded chunk value to a number (NaN when missing or not numeric). */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return NaN;
}

type SchemaEl = ReturnType<typeof parquetMetadataAsync> extends Promise<infer M> ? M extends { schema: (infer E)[] } ? E : never : never;

/** A readable column: its dotted path, its top-level column, the keys below it, its schema element. */
interface Leaf {
  path: string;
  top: string;
  keys: string[];
  el: SchemaEl;
}

/**
 * Columns of a Parquet schema as dotted paths: struct fields become `engine.cylinders` (as
 * pandas.json_normalize names them); lists and maps stay one column (their values as JSON text).
 */
function flatSchema(schema: SchemaEl[]): Leaf[] {
  const out: Leaf[] = [];
  let i = 1;
  const walk = (prefix: string[], count: number, top: string | null, asOne: boolean): void => {
    for (let k = 0; k < count; k++) {
      const el = schema[i++];
      const path = [...prefix, el.name];
      const t = top ?? el.name;
      const kids = el.num_children ?? 0;
      const listy = asOne || el.converted_type === 'LIST' || el.converted_type === 'MAP' || el.converted_type === 'MAP_KEY_VALUE' || el.repetition_type === 'REPEATED';
      if (kids && !listy) walk(path, kids, t, false);
      else {
        if (kids) walk(path, kids, t, true);
        if (!asOne) out.push({ path: path.join('.'), top: t, keys: path.slice(1), el });
      }
    }
  };
  walk([], schema[0]?.num_children ?? 0, null, false);
  return out;
}

/** The value at `keys` below a struct value (undefined when a level is missing). */
function dig(v: unknown, keys: string[]): unknown {
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

function intern(t: { dict: Map<string, number>; dictionary: string[] }, s: string): number {
  let c = t.dict.get(s);
  if (c === undefined) {
    c = t.dictionary.length;
    t.dict.set(s, c);
    t.dictionary.push(s);
  }
  return c;
}

/** parquetRead, with decoding failures (corrupt or truncated pages) reported as DataFormatError. */
async function readGroup(options: Parameters<typeof parquetRead>[0]): Promise<void> {
  try {
    await parquetRead(options);
  } catch (e) {
    if (e instanceof DataFormatError) throw e;
    throw new DataFormatError(`the Parquet data is corrupt or truncated (${(e as Error).message})`);
  }
}

/** Read a Parquet file into a Table. Strings become text columns, timestamps ms since epoch. */
export async function readParquet(source: ArrayBuffer | Uint8Array | Blob | AsyncBuffer, opts: ParquetOptions = {}): Promise<Table> {
  const file = 'slice' in source && 'byteLength' in source && !(source instanceof ArrayBuffer) && !(source instanceof Uint8Array)
    ? (source as AsyncBuffer)
    : asyncBufferOf(source as ArrayBuffer | Uint8Array | Blob);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new DataFormatError(`not a readable Parquet file (${(e as Error).message})`);
  }
  const leaves = flatSchema(metadata.schema);
  const names = leaves.map((s) => s.path);
  const wanted = opts.columns ?? names;
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length) throw new DataFormatError(`unknown column(s) ${unknown.join(', ')}; the file has ${names.join(', ')}`);
  const leafBy = new Map(leaves.map((l) => [l.path, l]));
  // Top-level columns to read; struct columns arrive assembled as objects and are cut into their leaves.
  const tops = [...new Set(wanted.map((w) => leafBy.get(w)!.top))];
  const under = new Map<string, Leaf[]>();
  for (const w of wanted) {
    const l = leafBy.get(w)!;
    if (l.keys.length) under.set(l.top, [...(under.get(l.top) ?? []), l]);
  }
  const total = Number(metadata.num_rows);
  const rowStart = Math.max(0, opts.rowStart ?? 0);
  const rowEnd = Math.min(total, opts.rowEnd ?? total);
  const n = Math.max(0, rowEnd - rowStart);
  const kinds = new Map(leaves.map((l) => [l.path, l.el]));
  const nums = new Map<string, Float64Array>();
  const texts = new Map<string, { codes: Int32Array; dict: Map<string, number>; dictionary: string[] }>();
  for (const name of wanted) {
    const el = kinds.get(name)!;
    if (el.type === 'BYTE_ARRAY' || el.type === 'FIXED_LEN_BYTE_ARRAY' || el.num_children) {
      texts.set(name, { codes: new Int32Array(n).fill(-1), dict: new Map(), dictionary: [] });
    } else nums.set(name, new Float64Array(n).fill(NaN));
  }
  let done = 0;
  const groupStarts: number[] = [];
  let acc = 0;
  for (const rg of metadata.row_groups) {
    groupStarts.push(acc);
    acc += Number(rg.num_rows);
  }
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const gs = groupStarts[g];
    const ge = gs + Number(metadata.row_groups[g].num_rows);
    if (ge <= rowStart || gs >= rowEnd) continue;
    throwIfAborted(opts.signal);
    await readGroup({
      file, metadata, compressors, columns: tops,
      rowStart: Math.max(gs, rowStart), rowEnd: Math.min(ge, rowEnd),
      onChunk: ({ columnName, columnData, rowStart: cs }) => {
        const lo = Math.max(cs, rowStart, gs);
        const hi = Math.min(cs + columnData.length, rowEnd, ge);
        const parts = under.get(columnName);
        if (parts) {
          for (const l of parts) {
            const num = nums.get(l.path);
            const t = texts.get(l.path);
            for (let r = lo; r < hi; r++) {
              const v = dig(columnData[r - cs], l.keys);
              if (num) num[r - rowStart] = toNumber(v);
              else if (v !== null && v !== undefined) t!.codes[r - rowStart] = intern(t!, typeof v === 'string' ? v : JSON.stringify(v, bigintSafe));
            }
          }
          return;
        }
        const num = nums.get(columnName);
        if (num) {
          for (let r = lo; r < hi; r++) num[r - rowStart] = toNumber(columnData[r - cs]);
          return;
        }
        const t = texts.get(columnName)!;
        for (let r = lo; r < hi; r++) {
          const v = columnData[r - cs];
          if (v === null || v === undefined) continue;
          t.codes[r - rowStart] = intern(t, typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v, bigintSafe) : String(v));
        }
      },
    });
    done += Math.min(ge, rowEnd) - Math.max(gs, rowStart);
    opts.onProgress?.(done, n);
  }
  const columns: Column[] = wanted.map((name) => {
    const num = nums.get(name);
    if (num) {
      const el = kinds.get(name)!;
      const lt = el.logical_type?.type;
      const dtype = lt === 'TIMESTAMP' || lt === 'DATE' || el.converted_type?.startsWith('TIMESTAMP') || el.converted_type === 'DATE'
        ? 'datetime'
        : el.type === 'BOOLEAN' ? 'bool' : el.type === 'FLOAT' || el.type === 'DOUBLE' || num.some(Number.isNaN) ? 'float' : 'int';
      return { name, kind: 'number', dtype, values: num };
    }
    const t = texts.get(name)!;
    return { name, kind: 'string', codes: t.codes, dictionary: t.dictionary };
  });
  return { columns, rowCount: n };
}
