// Number parsing from text and from ASCII bytes: pandas' acceptance rules, the same value both
// ways, and the integer flag reported through the caller's own NumberShape (no module state).
import { describe, expect, it } from 'vitest';
import { parseNumberBytes, parseNumberRange, type NumberShape } from './number-parse.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseNumberRange / parseNumberBytes', () => {
  it('accept what pandas accepts and agree with each other', () => {
    const cases: [string, number | undefined][] = [
      [' 42 ', 42], ['-0.5', -0.5], ['+1e3', 1000], ['1.', 1], ['.25', 0.25], ['inf', Infinity], ['-Infinity', -Infinity],
      ['12345678901234567890', 12345678901234567890], ['1e-400', 0], ['', undefined], ['-', undefined], ['1e', undefined],
      ['abc', undefined], ['1,5', undefined], ['infinit', undefined],
    ];
    for (const [text, want] of cases) {
      expect(parseNumberRange(text, 0, text.length), text).toBe(want);
      expect(parseNumberBytes(bytes(text), 0, text.length), text).toBe(want);
    }
    expect(parseNumberRange('x0.1y', 1, 4)).toBe(0.1);
  });

  it('report through the given shape whether the text was a plain integer', () => {
    const a: NumberShape = { integer: false };
    const b: NumberShape = { integer: false };
    for (const [text, integer] of [['7', true], ['-7', true], ['7.0', false], ['7e0', false], ['inf', false]] as const) {
      parseNumberRange(text, 0, text.length, a);
      parseNumberBytes(bytes(text), 0, text.length, b);
      expect(a.integer, text).toBe(integer);
      expect(b.integer, text).toBe(integer);
    }
    // Two callers keep their own answers: one parse does not overwrite another's flag.
    const c: NumberShape = { integer: false };
    parseNumberRange('3', 0, 1, c);
    parseNumberRange('3.5', 0, 3, a);
    expect(c.integer).toBe(true);
    expect(a.integer).toBe(false);
  });
});
