// Byte sources accepted by the readers (whole buffers, Blobs/Files, streams, async iterables),
// read as a sequence of chunks so large files never need one contiguous copy.

/** Anything a reader can consume. */
export type ByteSource = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const CHUNK = 4 << 20;

/** Total size in bytes when it is known up front. */
export function sizeOf(source: ByteSource): number | undefined {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return undefined;
}

/** Yields the bytes of `source` in chunks of about 4 MiB (streams: as they arrive). */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof ArrayBuffer) source = new Uint8Array(source);
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += CHUNK) yield source.subarray(i, Math.min(source.length, i + CHUNK));
    return;
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    for (let i = 0; i < source.size; i += CHUNK) {
      yield new Uint8Array(await source.slice(i, Math.min(source.size, i + CHUNK)).arrayBuffer());
    }
    return;
  }
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}
