// Turns output tensors into float64 values for comparison, and checks that a device output and
// its baseline describe the same thing (same shape, same kind of data) before any metric runs.
import type { ElementType, PlainTensor, TypedArray } from '../tensors/types.ts';
import { fromFloat16Array } from '../tensors/float16.ts';
import { OutputMismatchError } from './errors.ts';

/** Kinds of element data that can be compared with each other. */
export type ValueKind = 'float' | 'integer' | 'bool' | 'string';

/** The kind of an element type: float16/32/64 compare with each other, as do all integer types. */
export function valueKind(type: ElementType): ValueKind {
  if (type === 'float16' || type === 'float32' || type === 'float64') return 'float';
  if (type === 'bool') return 'bool';
  if (type === 'string') return 'string';
  return 'integer';
}

/**
 * Element values as float64 (exact for float16/32/64 and for integers up to 2^53; bool as 0/1).
 * @throws OutputMismatchError for string tensors, which have no numeric error.
 */
export function toFloat64(t: PlainTensor, what: string): Float64Array {
  if (t.type === 'string') throw new OutputMismatchError(`${what}: string tensors cannot be compared numerically`);
  if (t.type === 'float16') return Float64Array.from(fromFloat16Array(t.data as Uint16Array));
  const src = t.data as TypedArray;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Number(src[i]);
  return out;
}

function squeezed(dims: readonly number[]): number[] {
  return dims.filter((d) => d !== 1);
}

/**
 * Check that `device` and `baseline` can be compared element by element: the same kind of data
 * (see valueKind) and the same shape. Shapes that differ only in size-1 dims ([10] vs [1, 10])
 * are accepted: the elements line up the same way.
 * @throws OutputMismatchError naming the output and both shapes or types.
 */
export function assertComparable(device: PlainTensor, baseline: PlainTensor, name = 'output'): void {
  const dk = valueKind(device.type);
  const bk = valueKind(baseline.type);
  if (dk !== bk) {
    throw new OutputMismatchError(
      `${name}: device output is ${device.type} but the baseline is ${baseline.type}; only float vs float, integer vs integer or bool vs bool can be compared`,
    );
  }
  if (device.data.length !== baseline.data.length) {
    throw new OutputMismatchError(
      `${name}: device shape [${device.dims.join(', ')}] has ${device.data.length} elements, baseline shape [${baseline.dims.join(', ')}] has ${baseline.data.length}`,
    );
  }
  const same = device.dims.length === baseline.dims.length && device.dims.every((d, i) => d === baseline.dims[i]);
  const a = squeezed(device.dims);
  const b = squeezed(baseline.dims);
  if (!same && !(a.length === b.length && a.every((d, i) => d === b[i]))) {
    throw new OutputMismatchError(
      `${name}: device shape [${device.dims.join(', ')}] differs from baseline shape [${baseline.dims.join(', ')}] (beyond size-1 dims)`,
    );
  }
}
