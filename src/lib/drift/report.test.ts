import { describe, it, expect } from 'vitest';
import cases from '../../../tests/fixtures/drift/cases.json' with { type: 'json' };
import { parseCsv } from '../data/csv.ts';
import type { Table } from '../data/table.ts';
import { driftReport } from './report.ts';
import { DataFormatError } from '../data/table.ts';
import { benjaminiHochberg } from '../stats/corrections.ts';

const dec = (v: unknown) => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : v);

function close(a: number | null, b: unknown, rel: number, label: string) {
  const e = dec(b) as number | null;
  if (e === null || !Number.isFinite(e) || e === 0) {
    expect(a, label).toBe(e);
    return;
  }
  expect(Math.abs((a as number) - e) / Math.abs(e), `${label}: ${a} vs ${e}`).toBeLessThanOrEqual(rel);
}

describe('driftReport against drift_reference.py column_report (tests/fixtures/drift/cases.json)', () => {
  for (const c of cases.cases) {
    it(c.name, () => {
      // The reference types columns by pandas dtype: the same types given explicitly.
      const kinds = Object.fromEntries((c.expected as { name: string; kind: 'numerical' | 'categorical' }[]).map((e) => [e.name, e.kind]));
      const r = driftReport(parseCsv(c.reference), parseCsv(c.current), { kinds });
      for (const e of c.expected as Record<string, unknown>[]) {
        const o = r.columns.find((x) => x.name === e.name)!;
        const at = `${c.name}/${e.name}`;
        expect(o.kind, at).toBe(e.kind);
        expect(o.test, at).toBe(e.test);
        close(o.statistic, e.statistic, 1e-9, `${at} statistic`);
        if (e.pValue === null) expect(o.pValue).toBeNull();
        else {
          const d = Math.abs(o.pValue! - (e.pValue as number));
          expect(d <= 1e-12 || d <= 1e-6 * (e.pValue as number), `${at} p ${o.pValue} vs ${e.pValue}`).toBe(true);
        }
        expect(o.drift, at).toBe(e.drift);
        expect(o.missingRef).toBeCloseTo(e.missingRef as number, 12);
        expect(o.missingCur).toBeCloseTo(e.missingCur as number, 12);
        if ('psi' in e) close(o.psiDeciles, e.psi, 1e-9, `${at} psi`);
      }
    });
  }
});

function table(cols: Record<string, (number | string | null)[]>): Table {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => cols[k][i] ?? '').join(','));
  return parseCsv(lines.join('\n') + '\n');
}

describe('driftReport behaviour', () => {
  const ref = table({ a: [1, 2, 3, 4, 5, 6, 7, 8], b: ['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y'], gone: [1, 1, 1, 1, 1, 1, 1, 1] });
  it('all-missing and empty columns are "not tested" with a reason; verdict stays a boolean', () => {
    const cur = table({ a: [null, null, null], b: ['x', 'x', 'z'], gone: [1, 2, 3] });
    const r = driftReport(ref, cur, { columns: ['a', 'b'] });
    const a = r.columns[0];
    expect(a).toMatchObject({ test: null, drift: false, reason: 'all current values are missing', missingCur: 1 });
    expect(r.columns[1].unseenShare).toBeCloseTo(1 / 3, 12);
    expect(r.dataset.nTested).toBe(1);
    expect(typeof r.dataset.drifted).toBe('boolean');
    const none = driftReport(ref, parseCsv('a,b,gone\n'));
    expect(none.columns.every((c) => c.reason === 'the current set has no rows')).toBe(true);
    expect(none.dataset).toMatchObject({ driftShare: 0, drifted: false });
  });
  it('dataset drift at a drifted share of at least one half', () => {
    const cur = table({ a: [50, 60, 70, 80, 90, 99, 98, 97], b: ['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y'], gone: [1, 1, 1, 1, 1, 1, 1, 1] });
    const r = driftReport(ref, cur, { columns: ['a', 'b'] });
    expect(r.columns.map((c) => c.drift)).toEqual([true, false]);
    expect(r.dataset).toMatchObject({ driftShare: 0.5, drifted: true, threshold: 0.5 });
    expect(driftReport(ref, cur, { columns: ['a', 'b'], datasetThreshold: 0.75 }).dataset.drifted).toBe(false);
  });
  it('per-column test/threshold/kind overrides and Bonferroni correction', () => {
    const cur = table({ a: [3, 4, 5, 6, 7, 8, 9, 10], b: ['x', 'x', 'x', 'x', 'x', 'y', 'x', 'x'], gone: [1, 1, 1, 1, 1, 1, 1, 1] });
    const r = driftReport(ref, cur, {
      stattest: { a: 'wasserstein', b: 'ks' }, threshold: { a: 2 }, kinds: { gone: 'categorical' }, correction: 'bonferroni',
    });
    expect(r.columns[0]).toMatchObject({ test: 'wasserstein', threshold: 2, pValue: null, drift: false });
    expect(r.columns[1]).toMatchObject({ test: null, reason: "test 'ks' needs a numerical column; 'b' is categorical" });
    expect(r.columns[2]).toMatchObject({ kind: 'categorical', test: 'z' });
    expect(r.dataset.correction).toBe('bonferroni');
    const bh = driftReport(ref, cur, { columns: ['a', 'b'], correction: 'bh' });
    const plain = driftReport(ref, cur, { columns: ['a', 'b'] });
    const expected = benjaminiHochberg(plain.columns.map((c) => c.pValue!));
    expect(bh.columns.map((c) => c.pValueAdjusted)).toEqual(expected);
    expect(bh.columns.map((c) => c.drift)).toEqual(expected.map((p, i) => (i === 0 ? p <= 0.05 : p < 0.05)));
  });
  it('a numerical override parses text; ignore drops a column; extra columns are tested', () => {
    const t = table({ n: ['1', '2', '3', 'x'] });
    const r = driftReport(t, t, {
      kinds: { n: 'numerical' },
      extra: [{ name: 'pred', role: 'prediction', reference: ref.columns[0], current: ref.columns[0] }],
    });
    expect(r.columns[0]).toMatchObject({ kind: 'numerical', nRef: 3, drift: false });
    expect(r.columns[1]).toMatchObject({ name: 'pred', role: 'prediction', test: 'ks', pValue: 1 });
    expect(driftReport(t, t, { kinds: { n: 'ignore' } }).columns).toHaveLength(0);
  });
  it('unknown requested columns name the set that lacks them; mismatches are listed', () => {
    const cur = table({ a: [1, 2], c: [3, 4] });
    expect(() => driftReport(ref, cur, { columns: ['b'] })).toThrow(DataFormatError);
    expect(() => driftReport(ref, cur, { columns: ['b'] })).toThrow(/"b" is not in the current set/);
    expect(driftReport(ref, cur).mismatches).toEqual({ onlyInReference: ['b', 'gone'], onlyInCurrent: ['c'] });
  });
  it('plot data: shared histogram edges, ECDF with the KS distance, category counts', () => {
    const cur = table({ a: [2, 3, 4, 5, 6, 7, 8, 9], b: ['x', 'z', 'x', 'z', 'x', 'y', 'x', 'y'], gone: [1, 1, 1, 1, 1, 1, 1, 1] });
    const r = driftReport(ref, cur);
    const a = r.columns[0];
    expect(a.histogram!.ref.reduce((s, v) => s + v, 0)).toBe(8);
    expect(a.histogram!.edges.length).toBe(a.histogram!.cur.length + 1);
    expect(a.ecdf!.ksDistance).toBeCloseTo(a.statistic!, 12);
    expect(a.ecdf!.x).toContain(a.ecdf!.ksLocation);
    const keys = r.columns[1].categories!.categories.map((c) => c.key).sort();
    expect(keys).toEqual(['x', 'y', 'z']);
  });
});

describe('datetime and mixed-type columns', () => {
  const ms = (d: number) => Date.UTC(2024, 0, d);
  const ref: Table = { rowCount: 3, columns: [
    { name: 't', kind: 'number', dtype: 'datetime', values: Float64Array.from([1, 2, 3], ms) },
    { name: 'v', kind: 'number', dtype: 'int', values: Float64Array.from([1, 2, 3]) },
  ] };
  const cur: Table = { rowCount: 3, columns: [
    { name: 't', kind: 'number', dtype: 'datetime', values: Float64Array.from([4, 5, 6], ms) },
    { name: 'v', kind: 'string', codes: Int32Array.from([0, 1, 0]), dictionary: ['1', 'x'] },
  ] };
  it('datetime columns are left out of the verdict (listed with the reason) unless their kind is overridden', () => {
    const r = driftReport(ref, cur);
    expect(r.columns.map((c) => c.name)).toEqual(['v']);
    expect(r.excluded).toEqual([{ name: 't', type: 'datetime', reason: expect.stringMatching(/^datetime: left out of the verdict/) }]);
    expect(r.plan!.find((p) => p.name === 't')).toMatchObject({ inferred: 'datetime', tested: false });
    expect(driftReport(ref, cur, { kinds: { t: 'numerical' } }).columns[0]).toMatchObject({ name: 't', test: 'ks', statistic: 1 });
  });
  it('numbers on one side and mostly numbers with a text token on the other are numerical; the token is a quality finding', () => {
    const r = driftReport(ref, cur);
    const v = r.columns[0];
    expect(v).toMatchObject({ name: 'v', kind: 'numerical', inferredType: 'numerical', nCur: 2 });
    expect(v.missingCur).toBeCloseTo(1 / 3, 12);
    // Typing's finding, beside the quality checks' own (missing share, range, …).
    expect(r.quality.filter((f) => f.check === 'non-numeric-values')).toEqual([expect.objectContaining({ column: 'v', check: 'non-numeric-values', severity: 'warn', details: { tokens: [{ value: 'x', reference: 0, current: 1 }] } })]);
  });
  it('as categories (kind override), 1 and "1" are one category', () => {
    const v = driftReport(ref, cur, { kinds: { v: 'categorical' } }).columns[0];
    expect(v.categories!.categories.map((c) => c.key).sort()).toEqual(['1', '2', '3', 'x']);
  });
});

describe('category plot', () => {
  it('keeps the 20 most frequent categories in order and sums the rest', () => {
    const n = 30;
    const codes = Int32Array.from({ length: (n * (n + 1)) / 2 }, (_, k) => {
      // category c appears c + 1 times
      let c = 0;
      let acc = 0;
      while (acc + c + 1 <= k) acc += ++c;
      return c;
    });
    const col = { name: 'c', kind: 'string' as const, codes, dictionary: Array.from({ length: n }, (_, i) => `k${i}`) };
    const t: Table = { rowCount: codes.length, columns: [col] };
    const plot = driftReport(t, t).columns[0].categories!;
    expect(plot.categories.map((c) => c.key)).toEqual(Array.from({ length: 20 }, (_, i) => `k${n - 1 - i}`));
    const rest = Array.from({ length: 10 }, (_, i) => i + 1).reduce((a, b) => a + b, 0);
    expect(plot.other).toEqual({ ref: rest, cur: rest });
  });
});

describe('wide tables', () => {
  it('thousands of columns are reported, each with a verdict', () => {
    const cols = 3000;
    const head = Array.from({ length: cols }, (_, j) => `c${j}`).join(',');
    const row = (i: number) => Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? `k${(i + j) % 4}` : String((i * (j + 1)) % 17))).join(',');
    const ref = parseCsv(head + '\n' + Array.from({ length: 40 }, (_, i) => row(i)).join('\n') + '\n');
    const cur = parseCsv(head + '\n' + Array.from({ length: 30 }, (_, i) => row(i + 3)).join('\n') + '\n');
    const r = driftReport(ref, cur);
    expect(r.columns).toHaveLength(cols);
    expect(r.columns.every((c) => typeof c.drift === 'boolean' && c.test !== null)).toBe(true);
    expect(Number.isNaN(r.dataset.driftShare)).toBe(false);
  });
});
