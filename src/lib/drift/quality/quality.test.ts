import { describe, it, expect } from 'vitest';
import { parseCsv } from '../../data/csv.ts';
import type { Column, Table } from '../../data/table.ts';
import { qualityChecks, worstSeverity } from './index.ts';
import { constantCheck, missingShareCheck, newCategoriesCheck, rangeCheck } from './columns.ts';
import { duplicateCheck, duplicateRows } from './duplicates.ts';
import { columnSetChecks, typeCheck } from './schema.ts';
import { mulberry32 } from '../../stats/prng.ts';

const csv = (s: string): Table => parseCsv(s.trim() + '\n');
const col = (t: Table, n: string): Column => t.columns.find((c) => c.name === n)!;

describe('schema checks', () => {
  it('names columns missing from and added to the current set', () => {
    const f = columnSetChecks(csv('a,b\n1,2'), csv('a,c\n1,2'));
    expect(f.map((x) => [x.column, x.check, x.severity])).toEqual([['b', 'column-missing', 'fail'], ['c', 'column-added', 'warn']]);
    expect(columnSetChecks(csv('a\n1'), csv('a\n2'))[0].severity).toBe('pass');
  });
  it('numbers against text is a failure; equal storage passes', () => {
    const r = csv('x\n1\n2\n3');
    expect(typeCheck('x', col(r, 'x'), col(csv('x\na\nb\nc'), 'x'))).toMatchObject({ severity: 'fail', details: { reference: 'numbers', current: 'text' } });
    expect(typeCheck('x', col(r, 'x'), col(csv('x\n4\n5\n6'), 'x')).severity).toBe('pass');
  });
});

describe('column checks', () => {
  it('missing share: pass, warn above +1 point, fail above +10 points', () => {
    const ref = col(csv('x\n' + '1\n'.repeat(100)), 'x');
    const cur = (missing: number) => col(csv('x\n' + 'NA\n'.repeat(missing) + '1\n'.repeat(100 - missing)), 'x');
    expect(missingShareCheck('x', ref, cur(1)).severity).toBe('pass');
    expect(missingShareCheck('x', ref, cur(5))).toMatchObject({ severity: 'warn', details: { current: 0.05, currentCount: 5 } });
    expect(missingShareCheck('x', ref, cur(20)).severity).toBe('fail');
  });
  it('new categories are named with their counts, most frequent first', () => {
    const ref = col(csv('c\na\nb\na\nb'), 'c');
    const f = newCategoriesCheck('c', ref, col(csv('c\na\nz\ny\nz\n' + 'a\n'.repeat(20)), 'c'));
    expect(f.severity).toBe('fail');
    expect(f.details).toMatchObject({ count: 2, values: [{ value: 'z', count: 2 }, { value: 'y', count: 1 }] });
    expect(f.details!.share).toBeCloseTo(3 / 24, 12);
    expect(f.message).toContain('"z" ×2');
    expect(newCategoriesCheck('c', ref, ref).severity).toBe('pass');
  });
  it('range: counts values below the minimum and above the maximum, ignoring NaN', () => {
    const f = rangeCheck('x', Float64Array.of(1, 5, NaN, 3), Float64Array.of(0, 1, 5, 6, 7, NaN, Infinity));
    // Infinity is not finite: left to the missing/typing checks, not counted as out of range.
    expect(f.details).toMatchObject({ min: 1, max: 5, below: 1, above: 2 });
    expect(f.details!.share).toBeCloseTo(3 / 5, 12);
    expect(f.severity).toBe('fail');
    expect(rangeCheck('x', Float64Array.of(1, 2), Float64Array.of(1.5)).severity).toBe('pass');
    expect(rangeCheck('x', Float64Array.of(NaN), Float64Array.of(1)).severity).toBe('pass');
    const wide = new Float64Array(1000).fill(2);
    wide[0] = 9;
    expect(rangeCheck('x', Float64Array.of(1, 3), wide).severity).toBe('warn');
  });
  it('constant columns: fail when the reference varied, warn when constant in both', () => {
    const t = csv('v,k,e\n1,a,\n2,a,\n3,a,');
    const one = csv('v,k,e\n4,a,\n4,a,\n4,a,');
    expect(constantCheck('v', col(t, 'v'), col(one, 'v')).severity).toBe('fail');
    expect(constantCheck('k', col(t, 'k'), col(one, 'k')).severity).toBe('warn');
    expect(constantCheck('v', col(t, 'v'), col(t, 'v')).severity).toBe('pass');
    expect(constantCheck('e', col(t, 'e'), col(one, 'e'))).toMatchObject({ severity: 'warn', message: 'every current value is missing' });
  });
});

describe('duplicate rows', () => {
  // Independent count: rows as JSON text in a Set (pandas' DataFrame.duplicated().sum()).
  function naive(t: Table): number {
    const seen = new Set<string>();
    let dup = 0;
    for (let i = 0; i < t.rowCount; i++) {
      const key = JSON.stringify(t.columns.map((c) => (c.kind === 'number' ? (Number.isNaN(c.values[i]) ? 'NaN' : c.values[i] === 0 ? 0 : c.values[i]) : c.codes[i] < 0 ? null : c.dictionary[c.codes[i]])));
      if (seen.has(key)) dup++;
      else seen.add(key);
    }
    return dup;
  }
  it('agrees with a naive row-set count on random tables with ties, NaN and text', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const lines = ['a,b,c'];
      for (let i = 0; i < n; i++) lines.push(`${Math.floor(rand() * 3)},${rand() < 0.2 ? 'NA' : Math.floor(rand() * 2) / 2},${['x', 'y', ''][Math.floor(rand() * 3)]}`);
      const t = csv(lines.join('\n'));
      expect(duplicateRows(t), `trial ${trial}`).toBe(naive(t));
    }
  });
  it('degenerate tables: one row, no columns, identical rows, -0 equal to 0', () => {
    expect(duplicateRows(csv('a\n1'))).toBe(0);
    expect(duplicateRows({ columns: [], rowCount: 5 })).toBe(0);
    expect(duplicateRows(csv('a,b\n1,x\n1,x\n1,x'))).toBe(2);
    expect(duplicateRows({ columns: [{ name: 'z', kind: 'number', dtype: 'float', values: Float64Array.of(0, -0, NaN, NaN) }], rowCount: 4 })).toBe(2);
  });
  it('grades the change against the reference share', () => {
    const ref = csv('a\n' + Array.from({ length: 100 }, (_, i) => i).join('\n'));
    const cur = csv('a\n' + Array.from({ length: 100 }, (_, i) => (i < 10 ? 0 : i)).join('\n'));
    expect(duplicateCheck(ref, cur)).toMatchObject({ severity: 'fail', details: { reference: 0, current: 9 } });
    expect(duplicateCheck(ref, ref).severity).toBe('pass');
  });
});

describe('qualityChecks', () => {
  it('runs every check on the shared columns and reports the worst severity', () => {
    const ref = csv('n,c,gone\n1,a,1\n2,b,2\n3,a,3\n4,b,4');
    const cur = csv('n,c,new\n1,a,1\n9,z,1\nNA,a,1\n4,b,1');
    const f = qualityChecks(ref, cur);
    const by = (col: string | null, check: string) => f.find((x) => x.column === col && x.check === check);
    expect(by('gone', 'column-missing')?.severity).toBe('fail');
    expect(by('new', 'column-added')?.severity).toBe('warn');
    expect(by('n', 'out-of-range')?.details).toMatchObject({ above: 1 });
    expect(by('c', 'new-categories')?.details).toMatchObject({ count: 1 });
    expect(by('n', 'missing-share')?.severity).toBe('fail');
    expect(by(null, 'duplicate-rows')?.severity).toBe('pass');
    expect(worstSeverity(f)).toBe('fail');
    expect(worstSeverity([])).toBe('pass');
  });
  it('ignored columns and kind overrides are respected; empty sets give findings, not errors', () => {
    const ref = csv('n,c\n1,a\n2,b');
    const f = qualityChecks(ref, ref, { kinds: { n: 'ignore', c: 'categorical' } });
    expect(f.some((x) => x.column === 'n')).toBe(false);
    expect(f.some((x) => x.column === 'c' && x.check === 'new-categories')).toBe(true);
    const empty = csv('n,c');
    expect(() => qualityChecks(empty, empty)).not.toThrow();
  });
});
