// Models the user chose to keep on this device, in Cache Storage (one cache, one entry per file,
// keyed by the model's sha256), so they load again offline; plus the origin's storage quota.
// Cache Storage rather than OPFS: it is in every browser with service workers, and lists cheaply.

const CACHE = 'edgeprobe-kept-models';
const PREFIX = '__kept/';

/** One kept model as listed: its files' total size in bytes. */
export interface KeptModel {
  sha256: string;
  name: string;
  /** Bytes of the model file and its external data files together. */
  bytes: number;
  /** ms since the epoch when it was kept. */
  savedAt: number;
  /** External data file paths, as the model records them. */
  externalData: string[];
}

/** What the browser reports for this origin (bytes); null fields where it does not say. */
export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  /** True when the browser promised not to evict this origin's data under storage pressure. */
  persisted: boolean;
}

/** Thrown when keeping or reading a model fails (no Cache Storage, quota exceeded, entry gone). */
export class StoredModelError extends Error {
  override name = 'StoredModelError';
}

function baseUrl(): string {
  return location.href.replace(/[#?].*$/, '').replace(/[^/]*$/, '');
}
const modelKey = (sha: string) => new URL(`${PREFIX}${sha}/model`, baseUrl()).href;
const dataKey = (sha: string, path: string) => new URL(`${PREFIX}${sha}/data/${encodeURIComponent(path)}`, baseUrl()).href;

async function open(): Promise<Cache> {
  if (!globalThis.caches) throw new StoredModelError('This browser offers no Cache Storage here (it needs a secure context: https or localhost), so models cannot be kept on the device.');
  return caches.open(CACHE);
}

/** Keep a model (and its external data) on this device; replaces an earlier copy with the same sha256. */
export async function keepModel(m: { name: string; sha256: string; bytes: Uint8Array; externalData?: { path: string; data: Uint8Array }[] }): Promise<void> {
  const cache = await open();
  const ext = m.externalData ?? [];
  const total = m.bytes.byteLength + ext.reduce((s, e) => s + e.data.byteLength, 0);
  const meta = { name: m.name, savedAt: Date.now(), bytes: total, externalData: ext.map((e) => e.path) };
  try {
    for (const e of ext) await cache.put(dataKey(m.sha256, e.path), new Response(e.data as Uint8Array<ArrayBuffer>));
    // The model entry goes last and carries the metadata: a model listed is a model complete.
    await cache.put(modelKey(m.sha256), new Response(m.bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': 'application/octet-stream', 'x-edgeprobe-meta': encodeURIComponent(JSON.stringify(meta)) },
    }));
  } catch (e) {
    await removeModel(m.sha256).catch(() => undefined);
    const quota = (e as Error).name === 'QuotaExceededError';
    throw new StoredModelError(quota
      ? `Not enough storage to keep ${m.name} (${(total / 1e6).toFixed(1)} MB): remove kept models or free space in the browser.`
      : `Could not keep ${m.name}: ${(e as Error).message}`);
  }
  // Ask once that kept models survive storage pressure; the browser may say no.
  await globalThis.navigator?.storage?.persist?.().catch(() => false);
}

/** Every kept model, newest first. */
export async function listKeptModels(): Promise<KeptModel[]> {
  if (!globalThis.caches) return [];
  const cache = await open();
  const out: KeptModel[] = [];
  for (const req of await cache.keys()) {
    const m = /__kept\/([0-9a-f]{64})\/model$/.exec(new URL(req.url).pathname);
    if (!m) continue;
    const res = await cache.match(req);
    const meta = parseMeta(res?.headers.get('x-edgeprobe-meta'));
    if (!meta) continue;
    out.push({ sha256: m[1]!, ...meta });
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

function parseMeta(header: string | null | undefined): Omit<KeptModel, 'sha256'> | null {
  if (!header) return null;
  try {
    const o = JSON.parse(decodeURIComponent(header)) as Partial<KeptModel>;
    if (typeof o.name !== 'string' || typeof o.bytes !== 'number') return null;
    return { name: o.name, bytes: o.bytes, savedAt: Number(o.savedAt) || 0, externalData: Array.isArray(o.externalData) ? o.externalData.map(String) : [] };
  } catch {
    return null;
  }
}

/** The bytes of a kept model and its external data files. */
export async function readKeptModel(sha256: string): Promise<{ name: string; bytes: Uint8Array; externalData: { path: string; data: Uint8Array }[] }> {
  const cache = await open();
  const res = await cache.match(modelKey(sha256));
  const meta = parseMeta(res?.headers.get('x-edgeprobe-meta'));
  if (!res || !meta) throw new StoredModelError(`The kept model ${sha256.slice(0, 12)}… is no longer on this device (the browser may have evicted it).`);
  const externalData = await Promise.all(meta.externalData.map(async (path) => {
    const r = await cache.match(dataKey(sha256, path));
    if (!r) throw new StoredModelError(`The kept model ${meta.name} lost its external data file "${path}"; remove it and keep it again.`);
    return { path, data: new Uint8Array(await r.arrayBuffer()) };
  }));
  return { name: meta.name, bytes: new Uint8Array(await res.arrayBuffer()), externalData };
}

/** Remove a kept model and its external data. */
export async function removeModel(sha256: string): Promise<void> {
  const cache = await open();
  for (const req of await cache.keys()) if (new URL(req.url).pathname.includes(`${PREFIX}${sha256}/`)) await cache.delete(req);
}

/** Whether a model with this sha256 is kept. */
export async function isKept(sha256: string): Promise<boolean> {
  if (!globalThis.caches) return false;
  return !!(await (await open()).match(modelKey(sha256)));
}

/** Usage and quota of this origin's storage (app cache, kept models, everything), as the browser estimates it. */
export async function storageInfo(): Promise<StorageInfo> {
  const s = globalThis.navigator?.storage;
  const est = await s?.estimate?.().catch(() => undefined);
  const persisted = (await s?.persisted?.().catch(() => false)) ?? false;
  return { usage: est?.usage ?? null, quota: est?.quota ?? null, persisted };
}
