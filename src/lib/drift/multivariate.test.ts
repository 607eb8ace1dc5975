// The row samples behind the multivariate signal on large sets: exact (all rows) up to the cap,
// a reproducible uniform sample beyond it, and a sampled mean error close to the exact one.
import { describe, it, expect } from 'vitest';
import type { Table } from '../data/table.ts';
import { mulberry32 } from '../stats/prng.ts';
import { fitReconstruction, meanAt, meanError, rowErrors, sampleRows, SAMPLE_ROWS } from './multivariate.ts';

describe('sampleRows', () => {
  it('keeps every row at or below the cap', () => {
    expect(sampleRows(SAMPLE_ROWS)).toBeUndefined();
    const idx = Int32Array.of(5, 9, 11);
    expect(sampleRows(3, idx, 3)).toBe(idx);
  });
  it('beyond the cap: distinct rows in order, the same each time, spread over the whole range', () => {
    const s = sampleRows(1_000_000, undefined, 10_000)!;
    expect(s.length).toBe(10_000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[s.length - 1]).toBeLessThan(1_000_000);
    expect(Array.from(sampleRows(1_000_000, undefined, 10_000)!)).toEqual(Array.from(s));
    const mean = s.reduce((a, x) => a + x, 0) / s.length;
    expect(Math.abs(mean - 500_000)).toBeLessThan(10_000); // σ of the mean ≈ 2,900
    const idx = Int32Array.from({ length: 100 }, (_, i) => 1000 + 2 * i);
    for (const r of sampleRows(100, idx, 10)!) expect(idx).toContain(r);
  });
});

describe('meanError', () => {
  const rand = mulberry32(7);
  const n = 20_000;
  const x = Float64Array.from({ length: n }, () => rand());
  const table: Table = {
    rowCount: n,
    columns: [
      { name: 'x', kind: 'number', dtype: 'float', values: x },
      { name: 'y', kind: 'number', dtype: 'float', values: x.map((v) => 2 * v + rand() * 0.5) },
      { name: 'z', kind: 'number', dtype: 'float', values: Float64Array.from({ length: n }, () => rand()) },
    ],
  };
  const model = fitReconstruction(table, ['x', 'y', 'z'], []);
  it('is the exact mean at or below the cap', () => {
    expect(meanError(model, table, undefined, n)).toBeCloseTo(meanAt(rowErrors(model, table)), 12);
  });
  it('is close to the exact mean on a sample', () => {
    const exact = meanAt(rowErrors(model, table));
    expect(Math.abs(meanError(model, table, undefined, 5_000) - exact) / exact).toBeLessThan(0.05);
  });
});
