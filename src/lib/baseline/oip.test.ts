import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { createServer } from 'node:net';
import { OipClient } from './oip.ts';
import { runRemoteBaseline } from './run.ts';
import { BaselineError } from './errors.ts';
import { startTestServer, json, type TestServer } from '../../../tests/setup/http-server.ts';
import type { TensorMap } from '../tensors/types.ts';

const input: TensorMap = { features: { type: 'float32', dims: [1, 5], data: new Float32Array([0, 10, 5, 3, 6]) } };
const meta = {
  name: 'weather', versions: ['1'], platform: 'onnx',
  inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 5] }],
  outputs: [{ name: 'logits', datatype: 'FP32', shape: [-1, 5] }, { name: 'probabilities', datatype: 'FP32', shape: [-1, 5] }],
};
const good = {
  model_name: 'weather', model_version: '1',
  outputs: [
    { name: 'logits', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] },
    { name: 'probabilities', shape: [1, 5], datatype: 'FP32', data: [0.1, 0.2, 0.3, 0.2, 0.2] },
  ],
};

let srv: TestServer;
beforeAll(async () => (srv = await startTestServer()));
afterAll(() => srv.close());
afterEach(() => srv.handle((_q, res) => res.writeHead(500).end()));

/** A spec-following server: health by status code with empty bodies (as Triton answers). */
function healthyServer(infer: (body: string, res: import('node:http').ServerResponse) => void): void {
  srv.handle((req, res, body) => {
    const u = req.url ?? '';
    if (u === '/v2/health/live' || u === '/v2/health/ready' || u === '/v2/models/weather/ready') return res.writeHead(200).end();
    if (u === '/v2') return json(res, 200, { name: 'triton', version: '2.40', extensions: ['binary_tensor_data'] });
    if (u === '/v2/models/weather') return json(res, 200, meta);
    if (u === '/v2/models/weather/infer' && req.method === 'POST') return infer(body, res);
    json(res, 404, { error: `unknown path ${u}` });
  });
}

async function failure(p: Promise<unknown>): Promise<BaselineError> {
  try {
    await p;
  } catch (e) {
    expect((e as Error).name).toBe('BaselineError');
    return e as BaselineError;
  }
  throw new Error('expected a BaselineError');
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('OipClient against a spec-following server', () => {
  it('checks health by status codes, reads -1 dims, infers and parses Server-Timing', async () => {
    let sent: unknown;
    healthyServer((body, res) => {
      sent = JSON.parse(body);
      json(res, 200, good, { 'Server-Timing': 'parse;dur=0.25, compute;dur=1.5, transfer;dur=0.25' });
    });
    const c = new OipClient(srv.url, { model: 'weather' });
    expect(await c.live()).toBe(true);
    expect(await c.ready()).toBe(true);
    const m = await c.check();
    expect(m.outputs[1]).toEqual({ name: 'probabilities', datatype: 'FP32', shape: [-1, 5] });
    expect((await c.serverMetadata()).name).toBe('triton');
    const r = await c.infer(input, { outputs: ['logits', 'probabilities'], metadata: m });
    expect(sent).toEqual({ inputs: [{ name: 'features', shape: [1, 5], datatype: 'FP32', data: [0, 10, 5, 3, 6] }] });
    expect(Array.from(r.outputs.logits!.data as Float32Array)).toEqual([1, 2, 3, 4, 5]);
    expect(r.outputs.probabilities!.dims).toEqual([1, 5]);
    expect(r.server).toMatchObject({ computeMs: 1.5, totalMs: 2 });
    expect(r.roundTripMs).toBeGreaterThan(0);
  });

  it('a base URL with a path prefix keeps it', async () => {
    let seen = '';
    srv.handle((req, res) => {
      seen = req.url ?? '';
      res.writeHead(200).end();
    });
    expect(await new OipClient(`${srv.url}/kserve/`, { model: 'm' }).live()).toBe(true);
    expect(seen).toBe('/kserve/v2/health/live');
  });

  it('not live / not ready are status codes, not bodies', async () => {
    srv.handle((req, res) => (req.url === '/v2/health/live' ? res.writeHead(200).end() : res.writeHead(503).end()));
    const c = new OipClient(srv.url, { model: 'weather' });
    expect(await c.ready()).toBe(false);
    const e = await failure(c.check());
    expect(e.kind).toBe('not-ready');
    expect(e.message).toMatch(/live but not ready.*HTTP 503/);
  });

  it('an unknown model (404) names the model and the flag', async () => {
    srv.handle((req, res) => (req.url?.startsWith('/v2/health') ? res.writeHead(200).end() : json(res, 404, { error: 'model "nope" is not found' })));
    const e = await failure(new OipClient(srv.url, { model: 'nope' }).check());
    expect(e.kind).toBe('not-ready');
    expect(e.message).toMatch(/no model "nope".*not found.*--baseline-model/);
  });
});

describe('OipClient failures, one kind each', () => {
  it('server down: connection refused', async () => {
    const port = await closedPort();
    const e = await failure(new OipClient(`http://127.0.0.1:${port}`, { model: 'weather' }).check());
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/connection refused by 127\.0\.0\.1:\d+.*edgeprobe serve/);
  });

  it('slow server: timeout after the limit', async () => {
    healthyServer(() => undefined); // never answers the inference
    const c = new OipClient(srv.url, { model: 'weather', timeoutMs: 150 });
    const e = await failure(c.infer(input));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/timed out.*150 ms/);
  });

  it('HTTP 500 quotes the server message from {"error"}', async () => {
    healthyServer((_b, res) => json(res, 500, { error: 'onnxruntime: out of memory' }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('http');
    expect(e.details).toMatchObject({ status: 500, serverMessage: 'onnxruntime: out of memory' });
    expect(e.message).toMatch(/HTTP 500: onnxruntime: out of memory/);
  });

  it('HTTP 400 with a text body quotes the text', async () => {
    healthyServer((_b, res) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad input tensor'));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('http');
    expect(e.message).toMatch(/HTTP 400: bad input tensor/);
  });

  it('invalid JSON quotes the start of the body', async () => {
    healthyServer((_b, res) => json(res, 200, '<html>proxy error</html>'));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('invalid-json');
    expect(e.message).toMatch(/not valid JSON.*<html>proxy error/);
  });

  it('wrong shapes: data length against shape', async () => {
    healthyServer((_b, res) => json(res, 200, { outputs: [{ name: 'logits', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3] }] }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('shape');
    expect(e.message).toMatch(/"logits".*\[1, 5\] needs 5 elements, data has 3/);
  });

  it('wrong shapes: against the model metadata (-1 matches any size, the rest must equal)', async () => {
    healthyServer((_b, res) => json(res, 200, { outputs: [{ ...good.outputs[0], shape: [1, 1, 5] }, good.outputs[1]] }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input, { metadata: meta }));
    expect(e.kind).toBe('shape');
    expect(e.message).toMatch(/"logits".*\[1, 1, 5\].*declares \[-1, 5\]/);
  });

  it('missing outputs are named', async () => {
    healthyServer((_b, res) => json(res, 200, { outputs: [good.outputs[0]] }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input, { outputs: ['logits', 'probabilities'] }));
    expect(e.kind).toBe('missing-output');
    expect(e.message).toMatch(/lacks output "probabilities"; it has "logits"/);
  });

  it('an answer without an outputs list is a protocol error', async () => {
    healthyServer((_b, res) => json(res, 200, { predictions: [[1, 2]] }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('protocol');
    expect(e.message).toMatch(/"outputs"/);
  });

  it('cancel stops a request in flight', async () => {
    healthyServer(() => undefined);
    const ctl = new AbortController();
    const p = new OipClient(srv.url, { model: 'weather', signal: ctl.signal }).infer(input);
    setTimeout(() => ctl.abort(), 50);
    expect((await failure(p)).kind).toBe('cancelled');
  });

  it('a server that drops the connection mid-request', async () => {
    healthyServer((_b, res) => res.socket?.destroy());
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/closed the connection/);
  });

  it('a URL that is not http(s)', async () => {
    const e = await failure(new OipClient('ftp://x', { model: 'm' }).live());
    expect(e.message).toMatch(/not an http\(s\) URL/);
  });
});

describe('CORS from a page (browser fetch semantics over the real server)', () => {
  const origin = 'http://localhost:5173';
  // What a browser does: a cors-mode answer without Access-Control-Allow-Origin for this origin
  // rejects with a bare TypeError; a no-cors probe gets an opaque answer when the server is up.
  const browserFetch: typeof fetch = async (url, init) => {
    const res = await fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: origin } }).catch(() => {
      throw new TypeError('Failed to fetch');
    });
    if (init?.mode === 'no-cors') return res;
    if (res.headers.get('access-control-allow-origin') !== origin) throw new TypeError('Failed to fetch');
    return res;
  };
  const withLocation = async <T>(f: () => Promise<T>): Promise<T> => {
    (globalThis as { location?: unknown }).location = { origin };
    try {
      return await f();
    } finally {
      delete (globalThis as { location?: unknown }).location;
    }
  };

  it('a server up but not allowing the origin: CORS, with the --cors fix', async () => {
    healthyServer((_b, res) => json(res, 200, good));
    const e = await withLocation(() => failure(new OipClient(srv.url, { model: 'weather', fetch: browserFetch }).live()));
    expect(e.kind).toBe('cors');
    expect(e.message).toContain(`blocked this page (origin ${origin}) by CORS`);
    expect(e.message).toContain(`edgeprobe serve MODEL --cors ${origin}`);
  });

  it('a server down, seen from a page: likely down, or CORS, with the fix', async () => {
    const port = await closedPort();
    const e = await withLocation(() => failure(new OipClient(`http://127.0.0.1:${port}`, { model: 'weather', fetch: browserFetch }).live()));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/likely down.*CORS.*--cors http:\/\/localhost:5173/);
  });

  it('a connection closed mid-response, seen from a page: named as such, not "down or CORS"', async () => {
    healthyServer((_b, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000', 'Access-Control-Allow-Origin': origin });
      res.write('{"model_name":"weather","outputs":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const e = await withLocation(() => failure(new OipClient(srv.url, { model: 'weather', fetch: browserFetch }).infer(input)));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/closed the connection mid-response during POST .*HTTP 200 headers arrived, the body did not end/);
    expect(e.message).not.toMatch(/CORS|likely down/);
  });

  it('an error body full of escape sequences reaches the message without them', async () => {
    healthyServer((_b, res) => json(res, 500, { error: '\u001b[2J\u001b[H\u001b]0;owned\u0007\u001b[32mPASS\u001b[0m\rreal' }));
    const e = await failure(new OipClient(srv.url, { model: 'weather' }).infer(input));
    expect(e.message).toMatch(/HTTP 500: PASS\\u000dreal$/);
    expect(e.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('a server allowing the origin works', async () => {
    srv.handle((_q, res) => res.writeHead(200, { 'Access-Control-Allow-Origin': origin }).end());
    expect(await withLocation(() => new OipClient(srv.url, { model: 'weather', fetch: browserFetch }).live())).toBe(true);
  });
});

describe('runRemoteBaseline', () => {
  it('runs each sample and reports progress', async () => {
    healthyServer((_b, res) => json(res, 200, good, { 'Server-Timing': 'compute;dur=0.5' }));
    const seen: number[] = [];
    const r = await runRemoteBaseline({ protocol: 'oip', url: srv.url, model: 'weather' }, [input, input, input], { outputs: ['probabilities'], onProgress: (d) => seen.push(d) });
    expect(r.results).toHaveLength(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(r.server?.name).toBe('triton');
    expect(r.results[2]!.server?.computeMs).toBe(0.5);
  });

  it('names the failing sample and keeps the kind', async () => {
    let n = 0;
    healthyServer((_b, res) => (++n === 2 ? json(res, 500, { error: 'boom' }) : json(res, 200, good)));
    const e = await failure(runRemoteBaseline({ protocol: 'oip', url: srv.url, model: 'weather' }, [input, input, input]));
    expect(e.kind).toBe('http');
    expect(e.message).toMatch(/^sample 2 of 3: .*HTTP 500: boom/);
  });
});
