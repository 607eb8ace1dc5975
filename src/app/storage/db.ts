// The app's one IndexedDB database ("edgeprobe", on idb): typed stores, versioned migrations, and a
// one-time import of the databases earlier versions kept ("edgeprobe-bench", "edgeprobe-feedback",
// "edgeprobe-outbox"), so existing users keep their benchmark history, demo feedback and unsent results.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';
import type { BenchResult } from '../../lib/bench/types.ts';
import type { FeedbackRecord } from '../state/feedback-record.ts';
import type { PendingBatch } from '../state/pending-batch.ts';

/** A model folder as kept: every file it was read from, by name, with its bytes. */
export interface StoredFolder {
  /** sha256 of the model file (the key). */
  sha256: string;
  /** The folder's name as the user chose it. */
  name: string;
  /** ms since the epoch when it was kept. */
  savedAt: number;
  /** All files together, bytes. */
  bytes: number;
  /** Blobs rather than arrays: the browser keeps them on disk, so listing folders reads no model bytes. */
  files: { name: string; data: Blob }[];
}

export interface EdgeprobeSchema extends DBSchema {
  /** Benchmark results, keyed by result id. */
  benchResults: { key: string; value: BenchResult };
  /** Demo feedback (a sample with the user's label), keyed by an auto id, indexed by model sha256. */
  feedback: { key: number; value: FeedbackRecord; indexes: { modelSha: string } };
  /** Bookkeeping: which one-time imports have run. */
  meta: { key: string; value: boolean };
  /** Model folders (model.onnx + tokenizer + configs, several files) kept on the device, keyed by
   * the model file's sha256 (version 2). */
  modelFolders: { key: string; value: StoredFolder };
  /** Device results a collector has not taken yet (busy or unreachable), keyed by an auto id
   * (version 3; before, the database "edgeprobe-outbox"). */
  outbox: { key: number; value: PendingBatch };
}

export type EdgeprobeDb = IDBPDatabase<EdgeprobeSchema>;

export const DB_NAME = 'edgeprobe';

/**
 * Each migration brings the database from version i to i + 1 inside the upgrade transaction;
 * DB_VERSION is their count. Append, never edit: a user may be on any earlier version.
 */
const MIGRATIONS: ((db: EdgeprobeDb) => void)[] = [
  (db) => {
    db.createObjectStore('benchResults', { keyPath: 'id' });
    db.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true }).createIndex('modelSha', 'modelSha');
    db.createObjectStore('meta');
  },
  (db) => {
    db.createObjectStore('modelFolders', { keyPath: 'sha256' });
  },
  (db) => {
    db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
  },
];
export const DB_VERSION = MIGRATIONS.length;

/** Databases of earlier versions: their one store is copied into ours on first open, then deleted. */
const LEGACY: { name: string; store: string; into: StoreNames<EdgeprobeSchema> & ('benchResults' | 'feedback' | 'outbox') }[] = [
  { name: 'edgeprobe-bench', store: 'results', into: 'benchResults' },
  { name: 'edgeprobe-feedback', store: 'feedback', into: 'feedback' },
  { name: 'edgeprobe-outbox', store: 'pending', into: 'outbox' },
];

export class StorageError extends Error {
  override name = 'StorageError';
}

let opened: Promise<EdgeprobeDb> | null = null;

/** The database, opened (and migrated) once per page. StorageError when the browser has none. */
export function database(): Promise<EdgeprobeDb> {
  opened ??= (async () => {
    if (typeof indexedDB === 'undefined') throw new StorageError('this browser has no IndexedDB: nothing can be kept on the device');
    let db: EdgeprobeDb;
    try {
      db = await openDB<EdgeprobeSchema>(DB_NAME, DB_VERSION, {
        upgrade(d, oldVersion) {
          for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(d);
        },
      });
    } catch (e) {
      throw new StorageError(`could not open the on-device database: ${(e as Error).message}`);
    }
    await importLegacy(db);
    return db;
  })();
  opened.catch(() => (opened = null));
  return opened;
}

/** For tests: forget the open database (the next call opens it again). */
export async function closeDatabase(): Promise<void> {
  const db = await opened?.catch(() => null);
  db?.close();
  opened = null;
}

/** Copy each earlier database's records in (keeping their keys), once; then delete it. */
async function importLegacy(db: EdgeprobeDb): Promise<void> {
  for (const legacy of LEGACY) {
    const flag = `imported:${legacy.name}`;
    if (await db.get('meta', flag)) continue;
    // databases() tells whether it exists without creating it, where the browser has it.
    const known = await indexedDB.databases?.().catch(() => undefined);
    let records: unknown[] = [];
    if (!known || known.some((d) => d.name === legacy.name)) {
      const old = await openDB(legacy.name);
      if (old.objectStoreNames.contains(legacy.store)) records = await old.getAll(legacy.store);
      old.close();
    }
    const tx = db.transaction([legacy.into, 'meta'], 'readwrite');
    for (const r of records) await tx.objectStore(legacy.into).put(r as never);
    await tx.objectStore('meta').put(true, flag);
    await tx.done;
    // Not awaited: another open tab of an older version would block the deletion until it closes.
    void deleteDB(legacy.name).catch(() => undefined);
  }
}
