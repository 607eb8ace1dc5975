// The per-step line: one path through the finite steps (a NaN breaks it), the range's ends labelled.
import { describe, expect, it } from 'vitest';
import { countMarks } from '../chart/marks.ts';
import { stepLineChart } from './chart.ts';

describe('stepLineChart', () => {
  it('draws one path over the steps, restarting after a non-finite step', () => {
    const s = stepLineChart([0.1, 0.9, NaN, 0.5], 'speech');
    expect(countMarks(s.marks)).toEqual({ rule: 1, path: 1, text: 2 });
    const path = s.marks.find((m) => m.type === 'path');
    expect(path?.type === 'path' && path.d.match(/M/g)?.length).toBe(2);
    expect(s.label).toBe('speech over 4 steps, from 0.00 to 0.900');
  });
});
