// Bounded loopback load test of the baseline server (`npx tsx scripts/bench/server-load.ts`).
// Starts `edgeprobe serve` on 127.0.0.1 in a child process, then drives POST /infer with
// autocannon at increasing concurrency for a few seconds each and prints req/s, p50/p99 latency
// and errors; reports the highest concurrency answered with zero errors. Only 127.0.0.1 is used.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    duration: { type: 'string', default: '3' },
    levels: { type: 'string', default: '1,8,32,128,256' },
    workers: { type: 'string' },
    queue: { type: 'string' },
    json: { type: 'string' },
  },
});
const model = values.model ?? (existsSync('public/models/digits.onnx') ? 'public/models/digits.onnx' : 'tests/fixtures/server/add.onnx');
const duration = Math.min(30, Math.max(1, Number(values.duration)));
const levels = values.levels!.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 1024);

interface Level {
  connections: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status503: number;
}

function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const args = [model, '--host', '127.0.0.1', '--port', '0'];
  if (values.workers) args.push('--workers', values.workers);
  if (values.queue) args.push('--queue', values.queue);
  const code = `import('./src/cli/serve.ts').then((m) => m.serveCommand(${JSON.stringify(args)})).then((c) => process.exit(c))`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let listening = false;
    child.stdout.on('data', (d: Buffer) => {
      if (listening) return void process.stdout.write(d);
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\/v2/.exec(out);
      if (m) {
        listening = true;
        process.stdout.write(out);
        resolve({
          url: m[1]!,
          stop: () => new Promise((r) => {
            child.once('exit', () => r());
            child.kill('SIGINT');
          }),
        });
      }
    });
    child.once('exit', (c) => reject(new Error(`server exited with code ${c} before listening:\n${out}`)));
  });
}

/** A request body for the model: -1 dims become 1, values a fixed pseudo-random pattern. */
async function requestBody(url: string, name: string): Promise<string> {
  const meta = (await (await fetch(`${url}/v2/models/${name}`)).json()) as { inputs: { name: string; datatype: string; shape: number[] }[] };
  const inputs = meta.inputs.map((t) => {
    const shape = t.shape.map((d) => (d < 0 ? 1 : d));
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, (_, i) => {
      if (t.datatype === 'BOOL') return i % 2 === 0;
      if (t.datatype === 'BYTES') return `s${i}`;
      if (t.datatype.startsWith('FP')) return ((i * 7919) % 1000) / 1000;
      return i % 2;
    });
    return { name: t.name, shape, datatype: t.datatype, data };
  });
  return JSON.stringify({ inputs });
}

async function runLevel(url: string, path: string, body: string, connections: number): Promise<Level> {
  const r = await autocannon({
    url: `${url}${path}`, method: 'POST', body, connections, duration, timeout: 10,
    headers: { 'content-type': 'application/json' },
  });
  const codes = (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return {
    connections, requests: r.requests.total, reqPerSec: r.requests.average,
    p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max,
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, status503: codes['503']?.count ?? 0,
  };
}

const name = model.split('/').pop()!.replace(/\.onnx$/i, '');
const server = await startServer();
const results: Level[] = [];
try {
  const body = await requestBody(server.url, name);
  const path = `/v2/models/${name}/infer`;
  // Short warm-up so the first level does not pay for lazy initialisation.
  await autocannon({ url: `${server.url}${path}`, method: 'POST', body, connections: 1, amount: 50, headers: { 'content-type': 'application/json' } });
  console.log(`\nmodel ${name}, ${duration} s per level, body ${body.length} bytes`);
  console.log('conns    req/s   p50 ms   p99 ms   max ms   errors  timeouts  non-2xx (503)');
  for (const c of levels) {
    const l = await runLevel(server.url, path, body, c);
    results.push(l);
    console.log(`${String(c).padStart(5)} ${l.reqPerSec.toFixed(0).padStart(8)} ${l.p50Ms.toFixed(1).padStart(8)} ${l.p99Ms.toFixed(1).padStart(8)} ${l.maxMs.toFixed(1).padStart(8)} ${String(l.errors).padStart(8)} ${String(l.timeouts).padStart(9)} ${String(l.non2xx).padStart(8)} (${l.status503})`);
  }
  const live = await fetch(`${server.url}/v2/health/live`);
  console.log(`health/live after the load: ${live.status}`);
} finally {
  await server.stop();
}
const clean = results.filter((l) => l.errors === 0 && l.timeouts === 0 && l.non2xx === 0);
const best = clean.length > 0 ? Math.max(...clean.map((l) => l.connections)) : 0;
console.log(`highest concurrency with zero errors: ${best || 'none'}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ model, duration, results, zeroErrorConcurrency: best }, null, 2));
