import { describe, it, expect } from 'vitest';
import { histogramSorted, histogramSturges, sturgesEdges } from './histogram.ts';
import { StatsInputError } from './errors.ts';
import { decArr, stats } from './fixture-helpers.ts';

describe("histogram against np.histogram_bin_edges(bins='sturges') / np.histogram", () => {
  for (const c of stats.histogram) {
    it(String(c.name), () => {
      const h = histogramSturges(decArr(c.a as never));
      expect(Array.from(h.edges)).toEqual(Array.from(decArr(c.edges as never)));
      expect(Array.from(h.counts)).toEqual(c.counts);
    });
  }
  it('last bin is closed, values outside the edges are not counted', () => {
    expect(Array.from(histogramSorted([0, 1, 1, 2, 3], [1, 2, 3]))).toEqual([2, 2]);
  });
  it('rejects empty and non-finite data', () => {
    expect(() => sturgesEdges(0, 1, 0)).toThrow(StatsInputError);
    expect(() => sturgesEdges(0, Infinity, 3)).toThrow(/not finite/);
    expect(() => histogramSorted([1], [2, 1])).toThrow(/monotonically/);
  });
});
