// Which buffers of plain tensors can be transferred across a worker boundary (no copy).
import type { PlainTensor, TypedArray } from './types.ts';

/** The transferable buffers of a set of tensors (skipping shared or duplicate buffers). */
export function buffersOf(tensors: Iterable<PlainTensor>): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const t of tensors) {
    if (Array.isArray(t.data)) continue;
    const b = (t.data as TypedArray).buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0) seen.add(b);
  }
  return [...seen];
}
