// Reading a sample set in the data worker: format from the name and the first bytes (Parquet,
// JSON array, JSON Lines, OIP JSONL, CSV/TSV, image sets), progress and cancel, and the schema
// summary the page shows (types, missing share, ranges, mixed-type remarks).
import { readCsv } from '../lib/data/csv.ts';
import { readJsonArray, readJsonl } from '../lib/data/json.ts';
import { readParquet } from '../lib/data/parquet.ts';
import { looksLikeOipJsonl, parseOipSamples } from '../lib/data/oip-samples.ts';
import { DataFormatError, throwIfAborted, type Table } from '../lib/data/table.ts';
import { inferType } from '../lib/drift/typing.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import { imageTable } from './images.ts';
import type { ColumnInfo, DataFormat, DataProgressFn, DataSource, ImageItem } from './data-protocol.ts';

/** A set held by the worker. */
export interface LoadedSet {
  name: string;
  format: DataFormat;
  table: Table;
  bytes: number | null;
  samples: TensorMap[] | null;
  images: ImageItem[] | null;
}

async function blobOfSource(source: DataSource, signal: AbortSignal): Promise<Blob> {
  if (source.kind === 'file') return source.file;
  if (source.kind !== 'url') throw new DataFormatError('an image set is not a single file');
  const res = await fetch(source.url, { signal });
  if (!res.ok) throw new DataFormatError(`could not read ${source.name}: HTTP ${res.status}`);
  return res.blob();
}

async function head(blob: Blob, n = 65536): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}

/** The format of a file from its name, then its first bytes. */
export async function detectFormat(name: string, blob: Blob): Promise<Exclude<DataFormat, 'images'>> {
  const ext = (name.match(/\.([a-z0-9]+)$/i)?.[1] ?? '').toLowerCase();
  const h = await head(blob);
  if (looksLikeModel(ext, h)) {
    throw new DataFormatError(`${name} is an ONNX model — load it on the Model screen; Drift compares data files (CSV, TSV, JSON, JSONL, Parquet) or images`);
  }
  if (ext === 'parquet' || (h[0] === 0x50 && h[1] === 0x41 && h[2] === 0x52 && h[3] === 0x31)) return 'parquet';
  // Lenient decode: only to sniff; the reader itself is strict about UTF-8.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(h).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (ext === 'json' || (ext !== 'jsonl' && ext !== 'ndjson' && first === '[')) return 'json';
  if (ext === 'jsonl' || ext === 'ndjson' || first === '{') return looksLikeOipJsonl(text) ? 'oip-jsonl' : 'jsonl';
  return 'csv';
}

/**
 * An ONNX model rather than data: the .onnx/.ort extension, or a protobuf ModelProto's first bytes
 * (field 1 ir_version as a small varint, then producer_name, graph or opset_import).
 */
export function looksLikeModel(ext: string, h: Uint8Array): boolean {
  if (ext === 'onnx' || ext === 'ort') return true;
  return h.length > 3 && h[0] === 0x08 && h[1] > 0 && h[1] < 16 && [0x12, 0x1a, 0x3a, 0x42].includes(h[2]);
}

/** Read a source into a set; progress in bytes (text), rows (Parquet) or images. */
/** `missing`: text read as missing in CSV (default pandas' list). */
export async function readSource(source: DataSource, signal: AbortSignal, onProgress?: DataProgressFn, missing?: string[]): Promise<LoadedSet> {
  if (source.kind === 'images') {
    const table = await imageTable(source.items, signal, (done) =>
      onProgress?.({ phase: `Decoding ${source.name}`, done, total: source.items.length, unit: 'images' }));
    return { name: source.name, format: 'images', table, bytes: null, samples: null, images: source.items };
  }
  const blob = await blobOfSource(source, signal);
  throwIfAborted(signal);
  const format = await detectFormat(source.name, blob);
  const phase = `Reading ${source.name}`;
  const bytesProgress = (done: number, total: number | undefined) => onProgress?.({ phase, done, total: total ?? blob.size, unit: 'bytes' });
  let table: Table;
  let samples: TensorMap[] | null = null;
  if (format === 'parquet') {
    table = await readParquet(blob, { signal, onProgress: (done, total) => onProgress?.({ phase, done, total: total ?? null, unit: 'rows' }) });
  } else if (format === 'json') {
    table = await readJsonArray(blob, { signal, onProgress: bytesProgress });
  } else if (format === 'jsonl') {
    table = await readJsonl(blob, { signal, onProgress: bytesProgress });
  } else if (format === 'oip-jsonl') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await blob.arrayBuffer());
    } catch {
      throw new DataFormatError('invalid UTF-8: the file must be UTF-8 encoded text');
    }
    bytesProgress(blob.size, blob.size);
    const parsed = parseOipSamples(text);
    table = parsed.table;
    samples = parsed.samples;
  } else {
    table = await readCsv(blob, { signal, onProgress: bytesProgress, delimiter: /\.tsv$/i.test(source.name) ? '\t' : undefined, missing: missing ? new Set(missing) : undefined });
  }
  throwIfAborted(signal);
  return { name: source.name, format, table, bytes: blob.size, samples, images: null };
}

/** A remark on a text column that mostly holds numbers (mixed types), naming a few text values. */
function mixedNote(dict: string[]): string | null {
  if (dict.length < 2) return null;
  const text = dict.filter((s) => s.trim() === '' || !Number.isFinite(Number(s)));
  const numeric = dict.length - text.length;
  if (numeric === 0 || text.length === 0 || numeric < text.length) return null;
  const eg = text.slice(0, 3).map((s) => JSON.stringify(s.length > 20 ? s.slice(0, 19) + '…' : s)).join(', ');
  return `mixed types: ${numeric} distinct values are numbers, ${text.length} are text (e.g. ${eg}); the drift plan decides the type on both sets (text values become missing when numbers are the large majority)`;
}

/** Schema summary of a table for the page. */
export function describeColumns(table: Table): ColumnInfo[] {
  return table.columns.map((col) => {
    let missing = 0;
    let min = Infinity;
    let max = -Infinity;
    if (col.kind === 'number') {
      for (let i = 0; i < col.values.length; i++) {
        const v = col.values[i];
        if (v !== v) missing++;
        else if (v - v === 0) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    } else {
      for (let i = 0; i < col.codes.length; i++) if (col.codes[i] < 0) missing++;
    }
    const share = table.rowCount ? missing / table.rowCount : 0;
    const note = table.rowCount > 0 && missing === table.rowCount ? 'all values are missing: it cannot be tested'
      : col.kind === 'string' ? mixedNote(col.dictionary) : null;
    return {
      name: col.name, storage: col.kind, dtype: col.kind === 'number' ? col.dtype : null, inferred: inferType(col),
      missing: share, distinct: col.kind === 'string' ? col.dictionary.length : null,
      min: min <= max ? min : null, max: min <= max ? max : null, note,
    };
  });
}
