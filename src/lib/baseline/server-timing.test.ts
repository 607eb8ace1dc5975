import { describe, it, expect } from 'vitest';
import { parseServerTiming, serverTimes } from './server-timing.ts';

// Expectations follow the W3C Server Timing grammar (metric;param=value, comma-separated).
describe('parseServerTiming', () => {
  it('reads names, durations and quoted descriptions (commas inside quotes kept)', () => {
    expect(parseServerTiming('db;dur=53, app;dur=47.2;desc="render, then send", cache;desc=hit')).toEqual([
      { name: 'db', dur: 53 },
      { name: 'app', dur: 47.2, desc: 'render, then send' },
      { name: 'cache', desc: 'hit' },
    ]);
  });
  it('skips malformed entries and bad durations; the first dur wins', () => {
    expect(parseServerTiming('ok;dur=1;dur=2, ;dur=3, bad name;dur=4, neg;dur=-1, nan;dur=abc')).toEqual([
      { name: 'ok', dur: 1 }, { name: 'neg' }, { name: 'nan' },
    ]);
  });
  it('empty, null and undefined give no metrics', () => {
    expect(parseServerTiming('')).toEqual([]);
    expect(parseServerTiming(null)).toEqual([]);
    expect(parseServerTiming(undefined)).toEqual([]);
  });
});

describe('serverTimes', () => {
  it('takes compute and sums every duration as the server total', () => {
    const t = serverTimes('parse;dur=0.100, queue;dur=0.000, transfer;dur=0.050, compute;dur=1.250');
    expect(t.computeMs).toBe(1.25);
    expect(t.totalMs).toBeCloseTo(1.4, 12);
  });
  it('prefers an explicit total over the sum', () => {
    expect(serverTimes('inference;dur=2, total;dur=3')).toMatchObject({ computeMs: 2, totalMs: 3 });
  });
  it('no header: nothing known', () => {
    expect(serverTimes(null)).toEqual({ metrics: [] });
  });
});
