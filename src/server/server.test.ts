// The server over real HTTP: every endpoint, Server-Timing, and results equal to onnxruntime-node
// run directly on the same file (the independent reference).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { startServer, type RunningServer } from './server.ts';
import { postJson, rawRequest } from './test-client.ts';

const DIR = 'tests/fixtures/server';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    models: [`${DIR}/add.onnx`, `${DIR}/reshape.onnx`, `${DIR}/types.onnx`],
    host: '127.0.0.1', port: 0, log: () => {},
  });
});
afterAll(async () => {
  await server.close();
});

async function direct(file: string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const s = await ort.InferenceSession.create(`${DIR}/${file}`);
  try {
    return (await s.run(feeds)) as Record<string, ort.Tensor>;
  } finally {
    await s.release();
  }
}

describe('health and metadata', () => {
  it('answers live and ready with 200 (HEAD too, without a body)', async () => {
    expect((await rawRequest(server.url, '/v2/health/live')).status).toBe(200);
    const head = await rawRequest(server.url, '/v2/health/ready', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await rawRequest(server.url, '/v2/health/ready')).status).toBe(200);
  });

  it('reports server metadata', async () => {
    const r = await rawRequest(server.url, '/v2');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ name: 'edgeprobe', version: '0.1.0', extensions: ['binary_tensor_data'] });
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('reports model metadata with -1 for symbolic and unnamed dims', async () => {
    const add = await rawRequest(server.url, '/v2/models/add');
    expect(add.json).toEqual({
      name: 'add', versions: ['1'], platform: 'onnx',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3] }, { name: 'y', datatype: 'FP32', shape: [-1, 3] }],
      outputs: [{ name: 'sum', datatype: 'FP32', shape: [-1, 3] }, { name: 'prod', datatype: 'FP32', shape: [-1, 3] }],
    });
    const reshape = await rawRequest(server.url, '/v2/models/reshape/versions/1');
    expect(reshape.json.inputs).toEqual([{ name: 'data', datatype: 'FP32', shape: [-1] }, { name: 'shape', datatype: 'INT64', shape: [2] }]);
    expect(reshape.json.outputs).toEqual([{ name: 'out', datatype: 'FP32', shape: [-1, -1] }]);
    const types = await rawRequest(server.url, '/v2/models/types');
    expect(types.json.inputs.map((t: { datatype: string }) => t.datatype)).toEqual(['BOOL', 'FP16', 'BYTES', 'INT32', 'UINT8', 'FP64']);
  });

  it('answers model ready, with and without a version', async () => {
    expect((await rawRequest(server.url, '/v2/models/add/ready')).status).toBe(200);
    expect((await rawRequest(server.url, '/v2/models/add/versions/1/ready')).status).toBe(200);
    expect((await rawRequest(server.url, '/v2/models/add/versions/2/ready')).status).toBe(404);
  });

  it('lists the loaded models by file name', () => {
    expect(server.models.map((m) => m.name)).toEqual(['add', 'reshape', 'types']);
  });
});

describe('infer', () => {
  // (-0 is left out: JSON.stringify writes it as 0, a limit of JSON numbers, not of the server.)
  const x = [0.1, -2.5, 3e-7, 1e6, 0, 7.25];
  const y = [1.5, 2.5, -3e-7, 1e-6, 4, 1 / 3];

  it('returns what onnxruntime-node returns run directly, with id and version', async () => {
    const r = await postJson(server.url, '/v2/models/add/infer', {
      id: 'req-1',
      inputs: [{ name: 'x', shape: [2, 3], datatype: 'FP32', data: x }, { name: 'y', shape: [2, 3], datatype: 'FP32', data: y }],
    });
    expect(r.status).toBe(200);
    const ref = await direct('add.onnx', {
      x: new ort.Tensor('float32', Float32Array.from(x), [2, 3]),
      y: new ort.Tensor('float32', Float32Array.from(y), [2, 3]),
    });
    expect(r.json.model_name).toBe('add');
    expect(r.json.model_version).toBe('1');
    expect(r.json.id).toBe('req-1');
    expect(r.json.outputs.map((o: { name: string }) => o.name)).toEqual(['sum', 'prod']);
    for (const o of r.json.outputs) {
      expect(o.shape).toEqual([2, 3]);
      expect(o.datatype).toBe('FP32');
      expect(Float32Array.from(o.data)).toEqual(ref[o.name]!.data);
    }
  });

  it('accepts nested data and the versioned path, and returns only the requested outputs', async () => {
    const r = await postJson(server.url, '/v2/models/add/versions/1/infer', {
      inputs: [{ name: 'y', shape: [1, 3], datatype: 'FP32', data: [[1, 2, 3]] }, { name: 'x', shape: [1, 3], datatype: 'FP32', data: [[4, 5, 6]] }],
      outputs: [{ name: 'prod' }],
    });
    expect(r.status).toBe(200);
    expect(r.json.outputs).toEqual([{ name: 'prod', shape: [1, 3], datatype: 'FP32', data: [4, 10, 18] }]);
  });

  it('handles an empty batch (a zero-size dim)', async () => {
    const r = await postJson(server.url, '/v2/models/add/infer', {
      inputs: [{ name: 'x', shape: [0, 3], datatype: 'FP32', data: [] }, { name: 'y', shape: [0, 3], datatype: 'FP32', data: [] }],
    });
    expect(r.status).toBe(200);
    expect(r.json.outputs[0]).toEqual({ name: 'sum', shape: [0, 3], datatype: 'FP32', data: [] });
  });

  it('carries BOOL, FP16, BYTES, INT32, UINT8, FP64 and INT64 like onnxruntime-node does', async () => {
    const r = await postJson(server.url, '/v2/models/types/infer', {
      inputs: [
        { name: 'flag', shape: [3], datatype: 'BOOL', data: [true, false, true] },
        { name: 'half', shape: [3], datatype: 'FP16', data: [1, -0.5, 65504] },
        { name: 'text', shape: [3], datatype: 'BYTES', data: ['a', 'bé', ''] },
        { name: 'i32', shape: [3], datatype: 'INT32', data: [1, -2, 2147483647] },
        { name: 'u8', shape: [3], datatype: 'UINT8', data: [0, 128, 255] },
        { name: 'f64', shape: [3], datatype: 'FP64', data: [1.5, -1e150, 0.1] },
      ],
    });
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.json.outputs.map((o: { name: string; data: unknown[] }) => [o.name, o.data]));
    expect(byName.not_flag).toEqual([false, true, false]);
    expect(byName.half_out).toEqual([1, -0.5, 65504]);
    expect(byName.text_out).toEqual(['a', 'bé', '']);
    expect(byName.neg_i32).toEqual([-1, 2, -2147483647]);
    expect(byName.u8_out).toEqual([0, 128, 255]);
    expect(byName.f64_sq).toEqual([2.25, -1e150 * -1e150, 0.1 * 0.1]);
    const reshape = await postJson(server.url, '/v2/models/reshape/infer', {
      inputs: [{ name: 'data', shape: [6], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] }, { name: 'shape', shape: [2], datatype: 'INT64', data: [3, '2'] }],
    });
    expect(reshape.json.outputs[0]).toEqual({ name: 'out', shape: [3, 2], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] });
  });

  it('adds Server-Timing with parse, queue and compute durations in ms', async () => {
    const r = await postJson(server.url, '/v2/models/add/infer', {
      inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }, { name: 'y', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }],
    });
    const timing = String(r.headers['server-timing']);
    expect(timing).toMatch(/^parse;dur=\d+\.\d{3}, queue;dur=\d+\.\d{3}, transfer;dur=\d+\.\d{3}, compute;dur=\d+\.\d{3}$/);
    expect(Number(/compute;dur=([\d.]+)/.exec(timing)![1])).toBeGreaterThan(0);
  });
});

describe('bundled demo model', () => {
  it('returns the digits CNN logits bit for bit as onnxruntime-node run directly', async () => {
    const digits = await startServer({ models: ['public/models/digits.onnx'], port: 0, workers: 1, intraOpThreads: 1, log: () => {} });
    try {
      const image = Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => ((i * 7919) % 997) / 997);
      const r = await postJson(digits.url, '/v2/models/digits/infer', { inputs: [{ name: 'image', shape: [2, 1, 28, 28], datatype: 'FP32', data: Array.from(image) }] });
      expect(r.status).toBe(200);
      const s = await ort.InferenceSession.create('public/models/digits.onnx', { intraOpNumThreads: 1 });
      const ref = (await s.run({ image: new ort.Tensor('float32', image, [2, 1, 28, 28]) })).logits as ort.Tensor;
      await s.release();
      expect(r.json.outputs[0].shape).toEqual([2, 10]);
      expect(Float32Array.from(r.json.outputs[0].data)).toEqual(ref.data);
    } finally {
      await digits.close();
    }
  });
});

describe('binary tensor data extension', () => {
  it('decodes binary inputs and returns binary outputs on request', async () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const header = Buffer.from(JSON.stringify({
      inputs: [
        { name: 'x', shape: [2, 3], datatype: 'FP32', parameters: { binary_data_size: 24 } },
        { name: 'y', shape: [2, 3], datatype: 'FP32', data: [1, 1, 1, 1, 1, 1] },
      ],
      outputs: [{ name: 'sum', parameters: { binary_data: true } }, { name: 'prod' }],
    }));
    const body = Buffer.concat([header, Buffer.from(x.buffer)]);
    const r = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'POST', body,
      headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': header.length },
    });
    expect(r.status).toBe(200);
    const len = Number(r.headers['inference-header-content-length']);
    const json = JSON.parse(r.body.toString('utf8', 0, len));
    expect(json.outputs[0]).toEqual({ name: 'sum', shape: [2, 3], datatype: 'FP32', parameters: { binary_data_size: 24 } });
    expect(json.outputs[1]).toEqual({ name: 'prod', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] });
    const sum = new Float32Array(r.body.buffer.slice(r.body.byteOffset + len, r.body.byteOffset + len + 24));
    expect(Array.from(sum)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('carries BYTES as length-prefixed elements both ways', async () => {
    const elems = ['hi', '', 'ünï'].map((s) => Buffer.from(s));
    const bytes = Buffer.concat(elems.flatMap((b) => { const l = Buffer.alloc(4); l.writeUInt32LE(b.length); return [l, b]; }));
    const zeros = (n: number, dt: string) => ({ name: '', shape: [3], datatype: dt, data: new Array(n).fill(0) });
    const header = Buffer.from(JSON.stringify({
      inputs: [
        { ...zeros(3, 'BOOL'), name: 'flag', data: [false, false, true] }, { ...zeros(3, 'FP16'), name: 'half' },
        { name: 'text', shape: [3], datatype: 'BYTES', parameters: { binary_data_size: bytes.length } },
        { ...zeros(3, 'INT32'), name: 'i32' }, { ...zeros(3, 'UINT8'), name: 'u8' }, { ...zeros(3, 'FP64'), name: 'f64' },
      ],
      outputs: [{ name: 'text_out', parameters: { binary_data: true } }],
    }));
    const r = await rawRequest(server.url, '/v2/models/types/infer', {
      method: 'POST', body: Buffer.concat([header, bytes]),
      headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': header.length },
    });
    expect(r.status).toBe(200);
    const len = Number(r.headers['inference-header-content-length']);
    expect(r.body.subarray(len)).toEqual(bytes);
  });

  it('rejects binary data that does not match the shape with 400', async () => {
    const header = Buffer.from(JSON.stringify({
      inputs: [
        { name: 'x', shape: [1, 3], datatype: 'FP32', parameters: { binary_data_size: 8 } },
        { name: 'y', shape: [1, 3], datatype: 'FP32', data: [1, 1, 1] },
      ],
    }));
    const r = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'POST', body: Buffer.concat([header, Buffer.alloc(8)]),
      headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': header.length },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/needs 12 bytes, binary data has 8/);
  });
});
