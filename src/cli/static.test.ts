// The one static server: isolation headers by default, none in plain mode; paths outside the root
// refused; directories served by their index.html; mounted files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from './static.ts';
import { ISOLATION_HEADERS } from '../lib/http/isolation.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><p>hi</p>');
  writeFileSync(join(dir, 'assets', 'main-abc.js'), 'export {};');
  writeFileSync(join(dir, 'extra.onnx'), new Uint8Array([1, 2, 3]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serveStatic', () => {
  it('sends the isolation headers, content types and caching by default', async () => {
    const s = await serveStatic(dir);
    try {
      const page = await fetch(`${s.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      for (const [k, v] of Object.entries(ISOLATION_HEADERS)) expect(page.headers.get(k)).toBe(v);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const asset = await fetch(`${s.url}/assets/main-abc.js`);
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
      expect((await fetch(`${s.url}/missing.txt`)).status).toBe(404);
      expect((await fetch(`${s.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(403);
      s.mount('/__m/model.onnx', join(dir, 'extra.onnx'));
      expect(new Uint8Array(await (await fetch(`${s.url}/__m/model.onnx`)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    } finally {
      await s.close();
    }
  });

  it('in plain mode sends neither isolation nor caching headers (a static host)', async () => {
    const s = await serveStatic(dir, { plain: true });
    try {
      const page = await fetch(`${s.url}/index.html`);
      expect(page.status).toBe(200);
      for (const k of Object.keys(ISOLATION_HEADERS)) expect(page.headers.get(k)).toBeNull();
      expect(page.headers.get('cache-control')).toBeNull();
    } finally {
      await s.close();
    }
  });
});
