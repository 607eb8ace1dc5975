// `edgeprobe load` against autocannon on the same server (`npx tsx scripts/bench/load-vs-autocannon.ts`):
// an independent OIP v2 server in a child process (plain node:http, row sums of an FP32 [1, 784]
// input), the same request body and concurrency, alternating rounds; prints both throughputs and
// whether edgeprobe's is within 20 % of autocannon's. Loopback only.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runLevel } from '../../src/cli/load-runner.ts';
import { quantileSorted } from '../../src/lib/stats/percentiles.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '8' }, rounds: { type: 'string', default: '5' } } });
const duration = Math.min(30, Math.max(1, Number(values.duration)));
const connections = Math.max(1, Number(values.concurrency));
const rounds = Math.max(1, Number(values.rounds));

// The server is its own program (not edgeprobe code): what any OIP v2 server answers.
const SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const x = JSON.parse(body).inputs[0];
    let s = 0;
    for (const v of x.data) s += v;
    const out = JSON.stringify({ model_name: 'sum', outputs: [{ name: 'y', datatype: 'FP32', shape: [1], data: [s] }] });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) }).end(out);
  });
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((ok, fail) => {
  child.stdout.once('data', (d: Buffer) => ok(d.toString().trim()));
  child.once('exit', (c) => fail(new Error(`server exited ${c}`)));
});
const body = JSON.stringify({ inputs: [{ name: 'x', shape: [1, 784], datatype: 'FP32', data: Array.from({ length: 784 }, (_, i) => (i % 255) / 255) }] });
const path = `${url}/v2/models/sum/infer`;
const ours: number[] = [];
const theirs: number[] = [];
try {
  for (let k = 0; k < rounds; k++) {
    const a = await autocannon({ url: path, method: 'POST', body, connections, duration, headers: { 'content-type': 'application/json' } });
    theirs.push(a.requests.total / duration);
    const l = await runLevel({ url: path, bodies: [Buffer.from(body)], contentType: 'application/json', concurrency: connections, warmupMs: 0, durationMs: duration * 1000, timeoutMs: 10_000 });
    ours.push(l.throughputPerSec);
    console.log(`round ${k + 1}: autocannon ${theirs[k]!.toFixed(0)} req/s · edgeprobe load ${ours[k]!.toFixed(0)} req/s (p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, errors ${l.errorCount})`);
  }
} finally {
  child.kill();
}
const med = (xs: number[]) => quantileSorted(xs.slice().sort((a, b) => a - b), 0.5);
const ratio = med(ours) / med(theirs);
console.log(`edgeprobe load vs autocannon, concurrency ${connections}, ${duration} s × ${rounds} rounds: ${med(ours).toFixed(0)} vs ${med(theirs).toFixed(0)} req/s (ratio ${ratio.toFixed(2)}; within 20 %: ${Math.abs(ratio - 1) <= 0.2 ? 'yes' : 'NO'})`);
