// Worker-thread entry for `edgeprobe drift`: reads one data file, or parses one piece of a CSV
// file held in shared memory, and posts the Table back with its typed-array buffers transferred.
import { parentPort, workerData } from 'node:worker_threads';
import { readTableFile } from './drift-io.ts';
import { parsePiece, type PieceTask } from './csv-pieces.ts';
import type { Table } from '../lib/data/table.ts';

const task = workerData as { path: string; missing?: string[] } | { piece: PieceTask };
try {
  const table: Table = 'piece' in task ? parsePiece(task.piece) : await readTableFile(task.path, { missing: task.missing });
  const buffers = table.columns.map((c) => (c.kind === 'number' ? c.values.buffer : c.codes.buffer));
  parentPort!.postMessage({ ok: true, table }, buffers as ArrayBuffer[]);
} catch (e) {
  const err = e as Error;
  parentPort!.postMessage({ ok: false, name: err.name, message: err.message });
}
