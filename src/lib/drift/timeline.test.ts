import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { driftTimeline, windowLabel } from './timeline.ts';
import { DataFormatError } from '../data/table.ts';

const ref = parseCsv('t,x\n' + Array.from({ length: 30 }, (_, i) => `2024-01-01,${i % 10}`).join('\n') + '\n');
const cur = parseCsv('t,x\n' + Array.from({ length: 60 }, (_, i) => `2024-02-${String(1 + (i % 20)).padStart(2, '0')},${i < 30 ? i % 10 : 50 + i}`).join('\n') + '\nNA,3\n');

describe('driftTimeline', () => {
  it('calendar labels in UTC', () => {
    const t = Date.UTC(2024, 1, 7, 13); // a Wednesday
    expect(windowLabel(t, 'day')).toBe('2024-02-07');
    expect(windowLabel(t, 'week')).toBe('week of 2024-02-05');
    expect(windowLabel(t, 'month')).toBe('2024-02');
  });
  it('splits by row count and finds the drifting chunk', () => {
    const tl = driftTimeline(ref, cur, 30, null, { exclude: ['t'] });
    expect(tl.windows.map((w) => w.rows)).toEqual([30, 30, 1]);
    expect(tl.windows[0].columns[0]).toMatchObject({ name: 'x', test: 'ks', drift: false });
    expect(tl.windows[1].drifted).toBe(true);
  });
  it('splits by week on a time column, skipping rows without a time', () => {
    const tl = driftTimeline(ref, cur, 'week', 't');
    expect(tl.skippedRows).toBe(1);
    expect(tl.windows.map((w) => w.label)).toEqual(['week of 2024-01-29', 'week of 2024-02-05', 'week of 2024-02-12', 'week of 2024-02-19']);
    expect(tl.windows.reduce((s, w) => s + w.rows, 0)).toBe(60);
    expect(tl.windows.every((w) => w.columns.every((c) => c.name === 'x'))).toBe(true);
  });
  it('rejects bad windows and unknown time columns', () => {
    expect(() => driftTimeline(ref, cur, 0, null)).toThrow(DataFormatError);
    expect(() => driftTimeline(ref, cur, 'day', null)).toThrow(/time-column/);
    expect(() => driftTimeline(ref, cur, 'day', 'nope')).toThrow(/"nope" is not in the current set/);
  });
});
