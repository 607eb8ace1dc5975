// Binary wire form of plain tensors for crossing Node <-> page (the CLI's browser runtime): the raw
// bytes of each typed array as base64, so a [1,40,6625] float32 output is one 1.4 MB string that
// Playwright moves in one piece, not a 265 000-element JSON number array (parsed value by value).
import type { ElementType, PlainTensor, TensorMap, TypedArray } from './types.ts';
import { DataFormatError, InputShapeError } from './errors.ts';
import { checkedElementCount } from './oip.ts';

/** One tensor on the wire: `b64` holds the little-endian element bytes; strings stay strings. */
export interface WireTensor {
  type: ElementType;
  dims: number[];
  b64?: string;
  strings?: string[];
}

export type WireMap = Record<string, WireTensor>;

/** Constructors per numeric element type (float16 is raw Uint16 bits, bool Uint8 0/1, as PlainTensor). */
const ARRAYS: Readonly<Record<Exclude<ElementType, 'string'>, { new (b: ArrayBuffer): TypedArray; BYTES_PER_ELEMENT: number }>> = {
  float32: Float32Array, float64: Float64Array, float16: Uint16Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array, bool: Uint8Array,
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENC = new Uint8Array(64);
const DEC = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) {
  ENC[i] = ALPHABET.charCodeAt(i);
  DEC[ALPHABET.charCodeAt(i)] = i;
}
const ascii = new TextDecoder();

/** Standard base64 (with padding) of `bytes`; table-driven, so it runs the same in Node and the page. */
export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENC[v >> 18]!; out[o++] = ENC[(v >> 12) & 63]!; out[o++] = ENC[(v >> 6) & 63]!; out[o++] = ENC[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out[o++] = ENC[v >> 18]!; out[o++] = ENC[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? ENC[(v >> 6) & 63]! : 61;
    out[o++] = 61;
  }
  return ascii.decode(out);
}

/** Bytes of standard base64 `s` (padding optional). @throws DataFormatError on a character outside base64. */
export function base64ToBytes(s: string): Uint8Array {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  if (len % 4 === 1) throw new DataFormatError(`base64 data has an impossible length (${s.length} characters)`);
  const out = new Uint8Array((len * 3) >> 2);
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const d = c < 256 ? DEC[c]! : 255;
    if (d === 255) throw new DataFormatError(`base64 data has a bad character ${JSON.stringify(s[i])} at ${i}`);
    acc = (acc << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}

/** One tensor to its wire form (the bytes are copied into the string; the tensor is untouched). */
export function encodeTensor(t: PlainTensor): WireTensor {
  if (t.type === 'string') return { type: t.type, dims: t.dims.slice(), strings: (t.data as string[]).slice() };
  const a = t.data as TypedArray;
  return { type: t.type, dims: t.dims.slice(), b64: bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) };
}

/**
 * A wire tensor back to a PlainTensor (a fresh, aligned buffer).
 * @throws DataFormatError for an unknown type or missing data; InputShapeError when the byte count
 *         does not match the shape.
 */
export function decodeTensor(name: string, w: WireTensor): PlainTensor {
  const count = checkedElementCount(name, w.dims);
  if (w.type === 'string') {
    if (!Array.isArray(w.strings)) throw new DataFormatError(`tensor "${name}": a string tensor needs its strings`);
    if (w.strings.length !== count) throw new InputShapeError(`tensor "${name}": shape [${w.dims.join(', ')}] needs ${count} strings, got ${w.strings.length}`);
    return { type: 'string', dims: w.dims.slice(), data: w.strings.slice() };
  }
  const Ctor = Object.hasOwn(ARRAYS, w.type) ? ARRAYS[w.type] : undefined;
  if (!Ctor) throw new DataFormatError(`tensor "${name}": unknown element type ${JSON.stringify(w.type)}`);
  if (typeof w.b64 !== 'string') throw new DataFormatError(`tensor "${name}": a ${w.type} tensor needs its bytes (b64)`);
  const bytes = base64ToBytes(w.b64);
  if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
    throw new InputShapeError(`tensor "${name}": shape [${w.dims.join(', ')}] needs ${count * Ctor.BYTES_PER_ELEMENT} bytes of ${w.type}, got ${bytes.byteLength}`);
  }
  // bytes.buffer is fresh and exactly sized, so any element size is aligned.
  return { type: w.type, dims: w.dims.slice(), data: new Ctor(bytes.buffer as ArrayBuffer) };
}

export function encodeTensors(m: TensorMap): WireMap {
  const out: WireMap = {};
  for (const [name, t] of Object.entries(m)) out[name] = encodeTensor(t);
  return out;
}

export function decodeTensors(w: WireMap): TensorMap {
  const out: TensorMap = {};
  for (const [name, t] of Object.entries(w)) out[name] = decodeTensor(name, t);
  return out;
}
