// The service worker plugin's precache manifest: every built file but maps, the worker itself and
// dot-files; sizes in bytes; a version that changes with any file's content and nothing else.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { precacheManifest } from './vite-sw.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-sw-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets/main-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets/main-abc.js.map'), '{}');
  writeFileSync(join(dir, 'assets/ort-wasm-simd-threaded-x.wasm'), new Uint8Array(1000));
  writeFileSync(join(dir, 'models/weather.onnx'), new Uint8Array(10));
  writeFileSync(join(dir, 'sw.js'), '// old worker');
  writeFileSync(join(dir, '.DS_Store'), 'x');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exclude = (p: string) => /\.map$|(^|\/)\.|^sw\.js$/.test(p);

describe('precacheManifest', () => {
  it('lists every built file with its size and content hash, sorted, without maps, dot-files or the worker', () => {
    const { entries } = precacheManifest(dir, exclude);
    const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 32);
    expect(entries).toEqual([
      { url: 'assets/main-abc.js', bytes: 14, hash: sha('console.log(1)') },
      { url: 'assets/ort-wasm-simd-threaded-x.wasm', bytes: 1000, hash: sha(new Uint8Array(1000)) },
      { url: 'index.html', bytes: 15, hash: sha('<!doctype html>') },
      { url: 'models/weather.onnx', bytes: 10, hash: sha(new Uint8Array(10)) },
    ]);
  });

  it('has a version that is stable, and changes when any precached byte or name changes', () => {
    const v0 = precacheManifest(dir, exclude).version;
    expect(v0).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheManifest(dir, exclude).version).toBe(v0);
    writeFileSync(join(dir, 'assets/main-abc.js.map'), '{"changed":true}');
    expect(precacheManifest(dir, exclude).version).toBe(v0); // not precached, not in the version
    writeFileSync(join(dir, 'models/weather.onnx'), new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const v1 = precacheManifest(dir, exclude).version;
    expect(v1).not.toBe(v0);
    writeFileSync(join(dir, 'models/weather2.onnx'), '');
    expect(precacheManifest(dir, exclude).version).not.toBe(v1);
  });
});
