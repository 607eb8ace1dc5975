// Property tests for the Population Stability Index (fast-check): non-negative and finite, zero
// for a sample against itself, independent of row order and of NaN, shares that sum to ~1.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { psi } from './psi.ts';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('psi, properties', () => {
  it('is finite and ≥ 0, with one share per bin on each side summing to ~1 (before flooring)', () => {
    fc.assert(fc.property(sample, sample, fc.integer({ min: 1, max: 20 }), (ref, cur, bins) => {
      // A constant reference has one distinct quantile and so no bins (PSI 0), exactly as the
      // NumPy reference (np.unique edges, then edges[0], edges[-1] = ±inf) gives; tested below.
      fc.pre(new Set(ref).size > 1);
      const r = psi(ref, cur, bins);
      expect(Number.isFinite(r.value)).toBe(true);
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.refShares.length).toBe(r.edges.length - 1);
      expect(r.curShares.length).toBe(r.edges.length - 1);
      expect(r.edges[0]).toBe(-Infinity);
      expect(r.edges.at(-1)).toBe(Infinity);
      // Flooring empty bins at 1e-4 adds at most that much per bin.
      expect(r.curShares.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(1 + 1e-4 * r.curShares.length + 1e-9);
      expect(r.curShares.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(1 - 1e-9);
    }), { numRuns: 300 });
  });

  it('has no bins and PSI 0 for a constant reference, like drift_reference.psi_quantile', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 30 }), sample, (c, n, cur) => {
      const r = psi(Array(n).fill(c), cur);
      expect(r.value).toBe(0);
      expect(r.refShares).toEqual([]);
    }));
  });

  it('is 0 for a sample against itself in any order', () => {
    fc.assert(fc.property(sample, (ref) => {
      expect(psi(ref, [...ref].reverse()).value).toBeCloseTo(0, 12);
    }));
  });

  it('does not depend on row order or on NaN values', () => {
    fc.assert(fc.property(sample, sample, (ref, cur) => {
      const v = psi(ref, cur).value;
      expect(psi([...ref].reverse(), [NaN, ...cur.slice().reverse(), NaN]).value).toBeCloseTo(v, 12);
    }), { numRuns: 200 });
  });
});
