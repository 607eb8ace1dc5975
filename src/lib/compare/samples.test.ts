import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cloneInputs, parseRequestsJsonl, tableToSamples } from './samples.ts';
import { parseCsv } from '../data/csv.ts';

const root = resolve(import.meta.dirname, '../../..');
const card = JSON.parse(readFileSync(resolve(root, 'public/models/weather.card.json'), 'utf8'));
const input = { name: 'features', type: 'float32' as const, width: 5 };

describe('tableToSamples', () => {
  it('the bundled held-out CSV gives the same samples as the held-out JSONL', () => {
    const table = parseCsv(readFileSync(resolve(root, 'public/samples/weather-heldout.csv'), 'utf8'));
    const t = tableToSamples(table, input, { featureNames: card.inputs[0].featureNames, labels: card.labels });
    const j = parseRequestsJsonl(readFileSync(resolve(root, 'public/samples/weather-heldout.jsonl'), 'utf8'));
    expect(t.labelColumn).toBe('weather');
    expect(t.samples).toHaveLength(219);
    expect(t.samples.length).toBe(j.length);
    for (let i = 0; i < j.length; i++) {
      expect(Array.from(t.samples[i]!.inputs.features!.data as Float32Array)).toEqual(Array.from(j[i]!.inputs.features!.data as Float32Array));
      expect(t.samples[i]!.label).toBe(j[i]!.label);
    }
  });
  it('without feature names: the numeric columns other than the label', () => {
    const t = tableToSamples(parseCsv('a,b,label\n1,2,0\n3,4,1\n'), { name: 'x', type: 'float64', width: 2 });
    expect(t.featureColumns).toEqual(['a', 'b']);
    expect(t.samples[1]).toEqual({ inputs: { x: { type: 'float64', dims: [1, 2], data: Float64Array.from([3, 4]) } }, label: 1 });
  });
  it('names missing and extra columns, and text features', () => {
    expect(() => tableToSamples(parseCsv('a,b\n1,2\n'), input, { featureNames: ['a', 'c'] })).toThrow(/lacks feature column "c"; it has "a", "b"/);
    expect(() => tableToSamples(parseCsv('a,b,c\n1,2,3\n'), { ...input, width: 2 })).toThrow(/takes 2 features per row but the table gives 3 \(a, b, c\)/);
    expect(() => tableToSamples(parseCsv('a,b\n1,x\n'), { ...input, width: 2 }, { featureNames: ['a', 'b'] })).toThrow(/"b" holds text/);
    expect(() => tableToSamples(parseCsv('a\n'), { ...input, width: 1 })).toThrow(/no rows/);
  });
});

describe('parseRequestsJsonl', () => {
  it('reads labels and names the bad line', () => {
    const ok = parseRequestsJsonl('{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}],"label":3,"labelName":"c"}\n');
    expect(ok[0]).toMatchObject({ label: 3, labelName: 'c' });
    expect(() => parseRequestsJsonl('\n{"inputs":[]}\nnope', 's.jsonl')).toThrow(/s\.jsonl line 3 is not valid JSON/);
    expect(() => parseRequestsJsonl('{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","data":[1]}]}')).toThrow(/line 1: .*needs 2 elements/);
    expect(() => parseRequestsJsonl('')).toThrow(/no samples/);
  });
  it('cloneInputs copies buffers', () => {
    const a = { x: { type: 'float32' as const, dims: [1], data: Float32Array.from([1]) } };
    const b = cloneInputs(a);
    (b.x.data as Float32Array)[0] = 2;
    expect(a.x.data[0]).toBe(1);
  });
});
