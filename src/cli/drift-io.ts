// File reading for `edgeprobe drift`: picks the reader from the file extension (CSV/TSV, JSON,
// JSONL, Parquet) and streams the file from disk.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readCsv } from '../lib/data/csv.ts';
import { readJsonArray, readJsonl } from '../lib/data/json.ts';
import { readParquet } from '../lib/data/parquet.ts';
import { DataFormatError, type ProgressFn, type Table } from '../lib/data/table.ts';

/** Read a data file into a Table; the format comes from the extension (.csv .tsv .txt .json .jsonl .ndjson .parquet). */
export async function readTableFile(path: string, opts: { columns?: string[]; onProgress?: ProgressFn } = {}): Promise<Table> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new DataFormatError(`cannot read ${path}: no such file`);
  }
  const ext = extname(path).toLowerCase();
  const stream = () => createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Uint8Array>;
  const progress = opts.onProgress ? (b: number) => opts.onProgress!(b, size) : undefined;
  try {
    if (ext === '.parquet') return await readParquet(new Uint8Array(readFileSync(path)), { columns: opts.columns });
    if (ext === '.json') return await readJsonArray(stream(), { columns: opts.columns, onProgress: progress });
    if (ext === '.jsonl' || ext === '.ndjson') return await readJsonl(stream(), { columns: opts.columns, onProgress: progress });
    return await readCsv(stream(), { columns: opts.columns, onProgress: progress, delimiter: ext === '.tsv' ? '\t' : undefined });
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataFormatError(`${path}: ${e.message}`);
    throw e;
  }
}
