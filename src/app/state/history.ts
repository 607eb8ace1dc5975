// Benchmark history on this device: results in the app's database (src/app/storage/db.ts, store
// "benchResults", keyed by result id), listed newest first, exported as JSON/CSV and imported again.
import { parseBenchImport, parseBenchResult, toCsv } from '../../lib/bench/export.ts';
import { fastestConfig } from '../../lib/bench/compare.ts';
import type { BenchResult } from '../../lib/bench/types.ts';
import { database, type EdgeprobeDb } from '../storage/db.ts';

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

/** The results store of the app's database; a HistoryError saying what cannot be kept otherwise. */
async function results<T>(fn: (db: EdgeprobeDb) => Promise<T>): Promise<T> {
  let db: EdgeprobeDb;
  try {
    db = await database();
  } catch (e) {
    throw new HistoryError(`results cannot be kept on this device: ${(e as Error).message}`);
  }
  try {
    return await fn(db);
  } catch (e) {
    throw new HistoryError(`the results database refused the change: ${(e as Error).message || 'aborted (storage full?)'}`);
  }
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
  await results((db) => db.put('benchResults', r));
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
  const r = await results((db) => db.get('benchResults', id));
  return r && upgrade(r);
}

export async function allResults(): Promise<BenchResult[]> {
  const all = (await results((db) => db.getAll('benchResults'))).map(upgrade);
  return all.sort((a, b) => b.fingerprint.date.localeCompare(a.fingerprint.date));
}

/** Newest first. */
export async function listResults(): Promise<HistoryEntry[]> {
  return (await allResults()).map(summarizeEntry);
}

export async function deleteResult(id: string): Promise<void> {
  await results((db) => db.delete('benchResults', id));
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
