// The sample-set module against the real bundled index and sample files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelPair, parseSampleIndex, samplePairs, setsOfModel } from './index.ts';
import { parseSampleLines } from './jsonl.ts';

const samplesDir = resolve(import.meta.dirname, '../../../public/samples');
const index = parseSampleIndex(JSON.parse(readFileSync(resolve(samplesDir, 'index.json'), 'utf8')));

describe('sample index', () => {
  it('reads the bundled index: sets per model, drift pairs', () => {
    expect(setsOfModel(index, 'weather', 'csv').map((e) => e.id)).toEqual(['weather-2012', 'weather-2015', 'weather-heldout-csv']);
    expect(modelPair(index, 'weather', 'csv')).toMatchObject({ reference: { id: 'weather-2012' }, current: { id: 'weather-2015' } });
    expect(modelPair(index, 'digits', 'oip-jsonl')).toMatchObject({ reference: { id: 'digits-clean' }, current: { id: 'digits-shifted' } });
    expect(modelPair(index, 'weather', 'images')).toBeNull();
    expect(modelPair(index, 'debian-sections', 'csv')).toMatchObject({ reference: { id: 'debian-sections-heldout' }, current: { id: 'debian-sections-current' } });
    const pairs = samplePairs(index).map((p) => `${p.reference.id}|${p.current.id}`);
    expect(pairs).toEqual(expect.arrayContaining(['debian-sections-heldout|debian-sections-current', 'digits-clean|digits-shifted', 'digits-clean-png|digits-shifted-png', 'weather-2012|weather-2015']));
    for (const p of samplePairs(index)) expect([p.reference.role, p.current.role, p.reference.pair]).toEqual(['reference', 'current', p.current.id]);
  });
  it('refuses an index without a samples list or with a nameless entry, and skips unknown kinds', () => {
    expect(() => parseSampleIndex({})).toThrow(/no "samples" list/);
    expect(() => parseSampleIndex({ samples: [{ file: 'x' }] })).toThrow(/entry 1 needs string id/);
    expect(parseSampleIndex({ samples: [{ id: 'a', file: 'a.bin', kind: 'audio', model: 'm', role: 'heldout', rows: 1 }] })).toEqual([]);
  });
});

describe('parseSampleLines', () => {
  it('reads a bundled JSONL set with its labels', () => {
    const s = parseSampleLines(readFileSync(resolve(samplesDir, 'weather-heldout.jsonl'), 'utf8'));
    expect(s).toHaveLength(219);
    expect(s[0]!.inputs.features!.dims).toEqual([1, 5]);
    expect(typeof s[0]!.label).toBe('number');
    expect(typeof s[0]!.labelName).toBe('string');
  });
  it('names the source and line of a bad line; empty files only when allowed', () => {
    const ok = '{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}],"label":"cat"}';
    expect(() => parseSampleLines(`${ok}\n\nnope`, { source: 'x.jsonl' })).toThrow(/x\.jsonl line 3 is not valid JSON/);
    expect(parseSampleLines(ok)[0]).toEqual({ inputs: { a: { type: 'float32', dims: [1], data: new Float32Array([1]) } } });
    expect(() => parseSampleLines('\n \n')).toThrow(/holds no samples/);
    expect(parseSampleLines('\n', { allowEmpty: true })).toEqual([]);
  });
});
