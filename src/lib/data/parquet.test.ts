import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readParquet } from './parquet.ts';
import { DataFormatError } from './table.ts';

// flights-3m.parquet is ZSTD-compressed: reading it proves the codecs are wired.
const file = new URL('../../../node_modules/vega-datasets/data/flights-3m.parquet', import.meta.url);

describe('Parquet reader', () => {
  const bytes = new Uint8Array(readFileSync(file));
  it('reads selected columns over a row range, with types', async () => {
    const seen: number[] = [];
    const t = await readParquet(bytes, { columns: ['date', 'delay', 'origin'], rowStart: 0, rowEnd: 3, onProgress: (d) => seen.push(d) });
    expect(t.rowCount).toBe(3);
    const [date, delay, origin] = t.columns;
    // First rows as hyparquet decodes them: 2001-01-01T00:01, delays 33, 19, 14, LAS ATL MCI.
    expect(date).toMatchObject({ kind: 'number', dtype: 'datetime' });
    expect(date.kind === 'number' && date.values[0]).toBe(Date.UTC(2001, 0, 1, 0, 1));
    expect(delay.kind === 'number' && Array.from(delay.values)).toEqual([33, 19, 14]);
    expect(origin.kind === 'string' && origin.codes.length).toBe(3);
    expect(origin.kind === 'string' && origin.dictionary).toEqual(['LAS', 'ATL', 'MCI']);
    expect(seen.at(-1)).toBe(3);
  });
  it('a range spanning two row groups', async () => {
    const t = await readParquet(bytes, { columns: ['distance'], rowStart: 272700, rowEnd: 272760 });
    expect(t.rowCount).toBe(60);
    const d = t.columns[0];
    expect(d.kind === 'number' && d.values.every((v) => v > 0)).toBe(true);
  });
  it('rejects unknown columns and non-Parquet bytes', async () => {
    await expect(readParquet(bytes, { columns: ['nope'] })).rejects.toThrow(/unknown column/);
    await expect(readParquet(new TextEncoder().encode('a,b\n1,2\n'))).rejects.toThrow(DataFormatError);
  });
});

describe('Parquet structs and lists', () => {
  it('struct fields become dotted columns (as pandas.json_normalize names them); lists stay one JSON-text column', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'name', data: ['a', 'b', 'c'] },
        { name: 'engine', data: [{ cylinders: 4, hp: 100.5 }, { cylinders: 6, hp: null }, null] },
        { name: 'tags', data: [['x', 'y'], [], null] },
      ],
      schema: [
        { name: 'root', num_children: 3 },
        { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'engine', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'cylinders', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'hp', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    const t = await readParquet(new Uint8Array(buf));
    expect(t.columns.map((c) => c.name)).toEqual(['name', 'engine.cylinders', 'engine.hp', 'tags']);
    const [, cyl, hp, tags] = t.columns;
    expect(cyl.kind === 'number' && Array.from(cyl.values)).toEqual([4, 6, NaN]);
    expect(hp.kind === 'number' && Array.from(hp.values)).toEqual([100.5, NaN, NaN]);
    expect(tags.kind === 'string' && Array.from(tags.codes, (c) => (c < 0 ? null : tags.dictionary[c]))).toEqual(['["x","y"]', '[]', null]);
    const only = await readParquet(new Uint8Array(buf), { columns: ['engine.hp'] });
    expect(only.columns.map((c) => c.name)).toEqual(['engine.hp']);
  });
});
