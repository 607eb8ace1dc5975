// Model folders kept on this device: the files of a picked or dropped Hugging Face-style folder
// (model.onnx + external data, tokenizer.json, configs) in the app database's "modelFolders" store,
// so the text model comes back after a reload, offline. One record per folder, keyed by the model's sha256.
import { database, type StoredFolder } from './db.ts';
import type { FolderFile } from '../../lib/text/folder.ts';

/** Thrown when a folder cannot be kept or read back (no IndexedDB, quota exceeded, record gone). */
export class StoredFolderError extends Error {
  override name = 'StoredFolderError';
}

/** A kept folder as listed (without its bytes). */
export type KeptFolder = Omit<StoredFolder, 'files'> & { fileNames: string[] };

async function withDb<T>(what: string, fn: (db: Awaited<ReturnType<typeof database>>) => Promise<T>): Promise<T> {
  const db = await database().catch((e: Error) => {
    throw new StoredFolderError(`${what}: ${e.message}`);
  });
  try {
    return await fn(db);
  } catch (e) {
    const quota = (e as Error).name === 'QuotaExceededError';
    throw new StoredFolderError(`${what}: ${quota ? 'not enough storage on this device (remove kept models or free space in the browser)' : (e as Error).message || 'the database refused the change'}`);
  }
}

/** Keep a folder's files; replaces an earlier copy of the same model (sha256). */
export async function keepFolder(f: { sha256: string; name: string; files: readonly FolderFile[] }): Promise<void> {
  const files = f.files.map((x) => ({ name: x.name.split(/[\\/]/).pop() ?? x.name, data: new Blob([x.data as Uint8Array<ArrayBuffer>]) }));
  const record: StoredFolder = { sha256: f.sha256, name: f.name, savedAt: Date.now(), bytes: files.reduce((s, x) => s + x.data.size, 0), files };
  await withDb(`Could not keep the folder ${f.name}`, (db) => db.put('modelFolders', record));
  // Ask once that kept models survive storage pressure; the browser may say no.
  await globalThis.navigator?.storage?.persist?.().catch(() => false);
}

/** Every kept folder, newest first (names and sizes only). */
export async function listKeptFolders(): Promise<KeptFolder[]> {
  if (typeof indexedDB === 'undefined') return [];
  return withDb('Could not list the kept folders', async (db) => {
    const out: KeptFolder[] = [];
    // The files are Blobs: a record read here carries handles, not the model bytes.
    let cursor = await db.transaction('modelFolders').store.openCursor();
    while (cursor) {
      const { files, ...rest } = cursor.value;
      out.push({ ...rest, fileNames: files.map((x) => x.name) });
      cursor = await cursor.continue();
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  });
}

/** The files of a kept folder, as they were picked. */
export async function readKeptFolder(sha256: string): Promise<{ name: string; files: FolderFile[] }> {
  const r = await withDb('Could not read the kept folder', (db) => db.get('modelFolders', sha256));
  if (!r) throw new StoredFolderError(`The kept folder ${sha256.slice(0, 12)}… is no longer on this device (removed here or in another tab, or evicted by the browser).`);
  try {
    const files = await Promise.all(r.files.map(async (x) => ({ name: x.name, data: new Uint8Array(await x.data.arrayBuffer()) })));
    return { name: r.name, files };
  } catch (e) {
    throw new StoredFolderError(`The kept folder ${r.name} could not be read back (${(e as Error).message}); remove it and choose the folder again.`);
  }
}

/** Remove a kept folder. */
export async function removeKeptFolder(sha256: string): Promise<void> {
  await withDb('Could not remove the kept folder', (db) => db.delete('modelFolders', sha256));
}
