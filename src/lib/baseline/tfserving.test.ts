import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { TfServingClient } from './tfserving.ts';
import { runRemoteBaseline } from './run.ts';
import { fromNested, toNested } from './nested.ts';
import { startTestServer, json, type TestServer } from '../../../tests/setup/http-server.ts';
import type { BaselineError } from './errors.ts';

let srv: TestServer;
beforeAll(async () => (srv = await startTestServer()));
afterAll(() => srv.close());

const input = { features: { type: 'float32' as const, dims: [1, 3], data: new Float32Array([1, 2, 3]) } };
const available = { model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] };

describe('TfServingClient (REST predict, columnar form)', () => {
  it('sends {"inputs": {name: nested}} and reads named outputs', async () => {
    let sent: unknown;
    srv.handle((req, res, body) => {
      if (req.url === '/v1/models/m') return json(res, 200, available);
      sent = JSON.parse(body);
      json(res, 200, { outputs: { scores: [[0.25, 0.75]], ids: [[1]] } });
    });
    const c = new TfServingClient(srv.url, { model: 'm' });
    await c.check();
    const r = await c.predict(input, { outputs: ['scores'] });
    expect(sent).toEqual({ inputs: { features: [[1, 2, 3]] } });
    expect(r.outputs.scores).toEqual({ type: 'float64', dims: [1, 2], data: new Float64Array([0.25, 0.75]) });
    expect(r.outputs.ids!.dims).toEqual([1, 1]);
  });

  it('a single unnamed output takes the expected name', async () => {
    srv.handle((_q, res) => json(res, 200, { outputs: [[0.5, 0.5]] }));
    const r = await new TfServingClient(srv.url, { model: 'm' }).predict(input, { outputs: ['probabilities'] });
    expect(r.outputs.probabilities!.dims).toEqual([1, 2]);
  });

  it('an error body {"error"} with 400 is quoted', async () => {
    srv.handle((_q, res) => json(res, 400, { error: 'Input to reshape is a tensor with 3 values' }));
    const e = (await new TfServingClient(srv.url, { model: 'm' }).predict(input).catch((x) => x)) as BaselineError;
    expect(e.name).toBe('BaselineError');
    expect(e.kind).toBe('http');
    expect(e.message).toMatch(/HTTP 400: Input to reshape/);
  });

  it('a model that is not AVAILABLE is not ready', async () => {
    srv.handle((_q, res) => json(res, 200, { model_version_status: [{ version: '2', state: 'LOADING' }] }));
    const e = (await new TfServingClient(srv.url, { model: 'm' }).check().catch((x) => x)) as BaselineError;
    expect(e.kind).toBe('not-ready');
    expect(e.message).toMatch(/2:LOADING/);
  });

  it('ragged outputs are a shape error; missing outputs are named', async () => {
    srv.handle((_q, res) => json(res, 200, { outputs: { scores: [[1, 2], [3]] } }));
    const e = (await new TfServingClient(srv.url, { model: 'm' }).predict(input).catch((x) => x)) as BaselineError;
    expect(e.kind).toBe('shape');
    expect(e.message).toMatch(/ragged array at \[1\]/);
    srv.handle((_q, res) => json(res, 200, { outputs: { other: [1] } }));
    const f = (await new TfServingClient(srv.url, { model: 'm' }).predict(input, { outputs: ['scores'] }).catch((x) => x)) as BaselineError;
    expect(f.kind).toBe('missing-output');
  });

  it('runRemoteBaseline drives it', async () => {
    srv.handle((req, res) => (req.url === '/v1/models/m' ? json(res, 200, available) : json(res, 200, { predictions: [[0.1, 0.9]] })));
    const r = await runRemoteBaseline({ protocol: 'tfserving', url: srv.url, model: 'm' }, [input, input], { outputs: ['p'] });
    expect(r.results.map((x) => Array.from(x.outputs.p!.data as Float64Array))).toEqual([[0.1, 0.9], [0.1, 0.9]]);
  });
});

describe('nested arrays', () => {
  it('round-trips a tensor and finds its shape', () => {
    const t = { type: 'float32' as const, dims: [2, 1, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) };
    expect(toNested(t)).toEqual([[[1, 2, 3]], [[4, 5, 6]]]);
    expect(fromNested(toNested(t))).toEqual({ dims: [2, 1, 3], values: [1, 2, 3, 4, 5, 6] });
  });
  it('a scalar, an empty list, and non-numbers', () => {
    expect(fromNested(3)).toEqual({ dims: [], values: [3] });
    expect(fromNested([])).toEqual({ dims: [0], values: [] });
    expect(fromNested([['a']])).toEqual({ error: 'value at [0][0] is "a", expected a number' });
  });
});
