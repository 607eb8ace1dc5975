import { describe, it, expect } from 'vitest';
import { baselineFileKind, parseOutputsCsv, parseResponsesJsonl } from './files.ts';
import type { BaselineError } from './errors.ts';

const line = (p: number[]) => JSON.stringify({ model_name: 'w', outputs: [{ name: 'probabilities', shape: [1, p.length], datatype: 'FP32', data: p }] });

function err(f: () => unknown): BaselineError {
  try {
    f();
  } catch (e) {
    expect((e as Error).name).toBe('BaselineError');
    return e as BaselineError;
  }
  throw new Error('expected a BaselineError');
}

describe('JSONL of OIP responses', () => {
  it('one result per non-blank line, in order', () => {
    const r = parseResponsesJsonl(`${line([0.5, 0.5])}\n\n${line([0.25, 0.75])}\r\n`);
    expect(r.map((x) => Array.from(x.outputs.probabilities!.data as Float32Array))).toEqual([[0.5, 0.5], [0.25, 0.75]]);
  });
  it('names the line of bad JSON, a bad tensor, or an error body', () => {
    expect(err(() => parseResponsesJsonl(`${line([1])}\n{oops`, 'b.jsonl')).message).toMatch(/^b\.jsonl line 2 is not valid JSON/);
    expect(err(() => parseResponsesJsonl('{"outputs":[{"name":"p","shape":[2],"datatype":"FP32","data":[1]}]}')).message).toMatch(/line 1: .*needs 2 elements/);
    expect(err(() => parseResponsesJsonl('{"error":"model failed"}')).message).toMatch(/line 1: .*model failed/);
  });
  it('an empty file is an error', () => {
    expect(err(() => parseResponsesJsonl('\n \n')).kind).toBe('file');
  });
});

describe('CSV of outputs', () => {
  it('reads name_i columns (and name[i], name for one element) into per-sample tensors', () => {
    const r = parseOutputsCsv('probabilities_0,probabilities_1,score,label[0]\n0.2,0.8,3,1\n0.6,,4,0\n', [
      { name: 'probabilities', dims: [1, 2] }, { name: 'score', dims: [1] }, { name: 'label', dims: [1, 1] },
    ]);
    expect(r).toHaveLength(2);
    expect(Array.from(r[0]!.outputs.probabilities!.data as Float64Array)).toEqual([0.2, 0.8]);
    expect(r[1]!.outputs.probabilities!.data[1]).toBeNaN();
    expect(r[1]!.outputs.score).toEqual({ type: 'float64', dims: [1], data: new Float64Array([4]) });
    expect(r[0]!.outputs.label!.data[0]).toBe(1);
  });
  it('missing columns are named with the convention', () => {
    const e = err(() => parseOutputsCsv('p_0,x\n1,2\n', [{ name: 'p', dims: [1, 2] }], 'out.csv'));
    expect(e.kind).toBe('missing-output');
    expect(e.message).toMatch(/out\.csv lacks the column "p_1"; it has "p_0", "x"/);
  });
  it('text in an output column is an error', () => {
    expect(err(() => parseOutputsCsv('p\nsun\n', [{ name: 'p', dims: [1] }])).message).toMatch(/column "p" holds text/);
  });
  it('kind from the file name', () => {
    expect(baselineFileKind('a.JSONL')).toBe('jsonl');
    expect(baselineFileKind('a.csv')).toBe('csv');
    expect(err(() => baselineFileKind('a.parquet')).message).toMatch(/must be \.jsonl/);
  });
});
