import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCertificate, isLoopbackHost } from './tls.ts';

const dir = mkdtempSync(join(tmpdir(), 'ep-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LAN certificate', () => {
  it('is made on first use, covers the names, is kept and reused, and serves HTTPS', async () => {
    const a = await ensureCertificate(['192.168.1.20', 'laptop.local'], dir);
    expect(a.created).toBe(true);
    const x = new X509Certificate(a.cert);
    expect(x.subjectAltName).toContain('IP Address:192.168.1.20');
    expect(x.subjectAltName).toContain('DNS:laptop.local');
    expect(x.subjectAltName).toContain('DNS:localhost');
    expect(a.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const b = await ensureCertificate(['192.168.1.20'], dir);
    expect(b.created).toBe(false);
    expect(b.fingerprint).toBe(a.fingerprint);
    const c = await ensureCertificate(['10.0.0.7'], dir);
    expect(c.created).toBe(true);

    const server = createServer({ key: c.key, cert: c.cert }, (_q, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const { request } = await import('node:https');
    const text = await new Promise<string>((ok, fail) => {
      request({ host: '127.0.0.1', port, path: '/', ca: c.cert, servername: 'localhost' }, (res) => {
        let t = '';
        res.on('data', (d) => (t += d));
        res.on('end', () => ok(t));
      }).on('error', fail).end();
    });
    server.close();
    expect(text).toBe('ok');
  });

  it('tells loopback hosts from LAN ones', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('192.168.1.2')).toBe(false);
  });
});
