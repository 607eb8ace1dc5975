// Test-only helpers: load tests/fixtures/parity/parity.json (written by
// scripts/fixtures/parity_fixtures.py from NumPy) and decode its tensors and numbers.
import fixture from '../../../tests/fixtures/parity/parity.json' with { type: 'json' };
import { expect } from 'vitest';
import type { ElementType, PlainTensor } from '../tensors/types.ts';

export type Enc = number | string;

/** Decode the fixture's number encoding ("nan", "inf", "-inf" strings). */
export function dec(v: Enc): number {
  if (typeof v === 'number') return v;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);
}

export interface EncTensor {
  type: string;
  dims: number[];
  data?: Enc[];
  bits?: number[];
}

/** A fixture tensor as a PlainTensor of its declared type. */
export function tensor(t: EncTensor): PlainTensor {
  const type = t.type as ElementType;
  if (type === 'float16') return { type, dims: t.dims, data: Uint16Array.from(t.bits!) };
  const values = t.data!.map(dec);
  const ctor = { float32: Float32Array, float64: Float64Array, int32: Int32Array }[type as 'float32' | 'float64' | 'int32'];
  return { type, dims: t.dims, data: ctor.from(values) };
}

/** Expectation from NumPy: 1e-9 relative (exact for 0 and non-finite values). */
export function expectClose(actual: number, expected: Enc, label: string): void {
  const e = dec(expected);
  if (!Number.isFinite(e) || e === 0) {
    expect(actual, label).toBe(e);
    return;
  }
  expect(Math.abs(actual - e) / Math.abs(e), `${label}: ${actual} vs ${e}`).toBeLessThanOrEqual(1e-9);
}

export const parity = fixture as unknown as {
  elementwise: Array<{ name: string; device: EncTensor; baseline: EncTensor; atol: number; rtol: number; expected: Record<string, any> }>;
  agreement: Array<{ name: string; device: EncTensor; baseline: EncTensor; k: number; expected: Record<string, any> }>;
  accuracy: { scores: EncTensor; labels: number[]; expected: Record<string, any> };
  aggregate: { samples: Array<{ device: EncTensor; baseline: EncTensor }>; worstN: number; expected: Record<string, any> };
};
