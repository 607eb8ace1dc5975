import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { concatTables, mixedColumns } from './concat.ts';
import { parseCsv } from './csv.ts';
import { DataFormatError } from './table.ts';

/** Parse `rows` whole and in two pieces (split after row k); both must give the same table. */
function splitEqualsWhole(header: string, rows: string[], k: number) {
  const whole = parseCsv(header + '\n' + rows.join('\n') + '\n');
  const pieces = [rows.slice(0, k), rows.slice(k)].map((r) => header + '\n' + r.join('\n') + '\n');
  let parts = pieces.map((p) => parseCsv(p));
  // Columns that are text in one piece and numbers in another are read again as text (as the CLI does).
  const mixed = mixedColumns(parts);
  if (mixed.length) parts = pieces.map((p) => parseCsv(p, { textColumns: mixed }));
  return { whole, merged: concatTables(parts) };
}

function materialise(t: ReturnType<typeof parseCsv>) {
  return t.columns.map((c) =>
    c.kind === 'number' ? { name: c.name, dtype: c.dtype, v: Array.from(c.values) } : { name: c.name, v: Array.from(c.codes, (x) => (x < 0 ? null : c.dictionary[x])) });
}

describe('concatTables', () => {
  it('merges types like one read: int+float, int+missing, bool+missing, number+text', () => {
    const { whole, merged } = splitEqualsWhole('i,f,m,b,t', ['1,1,1,True,1', '2,2,2,False,2', '3,2.5,,True,x', '4,3,4,,y'], 2);
    expect(materialise(merged)).toEqual(materialise(whole));
    expect(merged.columns.map((c) => (c.kind === 'number' ? c.dtype : 'text'))).toEqual(['int', 'float', 'float', 'text', 'text']);
  });
  it('an all-missing piece does not decide the type', () => {
    const { whole, merged } = splitEqualsWhole('a,b', [',', ',', '1,True', '2,False'], 2);
    expect(materialise(merged)).toEqual(materialise(whole));
  });
  it('property: splitting rows anywhere gives the same table', () => {
    const cell = fc.oneof(fc.constantFrom('', 'NA', 'True', 'False', 'x', 'y'), fc.integer({ min: -5, max: 5 }).map(String), fc.double({ min: -10, max: 10, noNaN: true }).map((d) => d.toFixed(2)));
    fc.assert(fc.property(fc.array(fc.tuple(cell, cell), { minLength: 2, maxLength: 12 }), fc.nat(), (rows, cut) => {
      const lines = rows.map((r) => r.join(','));
      const { whole, merged } = splitEqualsWhole('p,q', lines, 1 + (cut % (lines.length - 1)));
      return JSON.stringify(materialise(merged)) === JSON.stringify(materialise(whole));
    }), { numRuns: 300 });
  });
  it('mixedColumns names columns that are text in one piece and numbers in another', () => {
    expect(mixedColumns([parseCsv('a,b,c\n1,x,\n'), parseCsv('a,b,c\ny,2,z\n')])).toEqual(['a', 'b']);
  });
  it('rejects pieces with different columns', () => {
    expect(() => concatTables([parseCsv('a\n1\n'), parseCsv('b\n1\n')])).toThrow(DataFormatError);
    expect(() => concatTables([])).toThrow(/no tables/);
  });
});
