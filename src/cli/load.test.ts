// `edgeprobe load` end to end: the CLI process against an independent OIP v2 server written here
// (plain node:http, no edgeprobe code), and against a TF Serving-style :predict endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseLoadResult } from '../lib/load/summary.ts';
import { runCli } from './cli-process.testing.ts';

const root = resolve(import.meta.dirname, '../..');
let server: Server;
let base = '';
let dir = '';
const seen = { oip: 0, tf: 0 };

const cli = runCli;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ep-load-'));
  // A model "sum" with one FP32 input [-1, 3]: answers the row sums, the OIP v2 way.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = (status: number, v: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(v));
      if (req.method === 'GET' && req.url === '/v2/models/sum') return json(200, { name: 'sum', platform: 'test', inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3] }], outputs: [{ name: 'y', datatype: 'FP32', shape: [-1] }] });
      if (req.method === 'POST' && req.url === '/v2/models/sum/infer') {
        seen.oip++;
        const x = (JSON.parse(body) as { inputs: { shape: number[]; data: number[] }[] }).inputs[0]!;
        const rows = x.shape[0]!;
        const y = Array.from({ length: rows }, (_, r) => x.data.slice(r * 3, r * 3 + 3).reduce((a, b) => a + b, 0));
        return json(200, { model_name: 'sum', outputs: [{ name: 'y', datatype: 'FP32', shape: [rows], data: y }] });
      }
      if (req.method === 'POST' && req.url === '/v1/models/sum:predict') {
        seen.tf++;
        const x = (JSON.parse(body) as { inputs: { x: number[][] } }).inputs.x;
        return json(200, { outputs: x.map((row) => row.reduce((a, b) => a + b, 0)) });
      }
      json(404, { error: 'no such route' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('edgeprobe load', () => {
  it('sweeps concurrency levels against an OIP v2 server: throughput > 0 and p50 ≤ p90 ≤ p99 per level', async () => {
    const out = join(dir, 'load.json');
    const r = await cli(['load', '--baseline', base, '--baseline-model', 'sum', '--concurrency', '1,2,4', '--duration', '0.5', '--warmup', '0.2', '--shape', 'x=2,3', '--json', out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const res = parseLoadResult(JSON.parse(readFileSync(out, 'utf8')));
    expect(res.levels.map((l) => l.concurrency)).toEqual([1, 2, 4]);
    for (const l of res.levels) {
      expect(l.throughputPerSec).toBeGreaterThan(0);
      expect(l.errorCount).toBe(0);
      expect(l.p50).toBeLessThanOrEqual(l.p90);
      expect(l.p90).toBeLessThanOrEqual(l.p99);
    }
    expect(r.stdout).toMatch(/concurrency +4 .* req\/s/);
    expect(seen.oip).toBeGreaterThan(3);
  });

  it('stops when p99 passes --max-latency', async () => {
    const r = await cli(['load', '--baseline', base, '--baseline-model', 'sum', '--concurrency', '1,2,4', '--duration', '0.3', '--warmup', '0', '--max-latency', '0.001']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stopped: p99 .* passed --max-latency .* at concurrency 1/);
    expect(r.stdout).not.toMatch(/concurrency +2 /);
  });

  it('drives a TF Serving :predict endpoint from an OIP samples file', async () => {
    const samples = join(dir, 'samples.jsonl');
    writeFileSync(samples, `${JSON.stringify({ inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] })}\n`);
    const r = await cli(['load', '--baseline', base, '--baseline-model', 'sum', '--protocol', 'tfserving', '--samples', samples, '--concurrency', '2', '--duration', '0.3', '--warmup', '0']);
    expect(r.code).toBe(0);
    expect(seen.tf).toBeGreaterThan(1);
  });

  it('names the problem: unknown model (exit 2), unreachable server (exit 2)', async () => {
    const a = await cli(['load', '--baseline', base, '--baseline-model', 'nope', '--duration', '0.2']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/LoadError: .*HTTP 404/);
    const b = await cli(['load', '--baseline', 'http://127.0.0.1:1', '--baseline-model', 'sum']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/cannot be reached/);
  });
});
