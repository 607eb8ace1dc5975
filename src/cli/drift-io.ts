// File reading for `edgeprobe drift`: picks the reader from the file extension (CSV/TSV, JSON,
// JSONL, Parquet) and streams the file from disk.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCsv, readCsv } from '../lib/data/csv.ts';
import { readJsonArray, readJsonl } from '../lib/data/json.ts';
import { readParquet } from '../lib/data/parquet.ts';
import { Worker } from 'node:worker_threads';
import { DataFormatError, type ProgressFn, type Table } from '../lib/data/table.ts';

/** CSV files up to this size are decoded in one piece (faster); larger ones are streamed. */
const WHOLE_FILE_MAX_BYTES = 256 << 20;

/** Files above this size are parsed in a worker thread when several are read at once. */
const PARALLEL_MIN_BYTES = 8 << 20;

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
    const delimiter = ext === '.tsv' ? '\t' : undefined;
    if (size <= WHOLE_FILE_MAX_BYTES) {
      // One decode and one flat string parse fastest; streaming keeps memory flat for huge files.
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
      } catch {
        throw new DataFormatError('invalid UTF-8; the file must be UTF-8 encoded text');
      }
      const table = parseCsv(text, { columns: opts.columns, delimiter });
      progress?.(size);
      return table;
    }
    return await readCsv(stream(), { columns: opts.columns, onProgress: progress, delimiter });
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataFormatError(`${path}: ${e.message}`);
    throw e;
  }
}

function readInWorker(path: string): Promise<Table> {
  return new Promise((resolve, reject) => {
    // Worker threads do not inherit tsx's loader: a small module registers it, then loads the reader.
    const target = new URL('./drift-read-worker.ts', import.meta.url).href;
    const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(target)});`;
    const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)), { workerData: { path } });
    w.once('message', (m: { ok: boolean; table?: Table; name?: string; message?: string }) => {
      void w.terminate();
      if (m.ok) resolve(m.table!);
      else {
        const e = m.name === 'DataFormatError' ? new DataFormatError(m.message) : new Error(m.message);
        if (m.name !== 'DataFormatError') e.name = m.name ?? 'Error';
        reject(e);
      }
    });
    w.once('error', reject);
  });
}

/**
 * Read several files; large ones are parsed in parallel worker threads. Falls back to reading in
 * this thread when workers cannot load TypeScript (e.g. started without the tsx loader).
 */
export async function readTableFiles(paths: string[], parallelMinBytes = PARALLEL_MIN_BYTES): Promise<Table[]> {
  const big = paths.filter((p) => {
    try {
      return statSync(p).size >= parallelMinBytes;
    } catch {
      return false;
    }
  });
  if (big.length < 2) return Promise.all(paths.map((p) => readTableFile(p)));
  try {
    // The last big file is parsed here while the others are parsed in workers (one start-up less).
    const local = big[big.length - 1];
    return await Promise.all(paths.map((p) => (big.includes(p) && p !== local ? readInWorker(p) : readTableFile(p))));
  } catch (e) {
    if ((e as Error).name === 'DataFormatError') throw e;
    if (process.env.EDGEPROBE_DEBUG) process.stderr.write(`parallel read failed, reading in this thread: ${(e as Error).message}\n`);
    return Promise.all(paths.map((p) => readTableFile(p)));
  }
}
