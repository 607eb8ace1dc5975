import { describe, it, expect } from 'vitest';
import { parseJsonArray, parseJsonl, readJsonl, readJsonArray } from './json.ts';
import { DataFormatError, stringValues } from './table.ts';

describe('JSON readers', () => {
  it('reads an array of objects with numbers, strings, booleans and nulls', async () => {
    const t = await readJsonArray(new TextEncoder().encode('[{"a":1,"b":"x","c":true},{"a":2.5,"c":false},{"a":null,"b":"y","c":true}]'));
    expect(t.rowCount).toBe(3);
    const [a, b, c] = t.columns;
    expect(a).toMatchObject({ kind: 'number', dtype: 'float' });
    expect(Array.from(a.kind === 'number' ? a.values : [])).toEqual([1, 2.5, NaN]);
    expect(b.kind === 'string' && stringValues(b)).toEqual(['x', null, 'y']);
    expect(c).toMatchObject({ kind: 'number', dtype: 'bool' });
  });
  it('reads JSON Lines streamed in small chunks; keys appearing later are backfilled as missing', async () => {
    const text = '{"a":1}\n\n{"a":2,"z":"n"}\n{"a":3}';
    const bytes = new TextEncoder().encode(text);
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
    }
    const t = await readJsonl(pieces());
    expect(t.rowCount).toBe(3);
    const z = t.columns[1];
    expect(z.kind === 'string' && stringValues(z)).toEqual([null, 'n', null]);
  });
  it('bad input is a DataFormatError with the line or the expected shape', () => {
    expect(() => parseJsonl('{"a":1}\n{oops}\n')).toThrow(/line 2/);
    expect(() => parseJsonArray('{"a":1}')).toThrow(DataFormatError);
    expect(() => parseJsonArray('[1,2]')).toThrow(/expected an object/);
    expect(() => parseJsonArray('[{"a":1}]', { columns: ['b'] })).toThrow(/unknown column/);
  });
});
