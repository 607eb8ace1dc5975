// The verdict: pass/fail per output with the tolerance used, and messages naming the output and error.
import { describe, expect, it } from 'vitest';
import { compareOutputs } from './elementwise.ts';
import { classifierAgreement } from './classifier.ts';
import { parityVerdict, fmt, fmtPair, relErrorText } from './verdict.ts';
import { ParityInputError } from './errors.ts';

const t = (v: number[], dims = [v.length]) => ({ type: 'float32' as const, dims, data: Float32Array.from(v) });

describe('parityVerdict', () => {
  it('passes when every output is within tolerance, saying which tolerance', () => {
    const v = parityVerdict([{ name: 'probs', comparison: compareOutputs(t([0.5, 0.25]), t([0.5, 0.25000001])) }]);
    expect(v.pass).toBe(true);
    expect(v.outputs[0]!.tolerance).toEqual({ atol: 1e-5, rtol: 1e-3 });
    expect(v.message).toMatch(/^PASS: the output within tolerance\. output "probs": 100% of 2 elements within \|device − baseline\| <= 1e-5 \+ 0\.001·\|baseline\|/);
  });

  it('fails naming the output, the share outside and the worst element', () => {
    const good = { name: 'a', comparison: compareOutputs(t([1, 2]), t([1, 2])) };
    const bad = { name: 'logits', comparison: compareOutputs(t([1, 2, 3.01, 4], [2, 2]), t([1, 2, 3, 4], [2, 2]), { atol: 1e-4, rtol: 0 }) };
    const v = parityVerdict([good, bad]);
    expect(v.pass).toBe(false);
    expect(v.outputs.map((o) => o.pass)).toEqual([true, false]);
    expect(v.outputs[1]!.tolerance).toEqual({ atol: 1e-4, rtol: 0 });
    expect(v.message).toMatch(/^FAIL: 1 of 2 outputs out of tolerance\. output "logits": 1 of 4 elements \(25%\) fail .*max abs error 0\.01 at \[1, 0\] \(device 3\.01, baseline 3\)/);
  });

  it('accepts a share below 1 with minWithin, and checks top-1 agreement when asked', () => {
    const c = compareOutputs(t([1, 2, 3, 9]), t([1, 2, 3, 4]));
    expect(parityVerdict([{ name: 'y', comparison: c }], { minWithin: 0.75 }).pass).toBe(true);
    const a = classifierAgreement(t([1, 0, 0, 1], [2, 2]), t([1, 0, 1, 0], [2, 2]));
    const v = parityVerdict([{ name: 'y', comparison: c, agreement: a }], { minWithin: 0.75, minTop1Agreement: 0.9 });
    expect(v.pass).toBe(false);
    expect(v.message).toMatch(/top-1 agreement 50% is below 90%/);
  });

  it('rejects no outputs and shares outside [0, 1]', () => {
    expect(() => parityVerdict([])).toThrow(ParityInputError);
    const c = compareOutputs(t([1]), t([1]));
    expect(() => parityVerdict([{ name: 'y', comparison: c }], { minWithin: 2 })).toThrow(/minWithin must be a share in \[0, 1\]/);
  });

  it('formats numbers compactly', () => {
    expect([fmt(0), fmt(0.0123456), fmt(1.5e-7), fmt(Infinity), fmt(123456)]).toEqual(['0', '0.0123', '1.5e-7', 'Infinity', '1.23e+5']);
  });
});

describe('fmtPair', () => {
  it('shows as many digits as it takes for two different values to read differently', () => {
    expect(fmtPair(-3.2812, -3.2809)).toEqual(['-3.2812', '-3.2809']);
    expect(fmtPair(-3.28, -3.28)).toEqual(['-3.28', '-3.28']);
    expect(fmtPair(1, 1 + 2 ** -52)).toEqual(['1', '1.0000000000000002']);
    expect(fmtPair(1.5e-7, 1.5000001e-7)).toEqual(['1.5e-7', '1.5000001e-7']);
    expect(fmtPair(0.5, 0.25)).toEqual(['0.5', '0.25']);
    expect(fmtPair(NaN, 1)).toEqual(['NaN', '1']);
  });
});

describe('relErrorText', () => {
  it('gives the largest relative error where every reference is non-zero', () => {
    expect(relErrorText(compareOutputs(t([1.1, 2]), t([1, 2])))).toBe(fmt(0.1 / 1));
  });

  it('says "— (reference 0)" instead of Infinity when a reference element is 0, in the table and the verdict', () => {
    const c = compareOutputs(t([0.001, 2]), t([0, 2]), { atol: 1e-5, rtol: 0 });
    expect(c.maxRel).toBe(Infinity);
    expect(relErrorText(c)).toBe('— (reference 0)');
    const v = parityVerdict([{ name: 'y', comparison: c }]);
    expect(v.message).toMatch(/max rel error — \(reference 0\)/);
    expect(v.message).not.toMatch(/Infinity/);
  });

  it('keeps Infinity for a truly infinite error (a NaN on one side)', () => {
    const c = compareOutputs(t([NaN, 2]), t([1, 2]));
    expect(relErrorText(c)).toBe(fmt(Infinity));
  });
});
