// Parquet reader over hyparquet with ZSTD/Snappy/gzip/Brotli/LZ4 codecs: selected columns and
// an optional row range, read row group by row group into the columnar Table.
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
  const leaves = metadata.schema.slice(1).filter((s) => !s.num_children);
  const names = leaves.map((s) => s.name);
  const wanted = opts.columns ?? names;
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length) throw new DataFormatError(`unknown column(s) ${unknown.join(', ')}; the file has ${names.join(', ')}`);
  const total = Number(metadata.num_rows);
  const rowStart = Math.max(0, opts.rowStart ?? 0);
  const rowEnd = Math.min(total, opts.rowEnd ?? total);
  const n = Math.max(0, rowEnd - rowStart);
  const kinds = new Map(leaves.map((s) => [s.name, s]));
  const nums = new Map<string, Float64Array>();
  const texts = new Map<string, { codes: Int32Array; dict: Map<string, number>; dictionary: string[] }>();
  for (const name of wanted) {
    const el = kinds.get(name)!;
    if (el.type === 'BYTE_ARRAY' || el.type === 'FIXED_LEN_BYTE_ARRAY') {
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
      file, metadata, compressors, columns: wanted,
      rowStart: Math.max(gs, rowStart), rowEnd: Math.min(ge, rowEnd),
      onChunk: ({ columnName, columnData, rowStart: cs }) => {
        const lo = Math.max(cs, rowStart, gs);
        const hi = Math.min(cs + columnData.length, rowEnd, ge);
        const num = nums.get(columnName);
        if (num) {
          for (let r = lo; r < hi; r++) num[r - rowStart] = toNumber(columnData[r - cs]);
          return;
        }
        const t = texts.get(columnName)!;
        for (let r = lo; r < hi; r++) {
          const v = columnData[r - cs];
          if (v === null || v === undefined) continue;
          const s = typeof v === 'string' ? v : String(v);
          let c = t.dict.get(s);
          if (c === undefined) {
            c = t.dictionary.length;
            t.dict.set(s, c);
            t.dictionary.push(s);
          }
          t.codes[r - rowStart] = c;
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
