import { describe, it, expect } from 'vitest';
import { parseCsv } from './csv.ts';
import { sliceTable, splitTable } from './split.ts';
import { stringValues, type NumberColumn, type StringColumn } from './table.ts';

const t = parseCsv('d,x,c\n2020-01-01,1,a\n2020-01-05,2,b\n,3,a\n2020-02-01,4,c\n2020-03-01,5,a\n');

describe('splitTable', () => {
  it('first half against second half (odd counts give the extra row to current)', () => {
    const { reference, current, dropped } = splitTable(t, { mode: 'half' });
    expect(reference.rowCount).toBe(2);
    expect(current.rowCount).toBe(3);
    expect(dropped).toBe(0);
    expect(Array.from((current.columns[1] as NumberColumn).values)).toEqual([3, 4, 5]);
  });
  it('cuts at a date: before is the reference, at/after the current, missing dropped', () => {
    const { reference, current, dropped } = splitTable(t, { mode: 'cut', column: 'd', cut: Date.parse('2020-02-01') });
    expect(reference.rowCount).toBe(2);
    expect(current.rowCount).toBe(2);
    expect(dropped).toBe(1);
    expect(stringValues(current.columns[2] as StringColumn)).toEqual(['c', 'a']);
    expect(Array.from((reference.columns[1] as NumberColumn).values)).toEqual([1, 2]);
  });
  it('cuts a numeric column', () => {
    const { reference, current } = splitTable(t, { mode: 'cut', column: 'x', cut: 3 });
    expect(reference.rowCount).toBe(2);
    expect(current.rowCount).toBe(3);
  });
  it('names an unknown split column and rejects a non-finite cut', () => {
    expect(() => splitTable(t, { mode: 'cut', column: 'nope', cut: 1 })).toThrow(/"nope" is not in the table; columns: d, x, c/);
    expect(() => splitTable(t, { mode: 'cut', column: 'x', cut: NaN })).toThrow(/finite/);
  });
  it('empty tables and empty slices', () => {
    const empty = parseCsv('a,b\n');
    const { reference, current } = splitTable(empty, { mode: 'half' });
    expect(reference.rowCount + current.rowCount).toBe(0);
    expect(sliceTable(t, 2, 2).rowCount).toBe(0);
  });
});
