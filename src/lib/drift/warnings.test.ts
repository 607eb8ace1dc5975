import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { columnDrift } from './column-drift.ts';
import { smallSampleWarning } from './warnings.ts';

const col = (text: string) => parseCsv(text.trim() + '\n').columns[0];

describe('warnings beside a result', () => {
  it('small samples: fewer than 30 values on a side', () => {
    expect(smallSampleWarning(30, 30)).toBeNull();
    expect(smallSampleWarning(13, 500)).toMatch(/only 13 reference values/);
    expect(smallSampleWarning(1, 1)).toMatch(/1 reference and 1 current value \(/);
    const r = columnDrift('x', col('x\n' + Array.from({ length: 13 }, (_, i) => i).join('\n')), col('x\n' + Array.from({ length: 40 }, (_, i) => i).join('\n')));
    expect(r.warnings?.[0]).toMatch(/small sample/);
  });
  it('an infinite chi-square names the unseen categories with their counts', () => {
    const ref = col('c\n' + 'a\nb\nc\n'.repeat(20));
    const cur = col('c\n' + 'a\nb\nc\n'.repeat(15) + 'z\nz\ny\n');
    const r = columnDrift('c', ref, cur);
    expect(r.test).toBe('chisquare');
    expect(r.statistic).toBe(Infinity);
    expect(r.unseenCategories).toEqual([{ value: 'z', count: 2 }, { value: 'y', count: 1 }]);
    expect(r.warnings?.join(' ')).toMatch(/3 current values in 2 categories the reference never had \("z" ×2, "y" ×1\)/);
  });
  it('expected counts below 5 are flagged; large balanced samples get no warning', () => {
    const ref = col('c\n' + 'a\n'.repeat(60) + 'b\n'.repeat(30) + 'r\n');
    const cur = col('c\n' + 'a\n'.repeat(40) + 'b\n'.repeat(20) + 'r\n');
    expect(columnDrift('c', ref, cur).warnings?.join(' ')).toMatch(/1 of 3 categories has an expected count below 5 \(smallest 0\.67/);
    const big = col('c\n' + 'a\nb\nc\n'.repeat(40));
    expect(columnDrift('c', big, big).warnings).toBeUndefined();
  });
  it('n = 1 on both sides: a warning, no crash', () => {
    const r = columnDrift('x', col('x\n1'), col('x\n2'));
    expect(r.warnings?.[0]).toMatch(/small sample/);
  });
});
