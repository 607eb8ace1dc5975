// A text model folder served over real HTTP: a BYTES "text" input tokenized by the server, the same
// logits as token tensors sent to the bare model.onnx, the client choosing BYTES or tensors from the
// model metadata, and bad input (invalid UTF-8 in a request or an answer) refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ort from 'onnxruntime-node';
import { startServer, type RunningServer } from './server.ts';
import { postJson, rawRequest } from './test-client.ts';
import { readServedFolder } from './text-model.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { textFeedsPerSample } from '../lib/text/pipeline.ts';
import { runRemoteBaseline } from '../lib/baseline/run.ts';
import { BaselineError } from '../lib/baseline/errors.ts';
import type { TensorMap } from '../lib/tensors/types.ts';

const DIR = 'public/models/debian-sections';
const TEXTS = ['a mail client with IMAP support', 'chess engine and graphical board', 'Ünïcödé — 日本語 😀 text'];
let server: RunningServer;
let tok: TextTokenizer;

beforeAll(async () => {
  server = await startServer({ models: [`debian-sections=${DIR}`, `debian-sections-ids=${DIR}/model.onnx`], host: '127.0.0.1', port: 0, log: () => {} });
  const { folder } = readServedFolder(DIR);
  tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
});
afterAll(async () => {
  await server.close();
});

const tokenInputs = [
  { name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] },
  { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] },
];

async function direct(feeds: TensorMap): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(`${DIR}/model.onnx`);
  try {
    const f: Record<string, ort.Tensor> = {};
    for (const [n, t] of Object.entries(feeds)) f[n] = new ort.Tensor('int64', t.data as BigInt64Array, t.dims);
    return (await s.run(f)).logits!.data as Float32Array;
  } finally {
    await s.release();
  }
}

describe('a served text folder', () => {
  it('declares one BYTES input; the bare model.onnx declares its int64 token inputs', async () => {
    const text = (await rawRequest(server.url, '/v2/models/debian-sections')).json;
    expect(text.inputs).toEqual([{ name: 'text', datatype: 'BYTES', shape: [-1] }]);
    const ids = (await rawRequest(server.url, '/v2/models/debian-sections-ids')).json;
    expect(ids.inputs.map((i: { name: string; datatype: string }) => `${i.name}:${i.datatype}`)).toEqual(['input_ids:INT64', 'attention_mask:INT64']);
  });

  it('tokenizes a BYTES text on the server: logits equal onnxruntime-node on the tokenized text', async () => {
    const r = await postJson(server.url, '/v2/models/debian-sections/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: [TEXTS[0]] }] });
    expect(r.status).toBe(200);
    const logits = r.json.outputs.find((o: { name: string }) => o.name === 'logits');
    expect(logits.shape).toEqual([1, 8]);
    const want = await direct(textFeedsPerSample(tok, tokenInputs, [TEXTS[0]!]).feeds[0]!);
    logits.data.forEach((v: number, i: number) => expect(v).toBeCloseTo(want[i]!, 5));
  });

  it('answers a batch of texts, one row each', async () => {
    const r = await postJson(server.url, '/v2/models/debian-sections/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [3], data: TEXTS }], outputs: [{ name: 'logits' }] });
    expect(r.status).toBe(200);
    expect(r.json.outputs[0].shape).toEqual([3, 8]);
  });

  it('refuses a binary BYTES element that is not valid UTF-8, by name, and keeps serving', async () => {
    const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], parameters: { binary_data_size: 6 } }] }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(2);
    const body = Buffer.concat([header, len, Buffer.from([0xc3, 0x28])]);
    const r = await rawRequest(server.url, '/v2/models/debian-sections/infer', { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': header.length } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/element 0 is not valid UTF-8 \(InvalidUtf8Error/);
    expect((await rawRequest(server.url, '/v2/health/ready')).status).toBe(200);
  });

  it('refuses a JSON body that is not valid UTF-8 instead of replacing bytes', async () => {
    const good = Buffer.from(JSON.stringify({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['caf_'] }] }));
    const at = good.indexOf('_');
    good[at] = 0xe9; // Latin-1 "é": not UTF-8
    const r = await rawRequest(server.url, '/v2/models/debian-sections/infer', { method: 'POST', body: good, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not valid UTF-8 \(InvalidUtf8Error: first invalid byte at offset \d+/);
  });

  it('refuses token tensors sent to the text model, naming what it takes', async () => {
    const r = await postJson(server.url, '/v2/models/debian-sections/infer', { inputs: [{ name: 'input_ids', datatype: 'INT64', shape: [1, 2], data: [2, 3] }] });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/unknown input "input_ids"; the model takes text \(BYTES \[-1\]\)/);
  });
});

describe('the compare client against the real server', () => {
  const samples = () => textFeedsPerSample(tok, tokenInputs, TEXTS, 32).feeds;

  it('sends BYTES when the model metadata declares a BYTES input, token tensors otherwise; both agree', async () => {
    const bytes = await runRemoteBaseline({ protocol: 'oip', url: server.url, model: 'debian-sections' }, samples(), { texts: TEXTS, outputs: ['logits'] });
    expect(bytes.sent).toBe('bytes');
    const tensors = await runRemoteBaseline({ protocol: 'oip', url: server.url, model: 'debian-sections-ids' }, samples(), { texts: TEXTS, outputs: ['logits'] });
    expect(tensors.sent).toBe('tensors');
    expect(bytes.results).toHaveLength(3);
    bytes.results.forEach((r, i) => {
      const a = r.outputs.logits!.data as Float32Array;
      const b = tensors.results[i]!.outputs.logits!.data as Float32Array;
      // Padding to 32 (tensors) vs to the text's length (server): the mask makes them equal.
      a.forEach((v, k) => expect(v).toBeCloseTo(b[k]!, 5));
    });
  });

  it('names the problem when a text server gets samples without text', async () => {
    const err = await runRemoteBaseline({ protocol: 'oip', url: server.url, model: 'debian-sections' }, samples(), {}).catch((e) => e);
    expect(err).toBeInstanceOf(BaselineError);
    expect(err.message).toMatch(/takes text \(BYTES input "text"\), but sample 1 has no text/);
  });
});

describe('an answer that is not valid UTF-8', () => {
  const PREFIX = '{"outputs":[{"name":"label","datatype":"BYTES","shape":[1],"data":["';
  let bad: Server;
  let url = '';
  beforeAll(async () => {
    const meta = JSON.stringify({ name: 'm', inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }], outputs: [{ name: 'label', datatype: 'BYTES', shape: [-1] }] });
    bad = createServer((req, res) => {
      if (req.url?.endsWith('/infer')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        // {"outputs":[{"name":"label","datatype":"BYTES","shape":[1],"data":["<0xff 0xfe>"]}]}
        res.end(Buffer.concat([Buffer.from(PREFIX), Buffer.from([0xff, 0xfe]), Buffer.from('"]}]}')]));
      } else if (req.url === '/v2') res.end(JSON.stringify({ name: 'bad', version: '1' }));
      else if (req.url === '/v2/models/m') res.end(meta);
      else res.end();
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => bad.close(() => r())));

  it('is a BaselineError of kind invalid-utf8 naming the offset, not text with U+FFFD', async () => {
    const err = await runRemoteBaseline({ protocol: 'oip', url, model: 'm' }, [{}], { texts: ['x'] }).catch((e) => e);
    expect(err).toBeInstanceOf(BaselineError);
    expect(err.kind).toBe('invalid-utf8');
    expect(err.message).toMatch(/sample 1 of 1: the answer to POST .* is not valid UTF-8 \(first invalid byte at offset (\d+)/);
    expect(Number(/offset (\d+)/.exec(err.message)![1])).toBe(PREFIX.length);
  });
});

