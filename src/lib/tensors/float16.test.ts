import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16Array, toFloat16Array } from './float16.ts';
import fixture from './fixtures/float16.json' with { type: 'json' };

// Fixture: scripts/fixtures/make_tensor_fixtures.py (numpy float64 -> float16 casts).
const num = (v: number | string): number =>
  typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity;

describe('float32ToFloat16Bits', () => {
  it('matches numpy rounding for every reference value', () => {
    for (const [v, bits] of fixture.toHalf as [number | string, number][]) {
      expect([v, float32ToFloat16Bits(num(v))]).toEqual([v, bits]);
    }
  });

  it('handles signed zero, infinities and NaN', () => {
    expect(float32ToFloat16Bits(0)).toBe(0);
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(float32ToFloat16Bits(Infinity)).toBe(0x7c00);
    expect(float32ToFloat16Bits(-Infinity)).toBe(0xfc00);
    expect(float32ToFloat16Bits(NaN) & 0x7fff).toBe(0x7e00);
  });

  it('rounds ties to even at the subnormal edge and overflows to infinity', () => {
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(2); // tie between 1 and 2 -> even
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // halfway above max half -> Inf
    expect(float32ToFloat16Bits(65519)).toBe(0x7bff);
  });
});

describe('float16BitsToFloat32', () => {
  it('matches numpy for reference bit patterns', () => {
    for (const [bits, v] of fixture.fromHalf as [number, number | string][]) {
      expect(float16BitsToFloat32(bits)).toBe(num(v));
    }
  });

  it('decodes NaN bit patterns to NaN', () => {
    expect(float16BitsToFloat32(0x7e00)).toBeNaN();
    expect(float16BitsToFloat32(0xfc01)).toBeNaN();
  });

  it('round-trips every non-NaN half exactly (exhaustive)', () => {
    for (let b = 0; b < 0x10000; b++) {
      const isNaN = (b & 0x7c00) === 0x7c00 && (b & 0x3ff) !== 0;
      if (!isNaN && float32ToFloat16Bits(float16BitsToFloat32(b)) !== b) throw new Error(`bits ${b}`);
    }
    expect(float32ToFloat16Bits(float16BitsToFloat32(0x3555))).toBe(0x3555);
  });

  it('property: encoding picks the nearest half (error at most half an ulp)', () => {
    fc.assert(
      fc.property(fc.double({ min: -65504, max: 65504, noNaN: true }), (x) => {
        const bits = float32ToFloat16Bits(x);
        const y = float16BitsToFloat32(bits);
        const up = float16BitsToFloat32((bits & 0x7fff) === 0x7bff ? bits : bits + 1);
        const ulp = Math.abs(up - y) || 2 ** -24;
        return Math.abs(y - x) <= ulp / 2 + 1e-300 || (bits & 0x7fff) === 0;
      }),
    );
  });
});

describe('array helpers', () => {
  it('convert arrays both ways, including empty arrays', () => {
    expect(Array.from(toFloat16Array([1, -2, 0.5]))).toEqual([0x3c00, 0xc000, 0x3800]);
    expect(Array.from(fromFloat16Array(new Uint16Array([0x3c00, 0xc000])))).toEqual([1, -2]);
    expect(toFloat16Array([]).length).toBe(0);
  });
});
