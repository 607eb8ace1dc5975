// The static server never serves outside its root: `..` paths, encoded ones, and symlinks
// (to a file or a folder outside) are refused; a symlink that stays inside is served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from './static.ts';
import { rawRequest } from '../server/test-client.ts';

const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-static-'));
const root = join(tmp, 'dist');
let server: StaticServer;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  mkdirSync(join(tmp, 'private'));
  writeFileSync(join(tmp, 'private', 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(tmp, 'private', 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync(join(tmp, 'private'), join(root, 'private'));
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync(join(root, 'assets', 'a.js'), join(root, 'inside.js'));
  server = await serveStatic(root);
});
afterAll(async () => {
  await server.close();
});

describe('serveStatic', () => {
  it('serves files under the root, with the isolation headers', async () => {
    const r = await rawRequest(server.url, '/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toMatch(/<title>app/);
    expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect((await rawRequest(server.url, '/inside.js')).status).toBe(200);
  });

  it('refuses symlinks that lead outside the root, to files and through folders', async () => {
    for (const path of ['/secret.txt', '/private/secret.txt', '/passwd']) {
      const r = await rawRequest(server.url, path);
      expect(r.status).toBe(403);
      expect(r.body.toString()).not.toMatch(/TOP SECRET|root:/);
    }
  });

  it('refuses .. and encoded traversal', async () => {
    for (const path of ['/../private/secret.txt', '/%2e%2e/private/secret.txt', '/assets/..%2f..%2fprivate%2fsecret.txt']) {
      const r = await rawRequest(server.url, path);
      expect([403, 404]).toContain(r.status);
      expect(r.body.toString()).not.toMatch(/TOP SECRET/);
    }
  });
});
