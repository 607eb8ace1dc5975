// The service worker of one build, run against fake Cache Storage: a later build copies every file
// whose content hash an earlier build cached (models and samples included, whatever their URL) and
// downloads only what changed; the earlier build's cache is dropped once the new one is complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { writeServiceWorker } from './vite-sw.ts';

const SCOPE = 'http://localhost/';

/** Cache Storage in memory, enough of the API for sw.ts. */
function fakeCaches() {
  const store = new Map<string, Map<string, { body: Uint8Array; type: string }>>();
  const open = async (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const c = store.get(name)!;
    return {
      async match(u: URL | string) {
        const e = c.get(String(u));
        return e ? new Response(e.body.slice(), { headers: { 'Content-Type': e.type } }) : undefined;
      },
      async put(u: URL | string, res: Response) {
        c.set(String(u), { body: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' });
      },
      async keys() {
        return [...c.keys()].map((url) => ({ url }));
      },
    };
  };
  return {
    store,
    api: {
      open,
      keys: async () => [...store.keys()],
      delete: async (name: string) => store.delete(name),
      async match(u: URL | string) {
        for (const name of store.keys()) {
          const r = await (await open(name)).match(u);
          if (r) return r;
        }
        return undefined;
      },
    },
  };
}

/** Install build `dir`'s sw.js in `caches` and let it fill its whole cache; returns the URLs it downloaded. */
async function installAndFill(dir: string, caches: ReturnType<typeof fakeCaches>['api']): Promise<string[]> {
  const fetched: string[] = [];
  const listeners = new Map<string, (ev: unknown) => void>();
  const self = {
    registration: { scope: SCOPE },
    addEventListener: (type: string, fn: (ev: unknown) => void) => listeners.set(type, fn),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined, matchAll: async () => [] },
  };
  const fetch = async (u: URL | string) => {
    const path = new URL(String(u)).pathname.slice(1);
    fetched.push(path);
    return new Response(readFileSync(join(dir, path)));
  };
  runInNewContext(readFileSync(join(dir, 'sw.js'), 'utf8'), { self, caches, fetch, URL, Response, Headers, console });
  const waits: Promise<unknown>[] = [];
  listeners.get('install')!({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
  await Promise.all(waits);
  // The page asks for the status; an incomplete cache is then filled in the background.
  listeners.get('message')!({ data: { type: 'status' }, source: { postMessage() {} }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
  await Promise.all(waits);
  return fetched.sort();
}

function writeBuild(dir: string, files: Record<string, string | Uint8Array>) {
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), body);
  }
}

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'edgeprobe-sw-reuse-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('service worker cache reuse across builds', () => {
  it('downloads only changed files; models, samples and renamed-but-identical files are copied', async () => {
    const model = new Uint8Array(4096).map((_, i) => i % 251);
    const one = join(base, 'one');
    const two = join(base, 'two');
    writeBuild(one, {
      'index.html': '<!doctype html><p>v1</p>', 'assets/main-aaa.js': 'console.log(1)', 'assets/ort-x.wasm': model.slice(0, 100),
      'models/weather.onnx': model, 'samples/weather-2012.csv': 'a,b\n1,2\n',
    });
    writeBuild(two, {
      'index.html': '<!doctype html><p>v2</p>', 'assets/main-bbb.js': 'console.log(2)', 'assets/ort-y.wasm': model.slice(0, 100),
      'models/weather.onnx': model, 'samples/weather-2012.csv': 'a,b\n1,2\n', 'samples/new.csv': 'x\n1\n',
    });
    const v1 = await writeServiceWorker(one);
    const v2 = await writeServiceWorker(two);
    expect(v2.version).not.toBe(v1.version);
    expect(v2.entries.find((e) => e.url === 'models/weather.onnx')!.hash).toBe(v1.entries.find((e) => e.url === 'models/weather.onnx')!.hash);

    const { api, store } = fakeCaches();
    expect(await installAndFill(one, api)).toEqual(['assets/main-aaa.js', 'assets/ort-x.wasm', 'index.html', 'models/weather.onnx', 'samples/weather-2012.csv']);
    // Build two: the wasm under a new name, the model and the old sample are the same bytes.
    expect(await installAndFill(two, api)).toEqual(['assets/main-bbb.js', 'index.html', 'samples/new.csv']);
    expect([...store.keys()]).toEqual([`edgeprobe-precache-${v2.version}`]);
    const cache = store.get(`edgeprobe-precache-${v2.version}`)!;
    expect(cache.get(`${SCOPE}models/weather.onnx`)!.body).toEqual(model);
    expect(cache.get(`${SCOPE}assets/ort-y.wasm`)!.body).toEqual(model.slice(0, 100));
  });
});
