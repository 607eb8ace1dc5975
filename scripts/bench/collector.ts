// The collector's speed (`npx tsx scripts/bench/collector.ts`): results accepted per second over
// HTTP (POST /collector/v1/results, one result a request, 16 clients, DuckDB file on disk), and the
// time to list 100,000 results (store query + JSON over HTTP). Loopback only; a temporary file.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeRequest, LeanConnection } from '../../src/cli/load-socket.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCollector } from '../../src/server/collector/intake.ts';
import { sampleDeviceResult } from '../../src/lib/devices/fixture.testing.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '3' }, rows: { type: 'string', default: '100000' }, clients: { type: 'string', default: '16' } } });
const durationMs = Number(values.duration) * 1000;
const rows = Number(values.rows);
const clients = Number(values.clients);
const dir = mkdtempSync(join(tmpdir(), 'ep-collector-bench-'));
const file = join(dir, 'bench.duckdb');
const collector = await createCollector({ file, rate: { perMinute: 1e9, burst: 1e9 } });
const server = createServer((req, res) => void collector.handle(req, res));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/collector/v1`;
const target = new URL(`${base}/results`);
try {
  let accepted = 0;
  let refused = 0;
  const end = performance.now() + durationMs;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    // edgeprobe load's keep-alive connection: one write per request, no per-request client overhead.
    const conn = new LeanConnection(target);
    for (let i = 0; performance.now() < end; i++) {
      const body = Buffer.from(JSON.stringify(sampleDeviceResult({ p50: 1 + ((c * 1000 + i) % 97) / 10 })));
      const { status } = await conn.send(encodeRequest(target, body, 'application/json'), 30_000);
      if (status === 201) accepted++;
      else refused++;
    }
    conn.close();
  }));
  const secs = (performance.now() - t0) / 1000;
  console.log(`collector intake: ${(accepted / secs).toFixed(0)} results accepted per second (${accepted} in ${secs.toFixed(1)} s, ${clients} clients, one result a request, refused ${refused}; DuckDB file, committed before each 201)`);

  const have = await collector.store.count();
  const batch = Array.from({ length: 256 }, (_, i) => sampleDeviceResult({ p50: 1 + i / 100 }));
  for (let n = have; n < rows; n += batch.length) await collector.store.insert(batch.slice(0, Math.min(batch.length, rows - n)));
  const total = await collector.store.count();
  let t = performance.now();
  const listed = await collector.store.list();
  const storeMs = performance.now() - t;
  t = performance.now();
  const res = await fetch(`${base}/results`);
  const text = await res.text();
  const httpMs = performance.now() - t;
  const parsed = (JSON.parse(text) as { results: unknown[] }).results.length;
  console.log(`collector list: ${total} results in ${storeMs.toFixed(0)} ms from the store, ${httpMs.toFixed(0)} ms as JSON over HTTP (${(text.length / 1e6).toFixed(1)} MB, ${parsed} parsed; ${listed.length} listed); file ${(statSync(file).size / 1e6).toFixed(1)} MB`);
} finally {
  server.closeAllConnections();
  server.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
}
