import { describe, expect, it } from 'vitest';
import { parseToleranceFlags } from './tolerance-flags.ts';

describe('parseToleranceFlags', () => {
  it('reads one value for every output and NAME=value (or NAME:value) per output', () => {
    expect(parseToleranceFlags({ atol: ['1e-4', 'hn=0.005'], rtol: ['prob:0'] }, ['hn', 'prob'])).toEqual({
      all: { atol: 1e-4 }, perOutput: { hn: { atol: 0.005 }, prob: { rtol: 0 } },
    });
    expect(parseToleranceFlags({}, ['x'])).toEqual({ all: {}, perOutput: {} });
  });

  it('refuses bad numbers and unknown outputs, naming the valid ones', () => {
    expect(() => parseToleranceFlags({ atol: ['hn=lots'] }, ['hn'])).toThrow(/--atol "hn=lots" must be a number/);
    expect(() => parseToleranceFlags({ rtol: ['-1'] }, ['hn'])).toThrow(/--rtol "-1" must be a number ≥ 0/);
    expect(() => parseToleranceFlags({ atol: ['nope=1'] }, ['hn', 'prob'])).toThrow(/no output "nope"; its outputs are "hn", "prob"/);
  });
});
