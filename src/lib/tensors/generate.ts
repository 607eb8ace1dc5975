// Seeded input generators for the generic tensor editor, benchmarks and smoke runs: the same seed
// always gives the same tensor, in Node and in the browser.
import type { ElementType, PlainTensor } from './types.ts';
import { InputShapeError } from './errors.ts';
import { float32ToFloat16Bits } from './float16.ts';
import { mulberry32 } from '../stats/prng.ts';

/** How to fill a generated tensor. */
export type Fill = 'random' | 'zeros' | 'ones';

export interface GenerateOptions {
  /** PRNG seed (an integer); default 0. */
  seed?: number;
  /** Float distribution for 'random': uniform in [0, 1) (default) or standard normal. */
  distribution?: 'uniform' | 'normal';
  /** Inclusive integer range for 'random' integer tensors; default [0, 9] (valid as an index or length). */
  intRange?: [number, number];
}

function normal(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // Box–Muller; 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const th = 2 * Math.PI * rand();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/**
 * Make a tensor of `spec.type` and concrete `spec.dims`.
 * 'random': floats uniform in [0, 1) or standard normal, integers uniform in `intRange`
 * (clamped to the type's range), bool 0/1, strings short lowercase words.
 * 'zeros' / 'ones': constant 0 / 1 (bool false / true, strings "" / "1").
 * @throws InputShapeError when a dim is not a non-negative integer (resolve symbolic dims first).
 */
export function generateInput(
  spec: { type: ElementType; dims: readonly number[] },
  fill: Fill,
  seedOrOptions: number | GenerateOptions = {},
): PlainTensor {
  const opts = typeof seedOrOptions === 'number' ? { seed: seedOrOptions } : seedOrOptions;
  for (const d of spec.dims) {
    if (!Number.isInteger(d) || d < 0) {
      throw new InputShapeError(`cannot generate a tensor with dims [${spec.dims.join(', ')}]: every dim must be a non-negative integer`);
    }
  }
  const n = spec.dims.reduce((a, b) => a * b, 1);
  const dims = spec.dims.slice();
  const rand = mulberry32(opts.seed ?? 0);
  const constant = fill === 'ones' ? 1 : 0;
  const floatGen = fill !== 'random' ? () => constant : opts.distribution === 'normal' ? normal(rand) : rand;
  const [lo, hi] = opts.intRange ?? [0, 9];
  const intGen = (min: number, max: number) => {
    if (fill !== 'random') return () => constant;
    const a = Math.max(lo, min);
    const b = Math.min(hi, max);
    return () => a + Math.floor(rand() * (b - a + 1));
  };
  const type = spec.type;
  switch (type) {
    case 'float32': return { type, dims, data: Float32Array.from({ length: n }, floatGen) };
    case 'float64': return { type, dims, data: Float64Array.from({ length: n }, floatGen) };
    case 'float16': {
      // Uniform draws just below 1 would round up to 1.0 in half precision; keep them in [0, 1).
      const top = fill === 'random' && opts.distribution !== 'normal' ? 0x3bff : 0xffff;
      return { type, dims, data: Uint16Array.from({ length: n }, () => Math.min(float32ToFloat16Bits(floatGen()), top)) };
    }
    case 'bool': return { type, dims, data: Uint8Array.from({ length: n }, intGen(0, 1)) };
    case 'int8': return { type, dims, data: Int8Array.from({ length: n }, intGen(-128, 127)) };
    case 'uint8': return { type, dims, data: Uint8Array.from({ length: n }, intGen(0, 255)) };
    case 'int16': return { type, dims, data: Int16Array.from({ length: n }, intGen(-32768, 32767)) };
    case 'uint16': return { type, dims, data: Uint16Array.from({ length: n }, intGen(0, 65535)) };
    case 'int32': return { type, dims, data: Int32Array.from({ length: n }, intGen(-(2 ** 31), 2 ** 31 - 1)) };
    case 'uint32': return { type, dims, data: Uint32Array.from({ length: n }, intGen(0, 2 ** 32 - 1)) };
    case 'int64': {
      const g = intGen(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      return { type, dims, data: BigInt64Array.from({ length: n }, () => BigInt(g())) };
    }
    case 'uint64': {
      const g = intGen(0, Number.MAX_SAFE_INTEGER);
      return { type, dims, data: BigUint64Array.from({ length: n }, () => BigInt(g())) };
    }
    case 'string': {
      const word = () => Array.from({ length: 1 + Math.floor(rand() * 8) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
      const gen = fill === 'random' ? word : () => (fill === 'ones' ? '1' : '');
      return { type, dims, data: Array.from({ length: n }, gen) };
    }
  }
}
