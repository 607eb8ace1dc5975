// The collector over real HTTP with a real DuckDB file: intake checks, listing, deletion,
// persistence across a restart, and schema migrations of an older file.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector, type Collector, type CollectorOptions } from './intake.ts';
import { ResultStore } from './store.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { sampleDeviceResult } from '../../lib/devices/fixture.testing.ts';

const dirs: string[] = [];
const open: { server: Server; collector: Collector }[] = [];

function tempFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'ep-collector-'));
  dirs.push(d);
  return join(d, 'results.duckdb');
}

async function start(opts: CollectorOptions): Promise<{ url: string; collector: Collector; stop(): Promise<void> }> {
  const collector = await createCollector(opts);
  const server = createServer((req, res) => {
    collector.handle(req, res).then((handled) => handled || res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const entry = { server, collector };
  open.push(entry);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collector/v1`,
    collector,
    async stop() {
      open.splice(open.indexOf(entry), 1);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await collector.close();
    },
  };
}

const post = (url: string, body: string, type = 'application/json') => fetch(`${url}/results`, { method: 'POST', body, headers: { 'Content-Type': type } });

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.server.closeAllConnections();
    await new Promise((r) => o.server.close(r));
    await o.collector.close();
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('collector intake', () => {
  it('stores well-formed results and lists them, as JSON and CSV', async () => {
    const c = await start({ file: tempFile() });
    const r1 = await post(c.url, JSON.stringify(sampleDeviceResult({ p50: 3 })));
    expect(r1.status).toBe(201);
    expect((await r1.json()).ids).toEqual([1]);
    const r2 = await post(c.url, JSON.stringify([sampleDeviceResult({ p50: 5 }), sampleDeviceResult({ p50: 7 })]));
    expect((await r2.json()).ids).toEqual([2, 3]);
    const list = await (await fetch(`${c.url}/results`)).json();
    expect(list.results.map((r: { stats: { p50: number } }) => r.stats.p50)).toEqual([3, 5, 7]);
    expect(list.results[0].device.cores).toBe(8);
    expect(typeof list.results[0].receivedAt).toBe('string');
    const csv = await (await fetch(`${c.url}/results?format=csv`)).text();
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv.split('\n')[1]).toContain('Android 10');
    expect((await (await fetch(c.url)).json()).results).toBe(3);
  });

  it('answers 400 to malformed, oversized or partly bad bodies, and stores nothing', async () => {
    const c = await start({ file: tempFile(), maxBodyBytes: 4096 });
    const bad = { ...sampleDeviceResult(), stats: { n: 1 } };
    const cases: [string, RegExp][] = [
      ['{not json', /not JSON/],
      [JSON.stringify(bad), /stats\.mean: is missing/],
      [JSON.stringify([sampleDeviceResult(), bad]), /result 1: .*nothing was stored/],
      [JSON.stringify({ ...sampleDeviceResult(), device: { ...sampleDeviceResult().device, userAgent: 'x'.repeat(5000) } }), /at most 4096/],
      ['[]', /no result/],
    ];
    for (const [body, message] of cases) {
      const r = await post(c.url, body);
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatch(message);
    }
    expect(await c.collector.store.count()).toBe(0);
    expect((await post(c.url, JSON.stringify(sampleDeviceResult()), 'application/xml')).status).toBe(415);
  });

  it('rate-limits one client (429 with Retry-After)', async () => {
    const c = await start({ file: tempFile(), rate: { perMinute: 1, burst: 2 } });
    expect((await post(c.url, JSON.stringify(sampleDeviceResult()))).status).toBe(201);
    expect((await post(c.url, JSON.stringify(sampleDeviceResult()))).status).toBe(201);
    const r = await post(c.url, JSON.stringify(sampleDeviceResult()));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await c.collector.store.count()).toBe(2);
  });

  it('deletes one result; 404 for an unknown id', async () => {
    const c = await start({ file: tempFile() });
    await post(c.url, JSON.stringify([sampleDeviceResult({ p50: 1 }), sampleDeviceResult({ p50: 2 })]));
    expect((await fetch(`${c.url}/results/1`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${c.url}/results/1`, { method: 'DELETE' })).status).toBe(404);
    const list = await (await fetch(`${c.url}/results`)).json();
    expect(list.results.map((r: { id: number }) => r.id)).toEqual([2]);
  });

  it('keeps results across a restart of the collector', async () => {
    const file = tempFile();
    const a = await start({ file });
    await post(a.url, JSON.stringify(sampleDeviceResult({ p50: 9 })));
    await a.stop();
    const b = await start({ file });
    const list = await (await fetch(`${b.url}/results`)).json();
    expect(list.results).toHaveLength(1);
    expect(list.results[0].stats.p50).toBe(9);
  });
});

describe('collector database migrations', () => {
  it('upgrades a version-1 file to the current version and fills the new columns', async () => {
    const file = tempFile();
    const v1 = await ResultStore.open(file, 1);
    expect(v1.migrated).toEqual({ from: 0, to: 1 });
    // Written as version 1 wrote rows (no p50_ms / budget_pass columns yet).
    const { DuckDBInstance } = await import('@duckdb/node-api');
    await v1.close();
    const inst = await DuckDBInstance.create(file);
    const conn = await inst.connect();
    const r = sampleDeviceResult({ p50: 6, pass: true });
    await conn.run('INSERT INTO results (received_at, model_sha256, model_name, body) VALUES ($1, $2, $3, $4)', ['2026-01-01T00:00:00Z', r.model.sha256, r.model.name, JSON.stringify(r)]);
    conn.closeSync();
    inst.closeSync();
    const cur = await ResultStore.open(file);
    expect(cur.migrated).toEqual({ from: 1, to: SCHEMA_VERSION });
    expect((await cur.list())[0]!.stats.p50).toBe(6);
    await cur.close();
    const inst2 = await DuckDBInstance.create(file);
    const conn2 = await inst2.connect();
    const rows = (await conn2.runAndReadAll('SELECT p50_ms, budget_pass FROM results')).getRowsJS();
    expect(rows).toEqual([[6, true]]);
    conn2.closeSync();
    inst2.closeSync();
  });
});

describe('collector store', () => {
  it('commits inserts that arrive while a write is under way (none left pending)', async () => {
    const store = await ResultStore.open(tempFile());
    try {
      const first = await Promise.all(Array.from({ length: 40 }, (_, i) => store.insert([sampleDeviceResult({ p50: i + 1 })])));
      // Each awaited insert followed at once by the next: the case that once stranded a record.
      for (let i = 0; i < 5; i++) await store.insert([sampleDeviceResult()]);
      expect(first.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await store.count()).toBe(45);
    } finally {
      await store.close();
    }
  });
});
