import { describe, it, expect } from 'vitest';
import { generateInput } from './generate.ts';
import { mulberry32 } from '../stats/prng.ts';
import { InputShapeError } from './errors.ts';
import { float16BitsToFloat32 } from './float16.ts';
import type { ElementType } from './types.ts';

const all: ElementType[] = ['float32', 'float64', 'float16', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'string'];

describe('generateInput', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    for (const type of all) {
      const a = generateInput({ type, dims: [4, 5] }, 'random', 42);
      const b = generateInput({ type, dims: [4, 5] }, 'random', 42);
      const c = generateInput({ type, dims: [4, 5] }, 'random', 43);
      expect(a).toEqual(b);
      expect(a.data.length).toBe(20);
      if (type !== 'bool') expect(a).not.toEqual(c);
    }
  });

  it('fills zeros and ones for every type', () => {
    for (const type of all) {
      const z = generateInput({ type, dims: [3] }, 'zeros');
      const o = generateInput({ type, dims: [3] }, 'ones');
      const zv = Array.from(z.data as ArrayLike<unknown>);
      const ov = Array.from(o.data as ArrayLike<unknown>);
      if (type === 'string') {
        expect([zv, ov]).toEqual([['', '', ''], ['1', '1', '1']]);
      } else if (type === 'int64' || type === 'uint64') {
        expect([zv, ov]).toEqual([[0n, 0n, 0n], [1n, 1n, 1n]]);
      } else if (type === 'float16') {
        expect(ov.map((b) => float16BitsToFloat32(b as number))).toEqual([1, 1, 1]);
      } else {
        expect([zv, ov]).toEqual([[0, 0, 0], [1, 1, 1]]);
      }
    }
  });

  it('keeps random values in range: floats [0,1), ints [0,9], bool 0/1', () => {
    const f = generateInput({ type: 'float32', dims: [1000] }, 'random', 1).data as Float32Array;
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...f)).toBeLessThan(1);
    const h = generateInput({ type: 'float16', dims: [5000] }, 'random', 1).data as Uint16Array;
    expect(Math.max(...Array.from(h, float16BitsToFloat32))).toBeLessThan(1);
    const i = generateInput({ type: 'int64', dims: [1000] }, 'random', 1).data as BigInt64Array;
    expect(new Set(Array.from(i, Number))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const b = generateInput({ type: 'bool', dims: [100] }, 'random', 1).data as Uint8Array;
    expect(new Set(b)).toEqual(new Set([0, 1]));
    const r = generateInput({ type: 'int8', dims: [500] }, 'random', { seed: 2, intRange: [-3, 3] }).data as Int8Array;
    expect([Math.min(...r), Math.max(...r)]).toEqual([-3, 3]);
  });

  it('draws a standard normal when asked (mean ~0, sd ~1 over 20k draws)', () => {
    const x = generateInput({ type: 'float64', dims: [20000] }, 'random', { seed: 7, distribution: 'normal' }).data as Float64Array;
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    // Standard errors: mean 1/sqrt(n) = 0.007, sd ~0.005; 5 SE bounds.
    expect(Math.abs(mean)).toBeLessThan(0.035);
    expect(Math.abs(sd - 1)).toBeLessThan(0.025);
    expect(x.some((v) => v < 0)).toBe(true);
  });

  it('handles scalars and empty tensors', () => {
    expect(generateInput({ type: 'int64', dims: [] }, 'ones')).toEqual({ type: 'int64', dims: [], data: new BigInt64Array([1n]) });
    expect(generateInput({ type: 'float32', dims: [0, 3] }, 'random').data.length).toBe(0);
  });

  it('rejects symbolic or negative dims with InputShapeError', () => {
    expect(() => generateInput({ type: 'float32', dims: [-1, 3] }, 'zeros')).toThrow(InputShapeError);
    expect(() => generateInput({ type: 'float32', dims: [1.5] }, 'zeros')).toThrow(/non-negative integer/);
  });

  it('mulberry32 yields values in [0,1) with a fixed sequence', () => {
    const r = mulberry32(0);
    const seq = [r(), r(), r()];
    expect(seq.every((v) => v >= 0 && v < 1)).toBe(true);
    const r2 = mulberry32(0);
    expect([r2(), r2(), r2()]).toEqual(seq);
  });
});
