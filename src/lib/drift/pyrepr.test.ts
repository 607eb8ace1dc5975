import { describe, it, expect } from 'vitest';
import cases from '../../../tests/fixtures/drift/cases.json' with { type: 'json' };
import { compareCodePoints, pyFloatStr, pyStr } from './pyrepr.ts';

describe('Python str() of values', () => {
  it('matches Python for floats (fixture from gen_drift.py)', () => {
    for (const c of cases.pyrepr) expect(pyFloatStr(c.value)).toBe(c.str);
  });
  it('ints and bools as pandas stores them', () => {
    expect(pyStr(3, 'int')).toBe('3');
    expect(pyStr(1, 'bool')).toBe('True');
    expect(pyStr(NaN, 'float')).toBe('nan');
  });
  it('sorts by code point like Python', () => {
    expect(['b', 'B', 'a', '\u{1F600}', '\uFF01'].sort(compareCodePoints)).toEqual(['B', 'a', 'b', '\uFF01', '\u{1F600}']);
  });
});
