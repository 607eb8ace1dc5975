// Test-only helpers: load tests/fixtures/drift/stats.json (written by scripts/fixtures/gen_stats.py
// from SciPy/NumPy) and compare with the agreed tolerances.
import fixture from '../../../tests/fixtures/drift/stats.json' with { type: 'json' };
import { expect } from 'vitest';

type Enc = number | string;

/** Decode the fixture's number encoding ("nan", "inf", "-inf" strings). */
export function dec(v: Enc): number {
  if (typeof v === 'number') return v;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);
}

/** Decode an encoded array to a Float64Array. */
export function decArr(a: Enc[]): Float64Array {
  return Float64Array.from(a, dec);
}

/** Statistics: 1e-9 relative (exact equality for infinities and zero). */
export function expectStat(actual: number, expected: number, label = ''): void {
  if (!Number.isFinite(expected) || expected === 0) {
    expect(Object.is(actual, expected) || actual === expected || Math.abs(actual) < 1e-300, label).toBe(true);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

/** p-values: 1e-6 relative or 1e-12 absolute. */
export function expectP(actual: number, expected: number, label = ''): void {
  const diff = Math.abs(actual - expected);
  const ok = diff <= 1e-12 || diff <= 1e-6 * Math.abs(expected);
  expect(ok, `${label}: ${actual} vs ${expected}`).toBe(true);
}

export const stats = fixture as unknown as Record<string, Array<Record<string, unknown>>>;
