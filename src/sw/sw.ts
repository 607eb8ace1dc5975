// The service worker: precaches the built app (onnxruntime's wasm, bundled models and samples
// included) so it loads with the network off, and re-serves same-origin responses with COOP/COEP
// so wasm threads work on static hosts that cannot send those headers (coi-serviceworker technique).
// It is compiled on its own by scripts/vite-sw.ts, which prepends PRECACHE, VERSION and ISOLATION
// (from src/lib/http/isolation.ts): no imports.
/// <reference lib="webworker" />
export {};

declare const self: ServiceWorkerGlobalScope;
/** Files to precache: paths relative to the scope, size in bytes, content hash (set at build time). */
declare const PRECACHE: PrecacheFile[];
/** Hash of every precached file's path and content: a new build gets a new cache. */
declare const VERSION: string;

interface PrecacheFile {
  url: string;
  bytes: number;
  hash: string;
}

const CACHE_PREFIX = 'edgeprobe-precache-';
const CACHE = `${CACHE_PREFIX}${VERSION}`;
/** Each build's cache keeps its file → content-hash list here, so a later build can reuse files. */
const MANIFEST_KEY = '__edgeprobe/precache-manifest';
/** Written by the page (allowed-origins.ts): origins the user configured as a baseline. */
const SETTINGS_CACHE = 'edgeprobe-settings';
const ALLOWED_ORIGINS_KEY = '__edgeprobe/allowed-origins';
/** The isolation headers (src/lib/http/isolation.ts), set at build time. */
declare const ISOLATION: Record<string, string>;
const scope = new URL(self.registration.scope);
const precached = new Set(PRECACHE.map((f) => new URL(f.url, scope).pathname));
const totalBytes = PRECACHE.reduce((s, f) => s + f.bytes, 0);

export type SwMessage =
  | { type: 'progress'; version: string; doneBytes: number; totalBytes: number; files: number; doneFiles: number; complete: boolean }
  | { type: 'status'; version: string; complete: boolean; cachedFiles: number; files: number; totalBytes: number }
  | { type: 'failed'; version: string; message: string };

async function broadcast(msg: SwMessage): Promise<void> {
  for (const c of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) c.postMessage(msg);
}

/**
 * The shell (pages, scripts, styles, icons) is cached at install, so the worker takes control within
 * a second or two of the first visit; onnxruntime's wasm, the models and the samples (most of the
 * bytes) are fetched right after, in the background, with progress reported to the page.
 */
const isShell = (url: string) => !/\.wasm$|^models\/|^samples\//.test(url);

self.addEventListener('install', (ev) => {
  ev.waitUntil(fill(PRECACHE.filter((f) => isShell(f.url)), false).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (ev) => {
  ev.waitUntil(self.clients.claim());
});

let filling: Promise<void> | null = null;

/** Cache the rest of this build (once at a time), then drop the caches of earlier builds. */
function fillAll(): Promise<void> {
  filling ??= fill(PRECACHE, true)
    .then(async () => {
      for (const key of await caches.keys()) if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
    })
    .finally(() => (filling = null));
  return filling;
}

/** Where each content hash sits in the caches of earlier builds (their manifests). */
async function earlierFiles(): Promise<Map<string, { cache: string; url: string }>> {
  const found = new Map<string, { cache: string; url: string }>();
  for (const key of await caches.keys()) {
    if (!key.startsWith(CACHE_PREFIX) || key === CACHE) continue;
    const res = await (await caches.open(key)).match(new URL(MANIFEST_KEY, scope));
    if (!res) continue;
    try {
      for (const f of (await res.json()) as PrecacheFile[]) if (typeof f.hash === 'string') found.set(f.hash, { cache: key, url: f.url });
    } catch {
      // an unreadable manifest only means nothing is reused from that cache
    }
  }
  return found;
}

/**
 * The same file from an earlier build's cache, by content hash (models, samples, wasm and chunks
 * alike); for caches written before manifests existed, a content-hashed /assets file by its URL.
 */
async function fromEarlierBuild(f: PrecacheFile, url: URL, earlier: Map<string, { cache: string; url: string }>): Promise<Response | undefined> {
  const prev = earlier.get(f.hash);
  if (prev) {
    const res = await (await caches.open(prev.cache)).match(new URL(prev.url, scope));
    if (res?.ok) return res;
  }
  return /^assets\//.test(f.url) ? caches.match(url) : undefined;
}

/** Fetch files missing from this build's cache, four at a time, reporting progress (`whole`: all of PRECACHE). */
async function fill(files: PrecacheFile[], whole: boolean): Promise<void> {
  const cache = await caches.open(CACHE);
  await cache.put(new URL(MANIFEST_KEY, scope), new Response(JSON.stringify(PRECACHE), { headers: { 'Content-Type': 'application/json' } }));
  const earlier = await earlierFiles();
  const queue = [...files];
  let doneBytes = 0;
  let doneFiles = 0;
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const url = new URL(f.url, scope);
      if (!(await cache.match(url))) {
        // A file an earlier build already cached with the same content is copied, not downloaded.
        const res = (await fromEarlierBuild(f, url, earlier)) ?? (await fetch(url, { cache: 'reload' }));
        if (!res.ok) throw new Error(`saving ${url.pathname} failed: HTTP ${res.status}`);
        await cache.put(url, res);
      }
      doneBytes += f.bytes;
      doneFiles++;
      void broadcast({ type: 'progress', version: VERSION, doneBytes, totalBytes: total, files: files.length, doneFiles, complete: whole && doneFiles === files.length });
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } catch (e) {
    await broadcast({ type: 'failed', version: VERSION, message: (e as Error).message });
    throw e;
  }
}

/** The page asks for the status on every load; an incomplete cache is filled up meanwhile. */
self.addEventListener('message', (ev) => {
  if ((ev.data as { type?: string })?.type !== 'status') return;
  ev.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const cachedFiles = (await cache.keys()).filter((r) => precached.has(new URL(r.url).pathname)).length;
      const complete = cachedFiles >= precached.size;
      const msg: SwMessage = { type: 'status', version: VERSION, complete, cachedFiles, files: precached.size, totalBytes };
      (ev.source as Client | null)?.postMessage(msg);
      // A shared-link visit (`lean`) keeps only what the page uses (the shell, the one onnxruntime
      // build and the model, cached as fetched); the whole precache waits for the user to ask.
      const lean = (ev.data as { lean?: boolean }).lean === true;
      if (!complete && !lean) await fillAll().catch(() => undefined); // 'failed' was broadcast
    })(),
  );
});

self.addEventListener('fetch', (ev) => {
  const req = ev.request;
  const url = new URL(req.url);
  // Only our own GETs: the baseline's POSTs and anything cross-origin go to the network untouched
  // (the page's CSP and its fetch guard decide whether they may leave at all).
  if (req.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  ev.respondWith(serve(req, url));
});

/** Where `npm start` says its baseline runs (state/compare.svelte.ts BASELINE_INFO_PATH). */
const BASELINE_INFO = 'edgeprobe-baseline.json';

/** Cache first for this build's files; the network for anything else; the app's page as the fallback. */
async function serve(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const navigate = req.mode === 'navigate';
  let path = url.pathname;
  if (navigate && path.endsWith('/')) path += 'index.html';
  const ours = precached.has(path);
  let res = ours ? await cache.match(new URL(path, url)) : undefined;
  if (!res) {
    try {
      res = await fetch(req);
      // Not saved yet (the background fill is still running): keep what the page just used.
      if (ours && res.ok && res.type === 'basic') await cache.put(new URL(path, url), res.clone());
    } catch (e) {
      // Offline: a navigation still gets the app (its router is the hash). The local-baseline note
      // (`npm start` writes it) only matters online: answer "none here" rather than a failed request.
      if (path.endsWith(`/${BASELINE_INFO}`)) return new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } });
      const page = navigate ? await cache.match(new URL('index.html', scope)) : undefined;
      if (!page) throw e;
      res = page;
    }
  }
  if (navigate && isHtml(res)) return withCsp(isolated(res));
  if (req.destination === 'worker' || req.destination === 'sharedworker') return withWorkerCsp(isolated(res));
  return isolated(res);
}

/** The meta CSP binds the page only: a worker takes its policy from its own script's headers. */
const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; connect-src 'self' blob: data: http://localhost:* http://127.0.0.1:*";

/** The same limits for the engine and data workers as for the page (with the configured origins). */
async function withWorkerCsp(res: Response): Promise<Response> {
  if (res.status === 0 || res.type === 'opaque') return res;
  const origins = await allowedOrigins();
  const headers = new Headers(res.headers);
  headers.set('Content-Security-Policy', origins.length ? WORKER_CSP.replace("connect-src 'self'", `connect-src 'self' ${origins.join(' ')}`) : WORKER_CSP);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function isHtml(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').includes('text/html');
}

/** The same response with COOP/COEP/CORP added, so the page is cross-origin isolated. */
function isolated(res: Response): Response {
  if (res.status === 0 || res.type === 'opaque' || res.type === 'opaqueredirect') return res;
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/**
 * A meta CSP cannot change at run time, so the page's connect-src names only 'self' and loopback.
 * Origins the user configured as a baseline are added here, in the copy of the page we serve.
 */
async function withCsp(res: Response): Promise<Response> {
  const origins = await allowedOrigins();
  if (!origins.length) return res;
  const html = await res.text();
  const patched = html.replace(/(http-equiv="Content-Security-Policy"\s+content="[^"]*?connect-src 'self')/, `$1 ${origins.join(' ')}`);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(patched, { status: res.status, statusText: res.statusText, headers });
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** Only plain http(s) origins survive: a value stored by a bug or by hand cannot widen the CSP. */
async function allowedOrigins(): Promise<string[]> {
  try {
    const res = await (await caches.open(SETTINGS_CACHE)).match(new URL(ALLOWED_ORIGINS_KEY, scope));
    const list = res ? ((await res.json()) as unknown) : [];
    if (!Array.isArray(list)) return [];
    return list.filter((o): o is string => typeof o === 'string' && ORIGIN.test(o));
  } catch {
    return [];
  }
}
