// Benchmark history on this device: results in IndexedDB (database "edgeprobe-bench", store
// "results", keyed by result id), listed newest first, exported as JSON/CSV and imported again.
import { parseBenchImport, parseBenchResult, toCsv } from '../../lib/bench/export.ts';
import { fastestConfig } from '../../lib/bench/compare.ts';
import type { BenchResult } from '../../lib/bench/types.ts';

const DB = 'edgeprobe-bench';
const STORE = 'results';

export class HistoryError extends Error {
  override name = 'HistoryError';
}

/** One row of the history list. */
export interface HistoryEntry {
  id: string;
  date: string;
  model: string;
  runtime: string;
  configs: number;
  fastestLabel: string | null;
  /** ms */
  fastestP50: number | null;
}

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new HistoryError('this browser has no IndexedDB: results cannot be kept on the device'));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new HistoryError(`could not open the results database: ${req.error?.message ?? 'unknown error'}`));
  });
  dbPromise.catch(() => { dbPromise = null; });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const store = (await db()).transaction(STORE, mode).objectStore(STORE);
  return new Promise<T | undefined>((resolve, reject) => {
    const req = fn(store);
    const t = store.transaction;
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(new HistoryError(`the results database failed: ${t.error?.message ?? 'unknown error'}`));
    t.onabort = () => reject(new HistoryError(`the results database refused the change: ${t.error?.message ?? 'aborted (storage full?)'}`));
  });
}

export function summarizeEntry(r: BenchResult): HistoryEntry {
  const best = fastestConfig(r.configs);
  return {
    id: r.id, date: r.fingerprint.date, model: r.model.name, runtime: r.fingerprint.runtime, configs: r.configs.length,
    fastestLabel: best?.label ?? null, fastestP50: best?.compute?.p50 ?? null,
  };
}

/** Save (or replace) a result. */
export async function saveResult(r: BenchResult): Promise<void> {
  // Results are plain data ($state.raw, never proxied): IndexedDB clones them itself, and a JSON
  // round trip of 100 000+ samples would be a long task on the main thread.
  await tx('readwrite', (s) => s.put(r));
}

/** Results saved by an older version lack rounds, shapes and decisions: fill them in as an import would. */
function upgrade(r: BenchResult): BenchResult {
  try {
    return parseBenchResult(r);
  } catch {
    return r;
  }
}

export async function getResult(id: string): Promise<BenchResult | undefined> {
  const r = await tx<BenchResult>('readonly', (s) => s.get(id));
  return r && upgrade(r);
}

export async function allResults(): Promise<BenchResult[]> {
  const all = ((await tx<BenchResult[]>('readonly', (s) => s.getAll())) ?? []).map(upgrade);
  return all.sort((a, b) => b.fingerprint.date.localeCompare(a.fingerprint.date));
}

/** Newest first. */
export async function listResults(): Promise<HistoryEntry[]> {
  return (await allResults()).map(summarizeEntry);
}

export async function deleteResult(id: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(id));
}

/** Every saved result as one JSON array (the import format), or CSV rows of all their configs. */
export async function exportHistory(format: 'json' | 'csv', ids?: string[]): Promise<string> {
  const all = (await allResults()).filter((r) => !ids || ids.includes(r.id));
  return format === 'json' ? JSON.stringify(all, null, 1) : toCsv(all);
}

/** Import a result or an array of results (JSON text); returns how many were stored. */
export async function importHistory(text: string): Promise<number> {
  const results = parseBenchImport(text);
  for (const r of results) await saveResult(r);
  return results.length;
}
