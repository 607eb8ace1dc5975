import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { inferType } from './typing.ts';

describe('inferType', () => {
  const rows = Array.from({ length: 40 }, (_, i) =>
    [i, (i * 0.37).toFixed(2), `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, ['red', 'blue'][i % 2], `user-${i}`, `a long free text sentence number ${i}`, i % 2 ? 'True' : 'False'].join(','));
  const t = parseCsv('id,x,when,color,user,note,flag\n' + rows.join('\n') + '\n');
  const kinds = Object.fromEntries(t.columns.map((c) => [c.name, inferType(c)]));
  it('recognises numerical, categorical, datetime, text and id-like columns', () => {
    expect(kinds).toEqual({ id: 'id', x: 'numerical', when: 'datetime', color: 'categorical', user: 'id', note: 'text', flag: 'categorical' });
  });
  it('an empty text column is categorical', () => {
    expect(inferType({ name: 'e', kind: 'string', codes: new Int32Array(0), dictionary: [] })).toBe('categorical');
  });
});
