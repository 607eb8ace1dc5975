// `edgeprobe compare` end to end as a user runs it (a child process): against an independent,
// minimal OIP v2 server written here (node:http + onnxruntime-node, none of src/server's code),
// against one that perturbs an output by 1e-2, against our own startServer, and against files.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TensorMap } from '../lib/tensors/types.ts';
import { createNativeRunner, type NativeRunner } from '../engine-node/native.ts';
import { startServer, type RunningServer } from '../server/server.ts';
import { runCli } from './cli-process.testing.ts';

const root = resolve(import.meta.dirname, '../..');
const MODEL = 'public/models/weather.onnx';
const SAMPLES = 'public/samples/weather-heldout.jsonl';
const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-compare-'));

const cli = runCli;

/** A minimal OIP v2 server: spec health (status codes, empty bodies), metadata with -1, infer. */
async function independentServer(runner: NativeRunner, perturb: Record<string, number> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const send = (status: number, obj?: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(obj === undefined ? '' : JSON.stringify(obj));
      if (req.url === '/v2/health/live' || req.url === '/v2/health/ready' || req.url === '/v2/models/weather/ready') return send(200);
      if (req.url === '/v2') return send(200, { name: 'mini-oip', version: '0', extensions: [] });
      if (req.url === '/v2/models/weather') {
        return send(200, { name: 'weather', versions: ['1'], platform: 'onnxruntime_onnx', inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 5] }], outputs: [{ name: 'logits', datatype: 'FP32', shape: [-1, 5] }, { name: 'probabilities', datatype: 'FP32', shape: [-1, 5] }] });
      }
      if (req.url !== '/v2/models/weather/infer') return send(404, { error: 'not found' });
      try {
        const request = JSON.parse(body) as { inputs: { name: string; shape: number[]; data: number[] }[] };
        const feeds: TensorMap = {};
        for (const t of request.inputs) feeds[t.name] = { type: 'float32', dims: t.shape, data: Float32Array.from(t.data) };
        const t0 = performance.now();
        const out = await runner.run(feeds);
        const computeMs = performance.now() - t0;
        res.setHeader('Server-Timing', `compute;dur=${computeMs.toFixed(3)}`);
        send(200, {
          model_name: 'weather',
          outputs: Object.entries(out.outputs).map(([name, t]) => ({ name, shape: t.dims, datatype: 'FP32', data: Array.from(t.data as Float32Array, (v) => v + (perturb[name] ?? 0)) })),
        });
      } catch (e) {
        send(500, { error: (e as Error).message });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let runner: NativeRunner;
let exact: { url: string; server: Server };
let perturbed: { url: string; server: Server };
let ours: RunningServer;

beforeAll(async () => {
  runner = await createNativeRunner(new Uint8Array(readFileSync(resolve(root, MODEL))), { threads: 1 });
  exact = await independentServer(runner);
  perturbed = await independentServer(runner, { probabilities: 1e-2 });
  ours = await startServer({ models: [resolve(root, MODEL)], port: 0, workers: 1, log: () => undefined });
});
afterAll(async () => {
  for (const s of [exact.server, perturbed.server]) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  await ours.close();
  await runner.close();
});

describe('edgeprobe compare', () => {
  it('passes against an independent OIP server running the same model (exit 0)', async () => {
    const jsonFile = join(tmp, 'exact.json');
    const r = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', exact.url, '--runtime', 'native', '--json', jsonFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/219 samples/);
    expect(r.stdout).toMatch(/PASS: all 2 outputs within tolerance/);
    expect(r.stdout).toMatch(/accuracy on 219 labelled samples: device 0\.8219, baseline 0\.8219/);
    const j = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(j.verdict.pass).toBe(true);
    expect(j.outputs.map((o: { name: string }) => o.name)).toEqual(['logits', 'probabilities']);
    expect(j.outputs[1].overall.maxAbs).toBe(0);
    expect(j.latency.serverTimingReported).toBe(true);
    expect(j.meta).toMatchObject({ baselineKind: 'oip', runtime: 'native' });
  });

  it('fails with exit 1 against a server perturbing "probabilities" by 1e-2, naming the output and the error', async () => {
    const r = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', perturbed.url, '--runtime', 'native']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAIL: 1 of 2 outputs out of tolerance\. output "probabilities": 1095 of 1095 elements \(100%\) fail .*max abs error 0\.01/);
    expect(r.stderr).not.toMatch(/output "logits"/);
  });

  it('a looser tolerance (--atol 0.02) lets the perturbed server pass', async () => {
    const r = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', perturbed.url, '--runtime', 'native', '--atol', '0.02']);
    expect(r.code).toBe(0);
  });

  it('passes against our own startServer, with the device side in headless Chromium (the default runtime)', async () => {
    const jsonFile = join(tmp, 'ours.json');
    const r = await cli(['compare', MODEL, '--samples', 'public/samples/weather-heldout.csv', '--baseline', ours.url, '--json', jsonFile]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(j.meta).toMatchObject({ runtime: 'browser', backend: 'wasm' });
    expect(j.samples).toBe(219);
    expect(j.outputs[1].aggregate.agreement.top1Agreement).toBe(1);
    // Server-Timing from our server splits the round trip.
    expect(j.latency.serverCompute.n).toBe(219);
    expect(j.latency.network.n).toBe(219);
  }, 120_000);

  it('compares against baseline files: JSONL of OIP responses and CSV of outputs', async () => {
    const lines: string[] = [];
    const rows = ['probabilities_0,probabilities_1,probabilities_2,probabilities_3,probabilities_4,logits_0,logits_1,logits_2,logits_3,logits_4'];
    for (const line of readFileSync(resolve(root, SAMPLES), 'utf8').split('\n').filter(Boolean)) {
      const req = JSON.parse(line) as { inputs: { data: number[] }[] };
      const out = await runner.run({ features: { type: 'float32', dims: [1, 5], data: Float32Array.from(req.inputs[0]!.data) } });
      lines.push(JSON.stringify({ model_name: 'weather', outputs: Object.entries(out.outputs).map(([name, t]) => ({ name, shape: t.dims, datatype: 'FP32', data: Array.from(t.data as Float32Array) })) }));
      rows.push([...Array.from(out.outputs.probabilities!.data as Float32Array), ...Array.from(out.outputs.logits!.data as Float32Array)].map((v) => v.toPrecision(9)).join(','));
    }
    writeFileSync(join(tmp, 'base.jsonl'), lines.join('\n'));
    writeFileSync(join(tmp, 'base.csv'), rows.join('\n'));
    const a = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', join(tmp, 'base.jsonl'), '--runtime', 'native']);
    expect(a.code, a.stderr).toBe(0);
    const b = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', join(tmp, 'base.csv'), '--runtime', 'native']);
    expect(b.code, b.stderr).toBe(0);
    writeFileSync(join(tmp, 'short.jsonl'), lines.slice(1).join('\n'));
    const c = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', join(tmp, 'short.jsonl'), '--runtime', 'native']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/BaselineError: the baseline has 218 results for 219 samples/);
  });

  it('pairs a reversed baseline file by id, and --atol NAME=VALUE changes the verdict of that output only', async () => {
    const samples: string[] = [];
    const responses: string[] = [];
    const lines = readFileSync(resolve(root, SAMPLES), 'utf8').split('\n').filter(Boolean).slice(0, 60);
    for (const [i, line] of lines.entries()) {
      const req = JSON.parse(line) as { inputs: { data: number[] }[] };
      samples.push(JSON.stringify({ ...req, id: `row-${i}` }));
      const out = await runner.run({ features: { type: 'float32', dims: [1, 5], data: Float32Array.from(req.inputs[0]!.data) } });
      // "probabilities" off by 1e-3 everywhere: outside the default atol 1e-5 + rtol 1e-3·|b|.
      responses.push(JSON.stringify({ model_name: 'weather', id: `row-${i}`, outputs: Object.entries(out.outputs).map(([name, t]) => ({ name, shape: t.dims, datatype: 'FP32', data: Array.from(t.data as Float32Array, (v) => v + (name === 'probabilities' ? 1e-3 : 0)) })) }));
    }
    writeFileSync(join(tmp, 'ids.jsonl'), samples.join('\n'));
    writeFileSync(join(tmp, 'reversed.jsonl'), responses.slice().reverse().join('\n'));
    const json = join(tmp, 'reversed.json');
    const a = await cli(['compare', MODEL, '--samples', join(tmp, 'ids.jsonl'), '--baseline', join(tmp, 'reversed.jsonl'), '--runtime', 'native', '--json', json]);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/paired with samples by id/);
    // Paired right, "logits" matches exactly; only the perturbed output fails.
    expect(a.stderr).toMatch(/FAIL: 1 of 2 outputs out of tolerance\. output "probabilities"/);
    expect(a.stderr).not.toMatch(/output "logits"/);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.pairing).toBe('id');
    expect(j.outputs[0].overall.maxAbs).toBe(0);
    const b = await cli(['compare', MODEL, '--samples', join(tmp, 'ids.jsonl'), '--baseline', join(tmp, 'reversed.jsonl'), '--runtime', 'native', '--atol', 'probabilities=0.002']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/probabilities .*atol 0\.002 rtol 0\.001/);
    expect(b.stdout).toMatch(/logits .*atol 1e-5 rtol 0\.001/);
    // The same value for the other output leaves "probabilities" failing.
    const c = await cli(['compare', MODEL, '--samples', join(tmp, 'ids.jsonl'), '--baseline', join(tmp, 'reversed.jsonl'), '--runtime', 'native', '--atol', 'logits=0.002']);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/output "probabilities"/);
    const d = await cli(['compare', MODEL, '--samples', join(tmp, 'ids.jsonl'), '--baseline', join(tmp, 'reversed.jsonl'), '--runtime', 'native', '--atol', 'nope=1']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/no output "nope"; its outputs are "logits", "probabilities"/);
    // A file whose ids do not match: the mismatch is named.
    writeFileSync(join(tmp, 'wrong-ids.jsonl'), responses.map((r, i) => (i === 4 ? r.replace('"row-4"', '"row-x"') : r)).join('\n'));
    const e = await cli(['compare', MODEL, '--samples', join(tmp, 'ids.jsonl'), '--baseline', join(tmp, 'wrong-ids.jsonl'), '--runtime', 'native']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/pairing by id failed: no baseline result for sample 5 \(id "row-4"\); baseline result with id "row-x" matches no sample/);
  }, 180_000);

  it('a baseline server that is down: exit 2 naming it; bad usage: exit 2', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const r = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', `http://127.0.0.1:${port}`, '--runtime', 'native']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`BaselineError: connection refused by 127\\.0\\.0\\.1:${port}`));
    const u = await cli(['compare', MODEL, '--samples', SAMPLES]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/usage: edgeprobe compare/);
    const m = await cli(['compare', MODEL, '--samples', SAMPLES, '--baseline', exact.url, '--baseline-model', 'nope', '--runtime', 'native']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/no model "nope"/);
  });
});
