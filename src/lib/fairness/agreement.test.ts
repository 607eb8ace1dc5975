import { describe, it, expect } from 'vitest';
import { groupAgreement } from './agreement.ts';

describe('groupAgreement (hand-computed)', () => {
  it('agreement and largest difference per group', () => {
    const r = groupAgreement([
      { group: 'b', device: [0.7, 0.3], server: [0.69, 0.31] }, // same class, diff 0.01
      { group: 'b', device: [0.51, 0.49], server: [0.49, 0.51] }, // flips, diff 0.02
      { group: 'a', device: [0.1, 0.9], server: [0.1, 0.9] },
    ]);
    expect(r.map((g) => g.group)).toEqual(['a', 'b']);
    expect(r[0]).toEqual({ group: 'a', count: 1, agreement: 1, maxAbsDiff: 0 });
    expect(r[1]!.agreement).toBe(0.5);
    expect(r[1]!.maxAbsDiff).toBeCloseTo(0.02, 12);
  });
  it('empty input, NaN values, and mismatched lengths', () => {
    expect(groupAgreement([])).toEqual([]);
    expect(groupAgreement([{ group: 'x', device: [NaN, 1], server: [0, 1] }])[0]!.maxAbsDiff).toBeNaN();
    expect(() => groupAgreement([{ group: 'x', device: [1], server: [1, 2] }])).toThrow(/differ in length \(1 vs 2\)/);
  });
});
