// Bounded loopback load test of the baseline server (`npx tsx scripts/bench/server-load.ts`).
// Starts `edgeprobe serve` on 127.0.0.1 in a child process, then drives POST /infer with
// autocannon at increasing concurrency for a few seconds each and prints req/s, p50/p99 latency
// and errors; reports the highest concurrency answered with zero errors. Only loopback is used.
// autocannon is one client standing for many, so the per-client connection cap is raised
// (--client-cap); --slow N keeps N slow uploads (headers, then a trickle, from 127.0.0.2) open
// during the run, to see that they do not take the inference queue.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect, type Socket } from 'node:net';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    duration: { type: 'string', default: '3' },
    levels: { type: 'string', default: '1,8,32,128,256' },
    workers: { type: 'string' },
    queue: { type: 'string' },
    'client-cap': { type: 'string', default: '4096' },
    slow: { type: 'string', default: '0' },
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
  status429: number;
}

function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const args = [model, '--host', '127.0.0.1', '--port', '0', '--max-client-connections', values['client-cap']!];
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
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, status503: codes['503']?.count ?? 0, status429: codes['429']?.count ?? 0,
  };
}

/** `n` slow uploads from 127.0.0.2: infer headers with Content-Length 100000, one byte a second; reopened when the server closes one (408). */
function slowUploads(url: string, n: number): { stop(): void; closed(): number } {
  const u = new URL(url);
  const socks = new Set<Socket>();
  let closed = 0;
  let stopped = false;
  const open = () => {
    if (stopped) return;
    const s = connect({ port: Number(u.port), host: u.hostname, localAddress: '127.0.0.2' }, () => {
      s.write(`POST /v2/models/${name}/infer HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
    });
    const drip = setInterval(() => s.writable && s.write(' '), 1000);
    socks.add(s);
    s.on('error', () => undefined);
    s.on('close', () => {
      clearInterval(drip);
      socks.delete(s);
      closed++;
      open();
    });
  };
  for (let i = 0; i < n; i++) open();
  return {
    stop: () => {
      stopped = true;
      for (const s of socks) s.destroy();
    },
    closed: () => closed,
  };
}

const name = model.split('/').pop()!.replace(/\.onnx$/i, '');
const server = await startServer();
const results: Level[] = [];
const slowCount = Math.max(0, Math.min(1000, Number(values.slow) || 0));
let attack: ReturnType<typeof slowUploads> | undefined;
try {
  const body = await requestBody(server.url, name);
  const path = `/v2/models/${name}/infer`;
  // Short warm-up so the first level does not pay for lazy initialisation.
  await autocannon({ url: `${server.url}${path}`, method: 'POST', body, connections: 1, amount: 50, headers: { 'content-type': 'application/json' } });
  if (slowCount > 0) {
    attack = slowUploads(server.url, slowCount);
    await new Promise((r) => setTimeout(r, 300));
  }
  console.log(`\nmodel ${name}, ${duration} s per level, body ${body.length} bytes${slowCount ? `, ${slowCount} slow uploads open throughout` : ''}`);
  console.log('conns    req/s   p50 ms   p99 ms   max ms   errors  timeouts  non-2xx (503/429)');
  for (const c of levels) {
    const l = await runLevel(server.url, path, body, c);
    results.push(l);
    console.log(`${String(c).padStart(5)} ${l.reqPerSec.toFixed(0).padStart(8)} ${l.p50Ms.toFixed(1).padStart(8)} ${l.p99Ms.toFixed(1).padStart(8)} ${l.maxMs.toFixed(1).padStart(8)} ${String(l.errors).padStart(8)} ${String(l.timeouts).padStart(9)} ${String(l.non2xx).padStart(8)} (${l.status503}/${l.status429})`);
  }
  const live = await fetch(`${server.url}/v2/health/live`);
  console.log(`health/live after the load: ${live.status}`);
  if (attack) console.log(`slow uploads closed by the server (408) and reopened during the run: ${attack.closed()}`);
} finally {
  attack?.stop();
  await server.stop();
}
const clean = results.filter((l) => l.errors === 0 && l.timeouts === 0 && l.non2xx === 0);
const best = clean.length > 0 ? Math.max(...clean.map((l) => l.connections)) : 0;
console.log(`highest concurrency with zero errors: ${best || 'none'}`);
if (values.json) writeFileSync(values.json, JSON.stringify({ model, duration, slowUploads: slowCount, results, zeroErrorConcurrency: best }, null, 2));
