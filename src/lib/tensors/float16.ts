// IEEE 754 binary16 <-> number conversion. float16 tensors travel as raw Uint16Array bits
// (onnxruntime's convention), so values are converted only at the JSON / display edges.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Uint32 index of the high word of the double: little-endian hosts (all supported ones) put it at 1.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Convert a number to float16 bits with one correct round-to-nearest-even from the double value
 * (so float32 inputs, which are exact doubles, round exactly as numpy's `astype(np.float16)`).
 * Overflow goes to ±Infinity; magnitudes at or below half the smallest subnormal (2^-25) round to
 * ±0; NaN keeps its sign and becomes the quiet NaN 0x7e00.
 */
export function float32ToFloat16Bits(value: number): number {
  f64[0] = value;
  const hi = u32[HI]!;
  const lo = u32[1 - HI]!;
  const sign = (hi >>> 16) & 0x8000;
  const exp = (hi >>> 20) & 0x7ff;
  const mantHi = hi & 0xfffff; // top 20 of the 52 mantissa bits
  if (exp === 0x7ff) return mantHi !== 0 || lo !== 0 ? sign | 0x7e00 : sign | 0x7c00;
  const e = exp - 1023 + 15; // re-biased exponent for binary16
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: scaling by 2^24 is exact in double, then round half to even by hand.
    const x = Math.abs(value) * 16777216;
    let h = Math.floor(x);
    const diff = x - h;
    if (diff > 0.5 || (diff === 0.5 && (h & 1) === 1)) h += 1;
    return sign | h; // h may reach 0x400, which is exactly the smallest normal
  }
  let h = (e << 10) | (mantHi >>> 10);
  const rest = mantHi & 0x3ff; // the next 10 bits; `lo` holds the remaining 32
  // Round to nearest even; a carry out of the mantissa correctly bumps the exponent (up to Inf).
  if (rest > 0x200 || (rest === 0x200 && (lo !== 0 || (h & 1) === 1))) h += 1;
  return sign | h;
}

/** Convert float16 bits (0..0xffff) to a number; exact, since every half value is a double. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant !== 0 ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Convert an array of numbers to a Uint16Array of float16 bits. */
export function toFloat16Array(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return out;
}

/** Convert float16 bits to a Float32Array of values (for statistics and display). */
export function fromFloat16Array(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16BitsToFloat32(bits[i]!);
  return out;
}
