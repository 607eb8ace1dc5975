import { describe, it, expect } from 'vitest';
import { looksLikeOipJsonl, parseOipSamples } from './oip-samples.ts';
import type { NumberColumn } from './table.ts';

const line = (data: number[], label?: number) =>
  JSON.stringify({ inputs: [{ name: 'x', shape: [1, data.length], datatype: 'FP32', data }], ...(label !== undefined ? { label, labelName: `c${label}` } : {}) });

describe('OIP sample files', () => {
  it('detects OIP request lines and not plain row objects', () => {
    expect(looksLikeOipJsonl('\n' + line([1, 2]))).toBe(true);
    expect(looksLikeOipJsonl('{"a": 1}\n')).toBe(false);
    expect(looksLikeOipJsonl('')).toBe(false);
  });
  it('makes label and per-tensor statistic columns (numpy: mean 2, std sqrt(2/3), min 1, max 3)', () => {
    const { table, samples } = parseOipSamples([line([1, 2, 3], 0), '', line([0, 0, 4], 1)].join('\n'));
    expect(table.rowCount).toBe(2);
    expect(samples).toHaveLength(2);
    expect(table.columns.map((c) => c.name)).toEqual(['label', 'labelName', 'x.mean', 'x.std', 'x.min', 'x.max']);
    const [mean, std, min, max] = table.columns.slice(2) as NumberColumn[];
    expect(mean.values[0]).toBeCloseTo(2, 12);
    expect(std.values[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(min.values[1]).toBe(0);
    expect(max.values[1]).toBe(4);
  });
  it('no label columns when no line has labels; errors name the line', () => {
    expect(parseOipSamples(line([1])).table.columns.map((c) => c.name)).toEqual(['x.mean', 'x.std', 'x.min', 'x.max']);
    expect(() => parseOipSamples(line([1]) + '\n{oops')).toThrow(/line 2 is not valid JSON/);
    expect(() => parseOipSamples('{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [1]}]}')).toThrow(/line 1/);
  });
});
