// Log-binned error histogram: bin edges are inclusive on the right, like np.searchsorted 'left'.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_EDGES, errorHistogram } from './histogram.ts';

describe('errorHistogram', () => {
  it('uses decade edges 1e-10 .. 1e2', () => {
    expect(DEFAULT_ERROR_EDGES).toEqual([1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]);
  });

  it('puts each error in (edge[i-1], edge[i]], with zeros, overflow and non-finite apart', () => {
    const h = errorHistogram([0, 1e-12, 1e-10, 1.5e-10, 1e-3, 0.5, 100, 1e9, NaN, Infinity]);
    expect(h.zeros).toBe(1);
    expect(h.nonFinite).toBe(2);
    expect(h.counts[0]).toBe(2); // 1e-12 and 1e-10
    expect(h.counts[1]).toBe(1); // 1.5e-10
    expect(h.counts[7]).toBe(1); // 1e-3
    expect(h.counts[10]).toBe(1); // 0.5
    expect(h.counts[12]).toBe(1); // 100
    expect(h.counts[13]).toBe(1); // 1e9
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('handles no errors and custom edges', () => {
    expect(errorHistogram([])).toMatchObject({ zeros: 0, nonFinite: 0 });
    expect(errorHistogram([0.5, 2, 3], [1, 2]).counts).toEqual([1, 1, 1]);
  });
});
