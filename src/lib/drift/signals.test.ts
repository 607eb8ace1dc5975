// Evidently's psi, NannyML's PCA reconstruction and its ±3σ bands against the NumPy reference
// in tests/fixtures/drift/signals.json (written by scripts/reference/drift_signals.py).
import { describe, it, expect } from 'vitest';
import fixture from '../../../tests/fixtures/drift/signals.json' with { type: 'json' };
import type { Column, Table } from '../data/table.ts';
import { columnDrift } from './column-drift.ts';
import { band } from './bands.ts';
import { fitReconstruction, meanAt, rowErrors } from './multivariate.ts';
import { multivariateDrift } from './multivariate-drift.ts';
import { evidentlyPsi, fillZeroes } from '../stats/psi-evidently.ts';
import { StatsInputError } from '../stats/errors.ts';

const rel = (a: number, b: number, tol: number, label: string) =>
  expect(b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b), `${label}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);

function textColumn(name: string, values: (string | null)[]): Column {
  const dict: string[] = [];
  const at = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let k = at.get(v);
    if (k === undefined) at.set(v, (k = dict.push(v) - 1));
    return k;
  });
  return { name, kind: 'string', codes, dictionary: dict };
}
const numColumn = (name: string, values: (number | null)[]): Column => ({ name, kind: 'number', dtype: 'float', values: Float64Array.from(values, (v) => v ?? NaN) });
const expand = (counts: Record<string, number>) => Object.entries(counts).flatMap(([k, n]) => Array<string>(n).fill(k));

describe("the psi test is Evidently's psi", () => {
  for (const c of fixture.psi as { name: string; kind: string; ref?: (number | string)[]; cur?: (number | string)[]; ref_counts?: Record<string, number>; cur_counts?: Record<string, number>; psi: number }[]) {
    it(c.name, () => {
      const ref = c.ref ?? expand(c.ref_counts!);
      const cur = c.cur ?? expand(c.cur_counts!);
      const col = (v: (number | string)[]) => (c.kind === 'numerical' ? numColumn('x', v as number[]) : textColumn('x', v as string[]));
      const r = columnDrift('x', col(ref), col(cur), { test: 'psi' });
      expect(r.test).toBe('psi');
      rel(r.statistic!, c.psi, 1e-9, c.name);
      expect(r.drift).toBe(c.psi >= 0.1);
    });
  }
  it('zero filling follows the smallest share; mismatched or empty sides are refused', () => {
    expect(Array.from(fillZeroes([0.5, 0, 0.5]))).toEqual([0.5, 0.0001, 0.5]);
    expect(fillZeroes([0.00005, 0, 0.99995])[1]).toBeCloseTo(5e-11, 20);
    expect(evidentlyPsi([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(() => evidentlyPsi([1], [0.5, 0.5])).toThrow(StatsInputError);
    expect(() => evidentlyPsi([0, 0], [0.5, 0.5])).toThrow(StatsInputError);
  });
  it('the decile PSI stays a separate signal on numerical columns', () => {
    const r = columnDrift('x', numColumn('x', fixture.psi[0].ref as number[]), numColumn('x', fixture.psi[0].cur as number[]), { test: 'psi' });
    expect(r.psiDeciles).not.toBeNull();
    expect(r.psiDeciles).not.toBe(r.statistic);
  });
});

describe("NannyML's PCA reconstruction error", () => {
  const p = fixture.pca;
  const toTable = (t: typeof p.reference): Table => ({
    columns: [numColumn('x1', t.x1), numColumn('x2', t.x2), numColumn('x3', t.x3), textColumn('c', t.c)], rowCount: t.c.length,
  });
  const ref = toTable(p.reference);
  const cur = toTable(p.current);
  const model = fitReconstruction(ref, ['x1', 'x2', 'x3'], ['c']);
  it('keeps the components sklearn keeps for 65% of the variance', () => {
    expect(model.pca.components.length).toBe(p.components);
    p.explainedRatio.forEach((r, i) => rel(model.pca.explainedRatio[i], r, 1e-9, `ratio ${i}`));
  });
  it('row errors and chunk means match', () => {
    const re = rowErrors(model, ref);
    const ce = rowErrors(model, cur);
    p.referenceRowErrors.forEach((e, i) => rel(re[i], e, 1e-9, `ref row ${i}`));
    p.currentRowErrors.forEach((e, i) => rel(ce[i], e, 1e-9, `cur row ${i}`));
    const chunk = (errs: Float64Array, k: number) => meanAt(errs, Int32Array.from({ length: p.chunkRows }, (_, i) => k * p.chunkRows + i));
    p.referenceChunks.forEach((m, k) => rel(chunk(re, k), m, 1e-9, `ref chunk ${k}`));
    p.currentChunks.forEach((m, k) => rel(chunk(ce, k), m, 1e-9, `cur chunk ${k}`));
    const b = band(p.referenceChunks, 0)!;
    rel(b.upper, p.band.upper, 1e-12, 'upper');
    rel(b.lower, p.band.lower, 1e-12, 'lower');
  });
  it('the report flags the rotated current set (univariate tests cannot see a rotation)', () => {
    const m = multivariateDrift(ref, cur, ['x1', 'x2', 'x3', 'c']).report;
    expect(m).toMatchObject({ components: p.components, drift: true, columns: ['x1', 'x2', 'x3', 'c'] });
    rel(m.value!, p.currentMean, 1e-9, 'current mean');
    const same = multivariateDrift(ref, ref, ['x1', 'x2', 'x3', 'c']).report;
    expect(same.drift).toBe(false);
  });
  it('degenerate inputs: one column, one row, constant columns give a reason or finite numbers', () => {
    expect(multivariateDrift(ref, cur, ['x1']).report.reason).toMatch(/two/);
    const one: Table = { columns: [numColumn('a', [1]), numColumn('b', [2])], rowCount: 1 };
    expect(multivariateDrift(one, one, ['a', 'b']).report.reason).toMatch(/two reference rows/);
    const flat: Table = { columns: [numColumn('a', [1, 1, 1, 1]), numColumn('b', [2, 2, 2, 2])], rowCount: 4 };
    const r = multivariateDrift(flat, flat, ['a', 'b']).report;
    expect(r.value).toBe(0);
    expect(Number.isFinite(r.referenceValue!)).toBe(true);
  });
});

describe('bands (mean ± 3σ, ddof 1)', () => {
  it('matches NumPy', () => {
    const b = band(fixture.band.values)!;
    rel(b.mean, fixture.band.mean, 1e-12, 'mean');
    rel(b.std, fixture.band.std, 1e-12, 'std');
    rel(b.upper, fixture.band.mean + 3 * fixture.band.std, 1e-12, 'upper');
  });
  it('needs two finite values; the floor clamps the lower bound', () => {
    expect(band([1])).toBeNull();
    expect(band([NaN, 1, Infinity])).toBeNull();
    expect(band([0, 0.1, 0.2], 0)!.lower).toBe(0);
  });
});
