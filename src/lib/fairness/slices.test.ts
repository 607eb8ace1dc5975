import { describe, it, expect } from 'vitest';
import { featureRows, rowsByGroup, selectRows } from './slices.ts';
import { parseCsv } from '../data/csv.ts';
import { seasonOfMonth } from './groups.ts';

const table = parseCsv('date,precipitation,weather,month\n2012-01-01,0.5,rain,1\n2012-06-02,,sun,6\n2012-12-03,3,rain,12\n2012-07-04,0,sun,7\n');

describe('slices', () => {
  it('feature rows in the asked order, NaN where missing; null when a feature is absent', () => {
    const rows = featureRows(table, ['month', 'precipitation'])!;
    expect(rows.map((r) => Array.from(r))).toEqual([[1, 0.5], [6, NaN], [12, 3], [7, 0]]);
    expect(featureRows(table, ['wind'])).toBeNull();
  });
  it('rows by group, then a table of one group', () => {
    const rows = featureRows(table, ['month'])!;
    const groups = rowsByGroup(rows, (r) => seasonOfMonth(r[0]!));
    expect([...groups.entries()]).toEqual([['winter', [0, 2]], ['summer', [1, 3]]]);
    const winter = selectRows(table, groups.get('winter')!);
    expect(winter.rowCount).toBe(2);
    const w = winter.columns.find((c) => c.name === 'weather')!;
    expect(w.kind === 'string' && w.codes.length).toBe(2);
    const p = winter.columns.find((c) => c.name === 'precipitation')!;
    expect(p.kind === 'number' && Array.from(p.values)).toEqual([0.5, 3]);
  });
  it('no rows: no groups, an empty table', () => {
    expect(rowsByGroup([], () => 'x').size).toBe(0);
    expect(selectRows(table, []).rowCount).toBe(0);
  });
});
