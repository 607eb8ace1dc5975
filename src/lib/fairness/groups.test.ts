import { describe, it, expect } from 'vitest';
import { groupColumns, seasonOfMonth } from './groups.ts';

describe('seasonOfMonth', () => {
  it('meteorological seasons, and "unknown" outside 1-12', () => {
    expect([1, 2, 3, 5, 6, 8, 9, 11, 12].map(seasonOfMonth)).toEqual(['winter', 'winter', 'spring', 'spring', 'summer', 'summer', 'autumn', 'autumn', 'winter']);
    expect([0, 13, 2.5, NaN].map(seasonOfMonth)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('groupColumns', () => {
  const names = ['precipitation', 'month', 'flag'];
  const rows = [[0.1, 1, 0], [2.3, 6, 1], [5.5, 12, 0], [0.7, 7, 1]];
  it('offers season for a month feature, then features with few distinct values', () => {
    const cols = groupColumns(names, rows, 3);
    expect(cols.map((c) => c.id)).toEqual(['season:1', 'feature:2']);
    expect(rows.map(cols[0]!.of)).toEqual(['winter', 'summer', 'winter', 'summer']);
    expect(rows.map(cols[1]!.of)).toEqual(['0', '1', '0', '1']);
  });
  it('no rows: only the derived season; a constant feature is not a grouping', () => {
    expect(groupColumns(names, []).map((c) => c.id)).toEqual(['season:1']);
    expect(groupColumns(['a'], [[1], [1]])).toEqual([]);
  });
});
