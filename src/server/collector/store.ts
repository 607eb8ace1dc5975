// The collector's store: device results in an embedded DuckDB file (durable on commit, written
// off the event loop). Inserts arriving together share one transaction (group commit).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeviceResult, StoredDeviceResult } from '../../lib/devices/result.ts';
import { migrate } from './migrations.ts';

export interface ListOptions {
  /** Only results for this model sha256. */
  model?: string;
  /** At most this many, newest last (default all). */
  limit?: number;
}

/** Most rows one group-commit transaction inserts. */
const BATCH = 256;

export class ResultStore {
  private pending: { records: DeviceResult[]; resolve(ids: number[]): void; reject(e: unknown): void }[] = [];
  private flushing: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId: number | null = null;

  private constructor(private readonly instance: DuckDBInstance, private readonly c: DuckDBConnection, readonly file: string, readonly migrated: { from: number; to: number }) {}

  /** Open (or create) the database file and bring its schema up to date. ':memory:' keeps nothing. */
  static async open(file: string, targetVersion?: number): Promise<ResultStore> {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file);
    const c = await instance.connect();
    try {
      const migrated = await migrate(c, targetVersion);
      return new ResultStore(instance, c, file, migrated);
    } catch (e) {
      c.closeSync();
      instance.closeSync();
      throw e;
    }
  }

  /** One statement at a time on the connection. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(f, f);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Store validated records together; resolves with their ids once committed. */
  insert(records: DeviceResult[]): Promise<number[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Write pending batches until none is left. */
  private async flush(): Promise<void> {
    try {
      await this.drain();
    } finally {
      this.flushing = null;
      // An insert that came in while the last write resolved found `flushing` still set.
      if (this.pending.length > 0) this.flushing = this.flush();
    }
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      // The commit (appender flush) holds the thread for an fsync: first let the requests that
      // arrived meanwhile reach the queue, so one commit carries them all.
      await new Promise((r) => setTimeout(r, 1));
      const batch: typeof this.pending = [];
      let rows = 0;
      while (this.pending.length > 0 && (rows === 0 || rows + this.pending[0]!.records.length <= BATCH)) {
        const next = this.pending.shift()!;
        batch.push(next);
        rows += next.records.length;
      }
      try {
        const ids = await this.serial(() => this.write(batch.flatMap((b) => b.records)));
        let at = 0;
        for (const b of batch) {
          b.resolve(ids.slice(at, at + b.records.length));
          at += b.records.length;
        }
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
  }

  /**
   * Append the rows and commit (DuckDB's appender: far cheaper than a parameterised INSERT for a
   * batch). Ids come from this process's counter: DuckDB lets one process open the file, so no
   * other writer can take them.
   */
  private async write(records: DeviceResult[]): Promise<number[]> {
    this.nextId ??= Number((((await this.c.runAndReadAll('SELECT coalesce(max(id), 0) FROM results')).getRowsJS()[0]) as [bigint])[0]) + 1;
    const now = new Date().toISOString();
    const ids: number[] = [];
    const app = await this.c.createAppender('results');
    try {
      for (const r of records) {
        const id = this.nextId++;
        ids.push(id);
        // Column order: id, received_at, model_sha256, model_name, body (v1), p50_ms, budget_pass (v2).
        app.appendBigInt(BigInt(id));
        app.appendVarchar(now);
        app.appendVarchar(r.model.sha256);
        app.appendVarchar(r.model.name);
        app.appendVarchar(JSON.stringify(r));
        app.appendDouble(r.stats.p50);
        if (r.budget) app.appendBoolean(r.budget.pass);
        else app.appendNull();
        app.endRow();
      }
      app.flushSync();
    } catch (e) {
      // Nothing of a failed batch is kept: its ids are not reused either (harmless gaps).
      throw e;
    } finally {
      app.closeSync();
    }
    return ids;
  }

  /** Stored results in the order received. */
  list(opts: ListOptions = {}): Promise<StoredDeviceResult[]> {
    return this.serial(async () => {
      const where = opts.model ? 'WHERE model_sha256 = $1' : '';
      const limit = opts.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(opts.limit))}` : '';
      const res = await this.c.runAndReadAll(`SELECT id, received_at, body FROM results ${where} ORDER BY id${limit}`, opts.model ? [opts.model] : undefined);
      const cols = res.getColumnsJS() as [bigint[], string[], string[]] | [];
      if (cols.length === 0) return [];
      const [ids, received, bodies] = cols;
      const out: StoredDeviceResult[] = new Array(ids.length);
      for (let i = 0; i < ids.length; i++) out[i] = { ...(JSON.parse(bodies[i]!) as DeviceResult), id: Number(ids[i]), receivedAt: received[i]! };
      return out;
    });
  }

  count(): Promise<number> {
    return this.serial(async () => Number(((await this.c.runAndReadAll('SELECT count(*) FROM results')).getRowsJS()[0] as [bigint])[0]));
  }

  /** Delete one result; false when there is none with that id. */
  remove(id: number): Promise<boolean> {
    return this.serial(async () => {
      const res = await this.c.runAndReadAll('DELETE FROM results WHERE id = $1 RETURNING id', [id]);
      return res.getRowsJS().length > 0;
    });
  }

  /** Finish pending writes, then close the file (a checkpoint folds the WAL into it). */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.serial(async () => {
      await this.c.run('CHECKPOINT').catch(() => undefined);
      this.c.closeSync();
      this.instance.closeSync();
    });
  }
}
