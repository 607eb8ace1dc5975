// The collector database's schema, as numbered migrations. The version lives in the database
// (table schema_version); opening a file runs the missing steps in one transaction each.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Migration {
  version: number;
  /** What the step changes, for the log and the tests. */
  what: string;
  up(c: DuckDBConnection): Promise<void>;
}

/** Newest schema version this code writes. */
export const SCHEMA_VERSION = 2;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'results: one row per device result, the validated record kept whole as JSON text',
    async up(c) {
      await c.run('CREATE SEQUENCE result_id START 1');
      await c.run(`CREATE TABLE results (
        id BIGINT PRIMARY KEY DEFAULT nextval('result_id'),
        received_at VARCHAR NOT NULL,
        model_sha256 VARCHAR NOT NULL,
        model_name VARCHAR NOT NULL,
        body VARCHAR NOT NULL)`);
    },
  },
  {
    version: 2,
    what: 'results: p50_ms and budget_pass columns (filled from the stored records) for listing and summaries',
    async up(c) {
      await c.run('ALTER TABLE results ADD COLUMN p50_ms DOUBLE');
      await c.run('ALTER TABLE results ADD COLUMN budget_pass BOOLEAN');
      const rows = (await c.runAndReadAll('SELECT id, body FROM results')).getRowsJS() as [bigint, string][];
      for (const [id, body] of rows) {
        const r = JSON.parse(body) as { stats: { p50: number }; budget: { pass: boolean } | null };
        await c.run('UPDATE results SET p50_ms = $1, budget_pass = $2 WHERE id = $3', [r.stats.p50, r.budget?.pass ?? null, id]);
      }
    },
  },
];

/** The schema version of an open database (0 for a new, empty one). */
export async function schemaVersion(c: DuckDBConnection): Promise<number> {
  await c.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const rows = (await c.runAndReadAll('SELECT max(version) FROM schema_version')).getRowsJS() as [number | null][];
  return rows[0]?.[0] ?? 0;
}

/**
 * Bring the database up to `target` (default SCHEMA_VERSION). Each step and its version bump
 * commit together, so a failed step leaves the previous version intact.
 * @throws Error when the file was written by a newer edgeprobe (its version is above ours).
 */
export async function migrate(c: DuckDBConnection, target = SCHEMA_VERSION): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(c);
  if (from > SCHEMA_VERSION) {
    throw Object.assign(new Error(`the collector database has schema version ${from}, newer than this edgeprobe's ${SCHEMA_VERSION}: upgrade edgeprobe or use another --collect file`), { name: 'CollectorDatabaseError' });
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > target) continue;
    await c.run('BEGIN TRANSACTION');
    try {
      await m.up(c);
      await c.run('INSERT INTO schema_version VALUES ($1)', [m.version]);
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK');
      throw e;
    }
  }
  return { from, to: Math.max(from, Math.min(target, SCHEMA_VERSION)) };
}
