// File reading for `edgeprobe drift`: picks the reader from the file extension (CSV/TSV, JSON,
// JSONL, Parquet); large files are parsed on worker threads (CSV in pieces).
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCsv, readCsv } from '../lib/data/csv.ts';
import { parseCsvFile } from '../lib/data/csv-bytes.ts';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { concatTables, mixedColumns } from '../lib/data/concat.ts';
import { loadShared, parsePiece, planPieces, type PieceTask } from './csv-pieces.ts';
import { workerEntry } from './worker-entry.ts';
import { DataFormatError, type ProgressFn, type Table } from '../lib/data/table.ts';

/** CSV files up to this size are decoded in one piece (faster); larger ones are streamed. */
const WHOLE_FILE_MAX_BYTES = 256 << 20;

/** Files above this size are parsed in a worker thread when several are read at once. */
const PARALLEL_MIN_BYTES = 8 << 20;

/** Read a data file into a Table; the format comes from the extension (.csv .tsv .txt .json .jsonl .ndjson .parquet). */
export async function readTableFile(path: string, opts: { columns?: string[]; onProgress?: ProgressFn; missing?: string[] } = {}): Promise<Table> {
  const missing = opts.missing ? new Set(opts.missing) : undefined;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new DataFormatError(`cannot read ${path}: no such file`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.onnx' || ext === '.ort') throw new DataFormatError(`${path} is an ONNX model; drift compares data files (CSV, TSV, JSON, JSONL, Parquet); look at a model with "edgeprobe info MODEL"`);
  const stream = () => createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Uint8Array>;
  const progress = opts.onProgress ? (b: number) => opts.onProgress!(b, size) : undefined;
  try {
    // Loaded on demand: a CSV read (and a worker thread) need not load the Parquet codecs.
    if (ext === '.parquet') return await (await import('../lib/data/parquet.ts')).readParquet(new Uint8Array(readFileSync(path)), { columns: opts.columns });
    if (ext === '.json') return await (await import('../lib/data/json.ts')).readJsonArray(stream(), { columns: opts.columns, onProgress: progress });
    if (ext === '.jsonl' || ext === '.ndjson') return await (await import('../lib/data/json.ts')).readJsonl(stream(), { columns: opts.columns, onProgress: progress });
    const delimiter = ext === '.tsv' ? '\t' : undefined;
    // The bytes themselves, read in chunks, when they take the fast path.
    const fd = openSync(path, 'r');
    let fast: Table | null;
    try {
      fast = parseCsvFile((into, offset, length, position) => readSync(fd, into, offset, length, position), size, { columns: opts.columns, delimiter, missing });
    } finally {
      closeSync(fd);
    }
    if (fast) {
      progress?.(size);
      return fast;
    }
    if (size <= WHOLE_FILE_MAX_BYTES) {
      // One decode and one flat string parse; streaming keeps memory flat for huge files.
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
      } catch {
        throw new DataFormatError('invalid UTF-8; the file must be UTF-8 encoded text');
      }
      const table = parseCsv(text, { columns: opts.columns, delimiter, missing });
      progress?.(size);
      return table;
    }
    return await readCsv(stream(), { columns: opts.columns, onProgress: progress, delimiter, missing });
  } catch (e) {
    if (e instanceof DataFormatError) throw new DataFormatError(`${path}: ${e.message}`);
    throw e;
  }
}

type Task = { path: string; missing?: string[] } | { path: string; piece: PieceTask };

function runInWorker(task: Task, entry: URL): Promise<Table> {
  return new Promise((resolve, reject) => {
    const w = new Worker(entry, { workerData: task });
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

const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/**
 * Pieces per large CSV file: one task per core over all files, shared by size (at least one per
 * file). More tasks than cores would only add thread start-ups and a join.
 */
function piecesFor(size: number, totalBytes: number): number {
  return Math.max(1, Math.round((availableParallelism() * size) / Math.max(totalBytes, 1)));
}

/**
 * Read several files. Large CSV files are cut into pieces parsed on worker threads (and this one),
 * other large files are read on a worker each. Falls back to reading everything in this thread
 * when workers cannot start (e.g. TypeScript run without the tsx loader).
 */
/** `missing`: the missing markers of text formats (default pandas' list). */
export async function readTableFiles(paths: string[], parallelMinBytes = PARALLEL_MIN_BYTES, missing?: string[]): Promise<Table[]> {
  const sizes = paths.map((p) => {
    try {
      return statSync(p).size;
    } catch {
      return -1;
    }
  });
  const big = paths.map((_, i) => sizes[i] >= parallelMinBytes);
  if (!big.some(Boolean) || (big.filter(Boolean).length < 2 && !paths.some((p, i) => big[i] && CSV_EXTENSIONS.has(extname(p).toLowerCase())))) {
    return Promise.all(paths.map((p) => readTableFile(p, { missing })));
  }
  // Per file: either one task (read whole) or the pieces of a CSV file.
  const total = sizes.reduce((a, s) => a + Math.max(s, 0), 0);
  const plans = paths.map((path, i) => {
    const count = piecesFor(sizes[i], total);
    if (!big[i] || !CSV_EXTENSIONS.has(extname(path).toLowerCase()) || count < 2) return { path, tasks: [{ path, missing } as Task] };
    const bytes = loadShared(path);
    const plan = planPieces(bytes, count, extname(path).toLowerCase() === '.tsv' ? '\t' : undefined);
    if (!plan) return { path, tasks: [{ path, missing } as Task] };
    return {
      path,
      tasks: plan.pieces.map(([start, end]) => ({ path, piece: { sab: bytes.buffer as SharedArrayBuffer, start, end, header: plan.header, delimiter: plan.delimiter, missing } }) as Task),
    };
  });
  const all = plans.flatMap((p) => p.tasks);
  const local = all[all.length - 1];
  // Piece errors are prefixed with their file here (whole-file reads already name it).
  const named = (t: Task, e: unknown): never => {
    const err = e as Error;
    if ('piece' in t && err.name === 'DataFormatError') throw new DataFormatError(`${t.path}: ${err.message}`);
    throw err;
  };
  const runHere = async (t: Task): Promise<Table> => {
    try {
      return 'piece' in t ? parsePiece(t.piece) : await readTableFile(t.path, { missing: t.missing });
    } catch (e) {
      return named(t, e);
    }
  };
  let results: Table[];
  try {
    // Workers start first; the last task is parsed here meanwhile.
    const entry = await workerEntry();
    const pending = all.map((t) => (t === local ? null : runInWorker(t, entry).catch((e) => named(t, e))));
    for (const p of pending) p?.catch(() => undefined); // awaited below; avoid unhandled rejections
    const here = await runHere(local);
    results = await Promise.all(pending.map((p) => p ?? Promise.resolve(here)));
  } catch (e) {
    if ((e as Error).name === 'DataFormatError') throw e;
    if (process.env.EDGEPROBE_DEBUG) process.stderr.write(`parallel read failed, reading in this thread: ${(e as Error).message}\n`);
    return Promise.all(paths.map((p) => readTableFile(p, { missing })));
  }
  let k = 0;
  return plans.map((plan) => {
    const parts = results.slice(k, k + plan.tasks.length);
    const tasks = plan.tasks;
    k += plan.tasks.length;
    if (parts.length === 1) return parts[0];
    // Columns that are text in one piece and numbers in another are read again as text, exactly.
    const mixed = mixedColumns(parts);
    const fixed = mixed.length ? tasks.map((t) => parsePiece({ ...(t as { piece: PieceTask }).piece, textColumns: mixed })) : parts;
    return concatTables(fixed);
  });
}
