import { describe, expect, it } from 'vitest';
import { stepChart } from './chart.ts';
import { countMarks } from '../chart/marks.ts';

describe('stepChart', () => {
  it('draws one line through every finite step, probabilities on a 0–1 axis', () => {
    const spec = stepChart([0.1, 0.9, NaN, 0.2], 'output');
    expect(spec.label).toBe('output per step over 4 steps, from 0.100 to 0.900');
    const path = spec.marks.find((m) => m.type === 'path')!;
    expect(path.type === 'path' && path.d.split(/[ML]/).filter(Boolean)).toHaveLength(3);
    const texts = spec.marks.filter((m) => m.type === 'text').map((m) => (m.type === 'text' ? m.text : ''));
    expect(texts).toContain('1');
    expect(texts).toContain('0');
    expect(texts).toContain('step');
    expect(countMarks(spec.marks).path).toBe(1);
  });
  it('takes values outside 0–1 and a single step', () => {
    const spec = stepChart([-2, 5], 'logit');
    expect(spec.label).toContain('from -2.00 to 5.00');
    expect(() => stepChart([0.5], 'p')).not.toThrow();
  });
});
