// /metrics over real HTTP, read back with an independent Prometheus text-format parser
// (parse-prometheus-text-format, a port of the Prometheus Python client's parser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';
import { startServer, type RunningServer } from './server.ts';
import { postJson, rawRequest } from './test-client.ts';

const DIR = 'tests/fixtures/server';
let server: RunningServer;
let logLines: string[] = [];
const good = {
  inputs: [
    { name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] },
    { name: 'y', shape: [1, 3], datatype: 'FP32', data: [4, 5, 6] },
  ],
};

beforeAll(async () => {
  server = await startServer({ models: [`${DIR}/add.onnx`, `${DIR}/reshape.onnx`], port: 0, accessLog: 'json', log: (l) => logLines.push(l) });
});
afterAll(async () => {
  await server.close();
});

function family(fams: PromFamily[], name: string): PromFamily {
  const f = fams.find((x) => x.name === name);
  if (!f) throw new Error(`metric ${name} missing; have ${fams.map((x) => x.name).join(', ')}`);
  return f;
}

describe('/metrics', () => {
  it('counts requests by model and status, with queue/compute/total histograms, gauges and body bytes', async () => {
    const body = JSON.stringify(good);
    for (let i = 0; i < 3; i++) expect((await postJson(server.url, '/v2/models/add/infer', good)).status).toBe(200);
    expect((await postJson(server.url, '/v2/models/add/infer', { inputs: [] })).status).toBe(400);
    const r = await rawRequest(server.url, '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const fams = parsePrometheusTextFormat(r.body.toString());

    const requests = family(fams, 'edgeprobe_inference_requests_total');
    expect(requests.type).toBe('COUNTER');
    const byStatus = Object.fromEntries(requests.metrics.map((m) => [`${m.labels!.model}/${m.labels!.status}`, Number(m.value)]));
    expect(byStatus).toEqual({ 'add/200': 3, 'add/400': 1 });

    // The parser folds a histogram's series into one bucket map (it keeps labels, count and sum
    // only for unlabelled histograms): one model has been called, so the map is that model's; the
    // model label and the count are read from the exposition lines themselves.
    const text = r.body.toString();
    for (const [name, n] of [['edgeprobe_inference_queue_duration_seconds', 3], ['edgeprobe_inference_compute_duration_seconds', 3], ['edgeprobe_inference_request_duration_seconds', 4]] as const) {
      const h = family(fams, name);
      expect(h.type).toBe('HISTOGRAM');
      const buckets = Object.entries(h.metrics[0]!.buckets!).map(([le, v]) => [le === '+Inf' ? Infinity : Number(le), Number(v)] as const).sort((a, b) => a[0] - b[0]);
      expect(buckets.at(-1)).toEqual([Infinity, n]);
      // Cumulative: never decreasing.
      expect(buckets.every(([, v], i) => i === 0 || v >= buckets[i - 1]![1])).toBe(true);
      expect(text).toMatch(new RegExp(`^${name}_count\\{model="add"\\} ${n}$`, 'm'));
      expect(text).toMatch(new RegExp(`^${name}_sum\\{model="add"\\} [0-9.e-]+$`, 'm'));
    }

    const bytes = family(fams, 'edgeprobe_request_body_bytes_total');
    expect(Number(bytes.metrics[0]!.value)).toBe(3 * Buffer.byteLength(body) + Buffer.byteLength('{"inputs":[]}'));
    for (const g of ['edgeprobe_inference_queue_depth', 'edgeprobe_inference_in_flight', 'edgeprobe_requests_receiving']) {
      expect(family(fams, g).type).toBe('GAUGE');
      expect(Number(family(fams, g).metrics[0]!.value)).toBe(0);
    }
  });

  it('writes one JSON access line per request', async () => {
    logLines = [];
    await postJson(server.url, '/v2/models/add/infer', good);
    await new Promise((r) => setTimeout(r, 20));
    const line = JSON.parse(logLines.at(-1)!);
    expect(line).toMatchObject({ method: 'POST', path: '/v2/models/add/infer', status: 200, model: 'add', remote: '127.0.0.1' });
    expect(line.bytes_in).toBe(Buffer.byteLength(JSON.stringify(good)));
    expect(line.bytes_out).toBeGreaterThan(0);
    expect(typeof line.compute_ms).toBe('number');
    expect(typeof line.queue_ms).toBe('number');
    expect(line.total_ms).toBeGreaterThanOrEqual(line.compute_ms);
  });
});
