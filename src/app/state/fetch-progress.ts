// Reading a URL or a File into bytes with progress, so large models show a moving bar.

export type ByteProgress = (loaded: number, total: number | null) => void;

/** Fetch a URL into one Uint8Array, reporting bytes as they arrive. */
export async function fetchBytes(url: string, onProgress?: ByteProgress, signal?: AbortSignal): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${(e as Error).message} (is the address right, and does the server allow this origin with CORS?)`);
  }
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length')) || null;
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  return readStream(res.body, total, onProgress);
}

/** Read a File (picker or drop) with progress. */
export function readFileBytes(file: Blob, onProgress?: ByteProgress): Promise<Uint8Array> {
  return readStream(file.stream(), file.size, onProgress);
}

async function readStream(stream: ReadableStream<Uint8Array>, total: number | null, onProgress?: ByteProgress): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.(loaded, total);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** @deprecated import formatBytes from src/lib/format.ts (kept for callers on other branches). */
export { formatBytes } from '../../lib/format.ts';
