// PlainTensor <-> onnxruntime Tensor, inside the engine only. Output data is taken as it is
// (onnxruntime-web already copies it out of the wasm heap), so its buffer can be transferred.
import type * as Ort from 'onnxruntime-common';
import type { PlainTensor, TypedArray, ElementType } from '../lib/tensors/types.ts';
import { DataFormatError } from '../lib/tensors/errors.ts';

type OrtModule = Pick<typeof Ort, 'Tensor'>;

/** Build an onnxruntime tensor from plain data; bool travels as Uint8Array 0/1. */
export function toOrtTensor(ort: OrtModule, name: string, t: PlainTensor): Ort.Tensor {
  try {
    if (t.type === 'bool') {
      const src = t.data as Uint8Array;
      return new ort.Tensor('bool', src instanceof Uint8Array ? src : Uint8Array.from(src as ArrayLike<number>), t.dims);
    }
    // onnxruntime-web takes float16 as Uint16Array bits, which is how PlainTensor carries it.
    return new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
  } catch (e) {
    throw new DataFormatError(`input "${name}": ${(e as Error).message}`);
  }
}

/** Copy-free conversion of an onnxruntime output to plain data, then release the ort tensor. */
export function fromOrtTensor(t: Ort.Tensor): PlainTensor {
  let data = t.data as TypedArray | string[];
  let type = t.type as ElementType;
  // Some builds hand float16 back as Float16Array where the JS engine has it; keep raw bits.
  if (type === 'float16' && !(data instanceof Uint16Array)) {
    const buf = (data as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number });
    data = new Uint16Array(buf.buffer, buf.byteOffset, buf.length);
  }
  if (type === 'bool' && !(data instanceof Uint8Array)) data = Uint8Array.from(data as ArrayLike<number>);
  const out: PlainTensor = { type, dims: [...t.dims], data };
  t.dispose();
  return out;
}
