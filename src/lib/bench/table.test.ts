// The terminal table's profile line: the profiled kernel time against the unprofiled p50 is shown
// as an overhead only when it is one.
import { describe, expect, it } from 'vitest';
import { profileRatioText } from './table.ts';

describe('profileRatioText', () => {
  it('names an overhead when profiled kernel time exceeds the unprofiled p50', () => {
    expect(profileRatioText(1.5, 1.2)).toBe('×1.25 (profiling overhead)');
  });

  it('says there is no measurable overhead when the ratio is at or below 1, never "×0.74 profiling overhead"', () => {
    const text = profileRatioText(0.74, 1);
    expect(text).toBe('ratio ×0.74: no measurable profiling overhead (kernel time leaves out the work between kernels)');
    expect(profileRatioText(1.001, 1)).toMatch(/^ratio ×1\.00: no measurable/);
  });

  it('gives no ratio against a p50 of 0', () => {
    expect(profileRatioText(1, 0)).toBe('no ratio (unprofiled p50 is 0)');
  });
});
