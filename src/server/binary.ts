// The binary tensor data extension (Triton/KServe): a JSON header of Inference-Header-Content-Length
// bytes, then raw little-endian tensor bytes; BYTES elements are a 4-byte length and the bytes.
import type { PlainTensor, TypedArray } from '../lib/tensors/types.ts';
import { OIP_TO_ELEMENT, elementCount, type OipDatatype } from '../lib/tensors/oip.ts';
import { DataFormatError, InputShapeError } from '../lib/tensors/errors.ts';
import { firstInvalid } from '../lib/text/utf8.ts';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const CTORS: Record<Exclude<OipDatatype, 'BYTES'>, { BYTES_PER_ELEMENT: number; new (b: ArrayBuffer): TypedArray }> = {
  BOOL: Uint8Array, UINT8: Uint8Array, INT8: Int8Array, UINT16: Uint16Array, INT16: Int16Array,
  FP16: Uint16Array, UINT32: Uint32Array, INT32: Int32Array, FP32: Float32Array,
  UINT64: BigUint64Array, INT64: BigInt64Array, FP64: Float64Array,
};

/**
 * Decode one tensor's raw bytes. Typed arrays are read in host byte order, which is little-endian
 * on every platform onnxruntime-node ships for, as the extension requires.
 * @throws InputShapeError when the byte count does not fit `shape`; DataFormatError for bad BYTES framing.
 */
export function decodeBinaryTensor(name: string, datatype: OipDatatype, shape: number[], bytes: Buffer): PlainTensor {
  const n = elementCount(shape);
  const type = OIP_TO_ELEMENT[datatype];
  if (datatype === 'BYTES') {
    const out: string[] = [];
    let off = 0;
    while (off < bytes.length) {
      if (off + 4 > bytes.length) throw new DataFormatError(`tensor "${name}" (BYTES): truncated 4-byte length at byte ${off}`);
      const len = bytes.readUInt32LE(off);
      off += 4;
      if (off + len > bytes.length) throw new DataFormatError(`tensor "${name}" (BYTES): element ${out.length} claims ${len} bytes, only ${bytes.length - off} left`);
      try {
        // Strict: invalid UTF-8 would silently become U+FFFD and change what the model sees.
        out.push(STRICT_UTF8.decode(bytes.subarray(off, off + len)));
      } catch {
        throw new DataFormatError(`tensor "${name}" (BYTES): element ${out.length} is not valid UTF-8 (InvalidUtf8Error: first invalid byte at offset ${firstInvalid(bytes.subarray(off, off + len))} of the element)`);
      }
      off += len;
    }
    if (out.length !== n) throw new InputShapeError(`tensor "${name}": shape [${shape.join(', ')}] needs ${n} elements, binary data has ${out.length}`);
    return { type, dims: shape.slice(), data: out };
  }
  const Ctor = CTORS[datatype];
  if (bytes.length !== n * Ctor.BYTES_PER_ELEMENT) {
    throw new InputShapeError(
      `tensor "${name}": shape [${shape.join(', ')}] of ${datatype} needs ${n * Ctor.BYTES_PER_ELEMENT} bytes, binary data has ${bytes.length}`,
    );
  }
  // Copy into a fresh, aligned ArrayBuffer: the slice of the request buffer may be misaligned.
  const buf = new ArrayBuffer(bytes.length);
  new Uint8Array(buf).set(bytes);
  const data = new Ctor(buf);
  if (datatype === 'BOOL') {
    for (let i = 0; i < data.length; i++) {
      if ((data as Uint8Array)[i]! > 1) throw new DataFormatError(`tensor "${name}" (BOOL): byte ${i} is ${(data as Uint8Array)[i]}, expected 0 or 1`);
    }
  }
  return { type, dims: shape.slice(), data };
}

/** Encode a tensor's elements as the extension's raw bytes. */
export function encodeBinaryTensor(t: PlainTensor): Buffer {
  if (t.type === 'string') {
    const parts: Buffer[] = [];
    for (const s of t.data as string[]) {
      const b = Buffer.from(String(s), 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(b.length);
      parts.push(len, b);
    }
    return Buffer.concat(parts);
  }
  const d = t.data as TypedArray;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}
