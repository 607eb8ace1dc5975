// Reads a model file for serving: only a regular file (not a device, FIFO, socket or directory:
// `/dev/zero` would never end) under a size cap, with symlinks resolved so the real file is reported.
import { open, lstat, realpath, stat, type FileHandle } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { ModelLoadError } from '../lib/model/errors.ts';

/** Default largest model: 2 GiB, the protobuf limit of a single ONNX file (external data aside). */
export const DEFAULT_MAX_MODEL_BYTES = 2 * 1024 ** 3;

/** A model file read from disk: `path` is the resolved real path; `linkedFrom` the symlink given. */
export interface ModelFile {
  bytes: Uint8Array;
  path: string;
  linkedFrom?: string;
  size: number;
}

/** What a non-regular file is, in words. */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function sizeText(n: number): string {
  return n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Read `path` as a model: symlinks resolved, a regular file of at most `maxBytes`.
 * @throws ModelLoadError naming the path (and the link target), the kind found, or the size and cap.
 */
export async function readModelFile(path: string, maxBytes = DEFAULT_MAX_MODEL_BYTES): Promise<ModelFile> {
  let link: Stats;
  try {
    link = await lstat(path);
  } catch (e) {
    throw new ModelLoadError(`cannot read model file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new ModelLoadError(`model file ${path} is a symbolic link whose target does not exist`);
  }
  // A link anywhere on the way (the file or a folder above it) is reported with its target.
  const linked = link.isSymbolicLink() || real !== resolve(path);
  const shown = !linked ? path : `${path} (a symbolic link to ${real})`;
  const before = await stat(real);
  if (!before.isFile()) throw new ModelLoadError(`model file ${shown} is ${fileKind(before)}, not a regular file; pass an .onnx file`);
  let fh: FileHandle;
  try {
    // O_NONBLOCK: if the path became a FIFO since the check, opening it must not wait for a writer.
    fh = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new ModelLoadError(`cannot read model file ${shown}: ${(e as Error).message}`);
  }
  try {
    // Checked on the open file, so a file swapped after the check is not what gets read.
    const st = await fh.stat();
    if (!st.isFile()) throw new ModelLoadError(`model file ${shown} is ${fileKind(st)}, not a regular file; pass an .onnx file`);
    if (st.size > maxBytes) {
      throw new ModelLoadError(`model file ${shown} is ${sizeText(st.size)}, over the limit of ${sizeText(maxBytes)} (--max-model-bytes)`);
    }
    const bytes = new Uint8Array(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await fh.read(bytes, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const out: ModelFile = { bytes: got === st.size ? bytes : bytes.subarray(0, got), path: real, size: got };
    if (linked) out.linkedFrom = path;
    return out;
  } finally {
    await fh.close();
  }
}
