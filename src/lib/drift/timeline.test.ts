import { describe, it, expect } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { driftTimeline, windowLabel } from './timeline.ts';
import { DataFormatError } from '../data/table.ts';
import { mulberry32 } from '../stats/prng.ts';
import { columnDrift } from './column-drift.ts';
import { gather } from './windows.ts';
import { band } from './bands.ts';

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

describe('reference bands (NannyML: mean ± 3σ over the reference chunks)', () => {
  const rand = mulberry32(11);
  const day = (d: number) => `2024-01-${String(d).padStart(2, '0')}`;
  const lines = (days: number, from: number, shiftFrom: number) => Array.from({ length: days * 40 }, (_, i) => {
    const d = from + Math.floor(i / 40);
    const x = rand() + (d >= shiftFrom ? 0.6 : 0);
    return `${day(d)},${x.toFixed(4)},${(rand() + x).toFixed(4)}`;
  }).join('\n');
  const ref = parseCsv('t,x,y\n' + lines(20, 1, 99) + '\n');
  const cur = parseCsv('t,x,y\n' + lines(8, 21, 25) + '\n2024-01-29,0.5,0.5\n');
  const tl = driftTimeline(ref, cur, 'day', 't');
  it('bands come from the reference chunks of the same calendar windows', () => {
    expect(tl.verdictBy).toBe('reference-bands');
    expect(tl.reference).toMatchObject({ chunks: 20, chunkRows: 40, minChunkRows: 30 });
    const b = tl.bands.find((x) => x.name === 'x')!;
    expect(b.test).toBe('ks');
    const x = ref.columns[1];
    const stats = Array.from({ length: 20 }, (_, k) => columnDrift('x', x, gather(x, Int32Array.from({ length: 40 }, (_, i) => k * 40 + i)), { test: 'ks' }).statistic!);
    expect(b.band).toEqual(band(stats, 0));
  });
  it('shifted windows alert; the one-row window is low-confidence, not drifted', () => {
    const shifted = tl.windows.filter((w) => w.label >= '2024-01-25' && w.label <= '2024-01-28');
    expect(shifted.every((w) => w.drifted && w.columns.find((c) => c.name === 'x')!.alert)).toBe(true);
    expect(shifted.every((w) => w.multivariate! > 0)).toBe(true);
    const last = tl.windows.at(-1)!;
    expect(last).toMatchObject({ rows: 1, lowConfidence: true, drifted: false, multivariateAlert: false });
    expect(tl.multivariate.columns).toEqual(['x', 'y']);
    expect(tl.multivariate.band).not.toBeNull();
  });
  it('a reference too short for two chunks falls back to the tests\' thresholds', () => {
    const small = driftTimeline(parseCsv('t,x\n' + Array.from({ length: 30 }, (_, i) => `2024-01-01,${i % 10}`).join('\n') + '\n'), cur, 'day', 't', { columns: ['x'] });
    expect(small.verdictBy).toBe('test-thresholds');
    expect(small.bands[0].band).toBeNull();
  });
});
