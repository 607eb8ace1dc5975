import { describe, it, expect } from 'vitest';
import { makeFeedback, feedbackAccuracy, feedbackToJsonl, feedbackToCsv } from './feedback.ts';
import { parseSamplesJsonl } from './samples.ts';
import { parseCsv } from '../../lib/data/csv.ts';

const labels = ['drizzle', 'fog', 'rain', 'snow', 'sun'];
const row = (v: number[]) => ({ features: { type: 'float32' as const, dims: [1, 5], data: Float32Array.from(v) } });
const base = { modelSha: 'abc', modelName: 'weather', labels, now: 1 };
const records = [
  makeFeedback({ ...base, inputs: row([25, 9, 4, 5, 11]), predicted: 2, confidence: 0.97, correct: true }),
  makeFeedback({ ...base, inputs: row([0, 20.5, 11, 2.5, 7]), predicted: 4, confidence: 0.6, correct: false, label: 1 }),
  makeFeedback({ ...base, inputs: row([0, 15, 8, 3, 4]), predicted: 4, confidence: 0.5, correct: false, label: 0 }),
];

describe('feedback records', () => {
  it('a right verdict keeps the prediction as label; a wrong one takes the given label', () => {
    expect(records[0]).toMatchObject({ correct: true, label: 2, labelName: 'rain', predictedName: 'rain' });
    expect(records[1]).toMatchObject({ correct: false, label: 1, labelName: 'fog', predictedName: 'sun' });
    expect(records[0]!.inputs[0]).toEqual({ name: 'features', shape: [1, 5], datatype: 'FP32', data: [25, 9, 4, 5, 11] });
  });
  it('running accuracy; NaN before any feedback', () => {
    expect(feedbackAccuracy(records)).toEqual({ count: 3, correct: 1, accuracy: 1 / 3 });
    expect(feedbackAccuracy([]).accuracy).toBeNaN();
  });
});

describe('export', () => {
  it('JSONL reads back with parseSamplesJsonl: the same tensors and the right labels', () => {
    const back = parseSamplesJsonl(feedbackToJsonl(records));
    expect(back.map((s) => [s.label, s.labelName])).toEqual([[2, 'rain'], [1, 'fog'], [0, 'drizzle']]);
    expect(Array.from(back[1]!.inputs.features!.data as Float32Array)).toEqual([0, 20.5, 11, 2.5, 7]);
    expect(back[1]!.inputs.features!.dims).toEqual([1, 5]);
    expect(feedbackToJsonl([])).toBe('');
  });
  it('CSV reads back with the CSV reader: feature columns, then label, predicted, correct', () => {
    const text = feedbackToCsv(records, ['precipitation', 'temp_max', 'temp_min', 'wind', 'month'], 'weather');
    expect(text.split('\n')[0]).toBe('precipitation,temp_max,temp_min,wind,month,weather,predicted,correct');
    const t = parseCsv(text);
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind', 'month', 'weather', 'predicted', 'correct']);
    const temp = t.columns[1]!;
    expect(temp.kind === 'number' && Array.from(temp.values)).toEqual([9, 20.5, 15]);
  });
  it('CSV refuses a sample that is not one row of the named features', () => {
    const img = makeFeedback({ ...base, inputs: { image: { type: 'float32', dims: [1, 1, 2, 2], data: new Float32Array(4) } }, predicted: 0, confidence: 1, correct: true });
    expect(() => feedbackToCsv([img], ['a', 'b', 'c', 'd', 'e'])).toThrow(/Export JSONL instead/);
  });
});
