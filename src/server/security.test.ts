// The server exposed to hostile clients, over real HTTP: slow uploads cannot lock inference out,
// foreign Host names (DNS rebinding) and foreign origins (simple requests included) are refused,
// readiness and the 503 text tell what holds the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { startServer, type RunningServer } from './server.ts';
import { postJson, rawRequest } from './test-client.ts';

const DIR = 'tests/fixtures/server';
const good = {
  inputs: [
    { name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] },
    { name: 'y', shape: [1, 3], datatype: 'FP32', data: [4, 5, 6] },
  ],
};

/**
 * The slow-upload attack: `n` connections (from `from`, a loopback address) that send infer headers
 * with Content-Length 100000 and the first byte of the body, then nothing more.
 */
async function slowUploads(url: string, n: number, from = '127.0.0.2'): Promise<Socket[]> {
  const u = new URL(url);
  const socks = await Promise.all(Array.from({ length: n }, () => new Promise<Socket>((resolve) => {
    const s = connect({ port: Number(u.port), host: u.hostname, localAddress: from }, () => {
      s.write(`POST /v2/models/add/infer HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
      resolve(s);
    });
    s.on('error', () => {});
  })));
  // Let the server see every request before the real one is sent.
  await new Promise((r) => setTimeout(r, 200));
  return socks;
}

/** A real infer that must be answered before a generous 3 s abort. */
async function inferWithin3s(url: string): Promise<Response> {
  return fetch(`${url}/v2/models/add/infer`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(good), signal: AbortSignal.timeout(3000),
  });
}

describe('slow uploads', () => {
  let server: RunningServer;
  let attack: Socket[] = [];
  beforeAll(async () => {
    // The set-up: 2 workers + 64 queue places, 66 trickling connections. The minimum rate
    // is off here so the attack stays in place for the whole test (its own test is below).
    server = await startServer({ models: [`${DIR}/add.onnx`], port: 0, workers: 2, maxQueue: 64, minBodyBytesPerSec: 0, maxConnectionsPerClient: 100, log: () => {} });
  });
  afterAll(async () => {
    for (const s of attack) s.destroy();
    await server.close();
  });

  it('a real /infer gets 200 within 3 s while 66 connections trickle their bodies', async () => {
    attack = await slowUploads(server.url, 66);
    const r = await inferWithin3s(server.url);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { outputs: { data: number[] }[] }).outputs[0]!.data).toEqual([5, 7, 9]);
    // Readiness is honest: nothing is saturated, and the uploads are reported apart.
    const ready = await rawRequest(server.url, '/v2/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ ready: true, saturated: false, running: 0, queued: 0, queue_limit: 64, receiving: 66 });
    const metrics = (await rawRequest(server.url, '/metrics')).body.toString();
    expect(metrics).toMatch(/^edgeprobe_requests_receiving 66$/m);
  });

  it('the same attack from the same address as the real client: still 200 (uploads hold no queue place)', async () => {
    const same = await slowUploads(server.url, 66, '127.0.0.1');
    try {
      expect((await inferWithin3s(server.url)).status).toBe(200);
    } finally {
      for (const s of same) s.destroy();
    }
  });
});

describe('body deadline, minimum rate and per-client cap', () => {
  it('answers a trickling body 408 (too slow, then past the deadline) and closes it', async () => {
    const server = await startServer({ models: [`${DIR}/add.onnx`], port: 0, bodyTimeoutMs: 60_000, minBodyBytesPerSec: 1000, log: () => {} });
    const late = await startServer({ models: [`${DIR}/add.onnx`], port: 0, bodyTimeoutMs: 300, minBodyBytesPerSec: 0, log: () => {} });
    try {
      for (const [s, pattern] of [[server, /arrives too slowly: 1 bytes in .* below the minimum of 1000 bytes\/s \(--min-body-rate\)/], [late, /not received in time: 1 of 100000 bytes .*--body-timeout/]] as const) {
        const reply = await new Promise<string>((resolve) => {
          const u = new URL(s.url);
          const sock = connect(Number(u.port), u.hostname, () => sock.write('POST /v2/models/add/infer HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n{'));
          let text = '';
          sock.on('data', (d) => (text += d.toString()));
          sock.on('close', () => resolve(text));
        });
        expect(reply).toMatch(/^HTTP\/1\.1 408/);
        expect(reply).toMatch(/connection: close/i);
        expect(reply).toMatch(pattern);
        expect((await postJson(s.url, '/v2/models/add/infer', good)).status).toBe(200);
      }
    } finally {
      await Promise.all([server.close(), late.close()]);
    }
  });

  it('answers connections past the per-client cap 429 and serves the others', async () => {
    const server = await startServer({ models: [`${DIR}/add.onnx`], port: 0, maxConnectionsPerClient: 4, minBodyBytesPerSec: 0, log: () => {} });
    const held = await slowUploads(server.url, 4, '127.0.0.1');
    try {
      const r = await postJson(server.url, '/v2/models/add/infer', good);
      expect(r.status).toBe(429);
      expect(r.json.error).toMatch(/too many connections from 127\.0\.0\.1: the limit is 4 per client/);
      expect(r.headers.connection).toBe('close');
      // Another client address is not affected.
      const other = await rawRequest(server.url, '/v2/models/add/infer', { method: 'POST', body: JSON.stringify(good), localAddress: '127.0.0.3' });
      expect(other.status).toBe(200);
      for (const s of held) s.destroy();
      await new Promise((res) => setTimeout(res, 50));
      expect((await postJson(server.url, '/v2/models/add/infer', good)).status).toBe(200);
    } finally {
      for (const s of held) s.destroy();
      await server.close();
    }
  });
});

describe('saturation', () => {
  it('readiness says 503 saturated, and the 503 text tells running, queued and still-receiving apart', async () => {
    const server = await startServer({ models: [`${DIR}/work.onnx`, `${DIR}/add.onnx`], port: 0, workers: 1, maxQueue: 1, minBodyBytesPerSec: 0, log: () => {} });
    const work = { inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [0.01] }, { name: 'size', shape: [2], datatype: 'INT64', data: [900, 900] }] };
    const uploads = await slowUploads(server.url, 3);
    // Enough heavy inferences that one runs and one waits for as long as the checks below take.
    const heavy = Array.from({ length: 6 }, () => postJson(server.url, '/v2/models/work/infer', work));
    try {
      let busy;
      for (let i = 0; i < 200 && busy?.status !== 503; i++) busy = await postJson(server.url, '/v2/models/add/infer', good);
      expect(busy!.status).toBe(503);
      expect(busy!.json.error).toMatch(/^server busy: 1 inference running and 1 queued \(queue limit 1\); 3 more requests are still receiving their bodies \(they hold no queue place\); retry later$/);
      const ready = await rawRequest(server.url, '/v2/health/ready');
      if (ready.status === 503) {
        expect(ready.json).toMatchObject({ ready: false, saturated: true, running: 1, queued: 1, receiving: 3 });
        expect(ready.json.reason).toMatch(/server busy/);
      } else {
        // The heavy requests can all have finished by now on a fast machine: then it is not saturated.
        expect(ready.json).toMatchObject({ ready: true, saturated: false });
      }
    } finally {
      for (const s of uploads) s.destroy();
      await Promise.all(heavy);
      await server.close();
    }
  });
});

describe('Host and Origin', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ models: [`${DIR}/add.onnx`], port: 0, log: () => {} });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a foreign Host (DNS rebinding) with 421 on every endpoint, before running anything', async () => {
    for (const path of ['/v2', '/v2/models/add', '/metrics']) {
      const r = await rawRequest(server.url, path, { headers: { Host: 'rebind.evil.example' } });
      expect(r.status).toBe(421);
      expect(r.json.error).toMatch(/Host "rebind.evil.example" is not a name this server answers to .*--allow-host/);
    }
    const infer = await rawRequest(server.url, '/v2/models/add/infer', { method: 'POST', body: JSON.stringify(good), headers: { Host: `rebind.evil.example:${new URL(server.url).port}`, 'Content-Type': 'application/json' } });
    expect(infer.status).toBe(421);
    expect(infer.body.toString()).not.toMatch(/outputs/);
    // Loopback names are answered.
    for (const host of ['localhost', `127.0.0.1:${new URL(server.url).port}`, '[::1]']) {
      expect((await rawRequest(server.url, '/v2', { headers: { Host: host } })).status).toBe(200);
    }
  });

  it('answers names added with allowedHosts / allowHost()', async () => {
    const lan = await startServer({ models: [`${DIR}/add.onnx`], port: 0, allowedHosts: ['edge.lan'], log: () => {} });
    try {
      expect((await rawRequest(lan.url, '/v2', { headers: { Host: 'edge.lan:8000' } })).status).toBe(200);
      expect((await rawRequest(lan.url, '/v2', { headers: { Host: 'phone.lan' } })).status).toBe(421);
      lan.allowHost('phone.lan');
      expect((await rawRequest(lan.url, '/v2', { headers: { Host: 'phone.lan' } })).status).toBe(200);
    } finally {
      await lan.close();
    }
  });

  it('refuses a simple cross-origin POST (text/plain, no preflight) from a foreign origin with 403', async () => {
    const r = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'POST', body: JSON.stringify(good), headers: { 'Content-Type': 'text/plain', Origin: 'http://evil.example' },
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/origin http:\/\/evil\.example is not allowed; start the server with --cors http:\/\/evil\.example/);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    // A GET from that origin is refused too; an allowed (local) origin is answered.
    expect((await rawRequest(server.url, '/v2/models/add', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const ok = await rawRequest(server.url, '/v2/models/add/infer', {
      method: 'POST', body: JSON.stringify(good), headers: { 'Content-Type': 'text/plain', Origin: 'http://localhost:4173' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:4173');
  });

  it('keeps Private Network Access preflights right for an allowed origin and refuses them for others', async () => {
    const pre = { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' } };
    const ok = await rawRequest(server.url, '/v2/models/add/infer', pre);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-private-network']).toBe('true');
    const evil = await rawRequest(server.url, '/v2/models/add/infer', { ...pre, headers: { ...pre.headers, Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-private-network']).toBeUndefined();
  });
});
