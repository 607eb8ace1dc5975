// Worker-thread entry for `edgeprobe drift`: reads one data file and posts the Table back, with
// its typed-array buffers transferred (so reference and current are parsed on two cores).
import { parentPort, workerData } from 'node:worker_threads';
import { readTableFile } from './drift-io.ts';

const { path, columns } = workerData as { path: string; columns?: string[] };
try {
  const table = await readTableFile(path, { columns });
  const buffers = table.columns.map((c) => (c.kind === 'number' ? c.values.buffer : c.codes.buffer));
  parentPort!.postMessage({ ok: true, table }, buffers as ArrayBuffer[]);
} catch (e) {
  const err = e as Error;
  parentPort!.postMessage({ ok: false, name: err.name, message: err.message });
}
