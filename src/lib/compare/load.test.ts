import { describe, it, expect } from 'vitest';
import { samplesFromFile, tabularInput } from './load.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const tabular = { inputs: [{ name: 'features', type: 'float32', dims: ['batch', 2] as (string | number)[] }] };
const image = { inputs: [{ name: 'x', type: 'float32', dims: ['batch', 1, 28, 28] as (string | number)[] }] };
const req = (v: number[], label?: number) => JSON.stringify({ inputs: [{ name: 'features', shape: [1, v.length], datatype: 'FP32', data: v }], ...(label === undefined ? {} : { label }) });

describe('samplesFromFile', () => {
  it('JSONL of OIP requests, for any model', async () => {
    const r = await samplesFromFile('s.jsonl', enc(`${req([1, 2], 0)}\n${req([3, 4], 1)}\n`), image);
    expect(r.samples).toHaveLength(2);
    expect(r.description).toBe('JSONL of OIP requests, 2 samples with labels');
  });
  it('.json: one request object (pretty-printed), JSONL saved as .json, or an array of rows', async () => {
    expect((await samplesFromFile('one.json', enc(JSON.stringify(JSON.parse(req([1, 2])), null, 2)), tabular)).samples).toHaveLength(1);
    expect((await samplesFromFile('many.json', enc(`${req([1, 2])}\n${req([3, 4])}`), tabular)).samples).toHaveLength(2);
    const rows = await samplesFromFile('rows.json', enc('[{"a":1,"b":2,"label":1},{"a":3,"b":4,"label":0}]'), tabular);
    expect(rows.description).toBe('JSON, 2 rows, features a, b, label label');
    expect(Array.from(rows.samples[1]!.inputs.features!.data as Float32Array)).toEqual([3, 4]);
  });
  it('CSV with the card feature names and class names', async () => {
    const r = await samplesFromFile('w.csv', enc('x,b,a,weather\n9,2,1,sun\n9,4,3,rain\n'), tabular, { featureNames: ['a', 'b'], labels: ['rain', 'sun'] });
    expect(r.samples.map((s) => [Array.from(s.inputs.features!.data as Float32Array), s.label])).toEqual([[[1, 2], 1], [[3, 4], 0]]);
  });
  it('names the file in errors; tables need a tabular model; unknown types', async () => {
    await expect(samplesFromFile('bad.jsonl', enc('nope'), tabular)).rejects.toThrow(/^bad\.jsonl line 1 is not valid JSON/);
    await expect(samplesFromFile('t.csv', enc('a,b\n1,2\n'), image)).rejects.toThrow(/t\.csv: a CSV table can feed only a model with one \[batch, features\] input; this model takes x \[batch, 1, 28, 28\]/);
    await expect(samplesFromFile('t.xlsx', enc(''), tabular)).rejects.toThrow(/unknown sample file type/);
    await expect(samplesFromFile('t.csv', new Uint8Array([0xff, 0xfe, 0x00]), tabular)).rejects.toThrow(/not UTF-8/);
  });
  it('tabularInput: one [batch, width] numeric input only', () => {
    expect(tabularInput(tabular)).toEqual({ name: 'features', type: 'float32', width: 2 });
    expect(tabularInput(image)).toBeNull();
    expect(tabularInput({ inputs: [{ name: 's', type: 'string', dims: [1, 2] }] })).toBeNull();
  });
});
