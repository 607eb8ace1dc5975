// CORS: origin matching, and over real HTTP the preflight, the headers on answers, and the
// Cross-Origin-Resource-Policy header that COEP require-corp pages need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originMatcher, DEFAULT_CORS } from './cors.ts';
import { startServer, type RunningServer } from './server.ts';
import { postJson, rawRequest } from './test-client.ts';

const MODEL = 'tests/fixtures/server/add.onnx';

describe('originMatcher', () => {
  it('allows any port of localhost and 127.0.0.1 by default, and nothing else', () => {
    const ok = originMatcher(DEFAULT_CORS);
    expect(ok('http://localhost:5173')).toBe(true);
    expect(ok('http://localhost')).toBe(true);
    expect(ok('http://127.0.0.1:4173')).toBe(true);
    expect(ok('http://[::1]:8080')).toBe(true);
    expect(ok('http://localhost.evil.com')).toBe(false);
    expect(ok('http://localhost:80.evil.com')).toBe(false);
    expect(ok('https://localhost:5173')).toBe(false);
    expect(ok('https://example.com')).toBe(false);
    expect(ok('null')).toBe(false);
  });

  it('matches exact origins case-insensitively, and * matches everything', () => {
    const ok = originMatcher(['https://app.example.com/']);
    expect(ok('https://APP.example.com')).toBe(true);
    expect(ok('https://app.example.com:444')).toBe(false);
    expect(originMatcher(['*'])('https://anything.test')).toBe(true);
    expect(originMatcher([])('http://localhost:1')).toBe(false);
  });
});

describe('CORS over HTTP', () => {
  let server: RunningServer;
  let open: RunningServer;
  beforeAll(async () => {
    server = await startServer({ models: [MODEL], port: 0, workers: 1, log: () => {} });
    open = await startServer({ models: [MODEL], port: 0, workers: 1, cors: ['*'], log: () => {} });
  });
  afterAll(async () => {
    await server.close();
    await open.close();
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const r = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type', 'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(r.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(r.headers['access-control-allow-headers']).toBe('content-type');
    expect(r.headers['access-control-allow-private-network']).toBe('true');
    expect(r.headers.vary).toBe('Origin');
  });

  it('refuses a preflight from another origin with 403 and no CORS grant', async () => {
    const r = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/origin https:\/\/evil\.example is not allowed; start the server with --cors/);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('grants allowed origins on answers, exposes Server-Timing, and sends CORP everywhere', async () => {
    const body = { inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }, { name: 'y', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] };
    const r = await postJson(server.url, '/v2/models/add/infer', body, { Origin: 'http://127.0.0.1:4173' });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4173');
    expect(r.headers['access-control-expose-headers']).toMatch(/Server-Timing/);
    expect(r.headers['timing-allow-origin']).toBe('http://127.0.0.1:4173');
    expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const denied = await rawRequest(server.url, '/v2/health/live', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(denied.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const notFound = await rawRequest(server.url, '/nope', { headers: { Origin: 'http://localhost:5173' } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('answers * when started with --cors *', async () => {
    const r = await rawRequest(open.url, '/v2/models/add', { headers: { Origin: 'https://anywhere.example' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });
});
