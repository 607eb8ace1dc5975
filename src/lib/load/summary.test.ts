import { describe, expect, it } from 'vitest';
import { findKnee, summarizeLevel, withinBudgetUpTo, parseLoadResult, LOAD_SCHEMA } from './summary.ts';

const level = (c: number, tput: number, p99: number, errors = 0) => ({ ...summarizeLevel(c, [1, 2, 3], errors ? { 'HTTP 503': errors } : {}, 1000), throughputPerSec: tput, p99 });

describe('load summary', () => {
  it('summarises latencies: count, throughput over the window, ordered percentiles', () => {
    const l = summarizeLevel(4, [5, 1, 3, 2, 4], { 'HTTP 500': 2 }, 500);
    expect(l.requests).toBe(5);
    expect(l.throughputPerSec).toBe(10);
    expect(l.p50).toBe(3);
    expect(l.p50).toBeLessThanOrEqual(l.p90);
    expect(l.p90).toBeLessThanOrEqual(l.p99);
    expect(l.max).toBe(5);
    expect(l.errorCount).toBe(2);
  });

  it('an empty level has no percentiles and zero throughput', () => {
    const l = summarizeLevel(1, [], { ECONNREFUSED: 3 }, 1000);
    expect(l.throughputPerSec).toBe(0);
    expect(l.p50).toBeNaN();
  });

  it('finds the knee where throughput stops growing by 10 %', () => {
    expect(findKnee([level(1, 100, 5), level(2, 190, 6), level(4, 200, 12), level(8, 201, 25)])).toBe(2);
    expect(findKnee([level(1, 100, 5), level(2, 200, 6)])).toBe(2);
    expect(findKnee([level(1, 100, 5)])).toBeNull();
  });

  it('names the highest concurrency within the latency limit and without errors', () => {
    const ls = [level(1, 100, 5), level(2, 190, 9), level(4, 200, 12), level(8, 201, 8, 1)];
    expect(withinBudgetUpTo(ls, 10)).toBe(2);
    expect(withinBudgetUpTo(ls, 1)).toBeNull();
    expect(withinBudgetUpTo(ls, null)).toBeNull();
  });

  it('refuses a file that is not a load result', () => {
    expect(() => parseLoadResult({ schema: 'x' })).toThrow(/not an edgeprobe load result/);
    expect(() => parseLoadResult({ schema: LOAD_SCHEMA, levels: [{}] })).toThrow(/levels/);
  });
});

describe('serverMeetsUpTo', () => {
  it('judges the budget metric per level', async () => {
    const { serverMeetsUpTo } = await import('./summary.ts');
    const ls = [{ ...level(1, 100, 5), p90: 3 }, { ...level(2, 190, 9), p90: 6 }, { ...level(4, 200, 30), p90: 20 }];
    expect(serverMeetsUpTo(ls, 'p90', 10)).toBe(2);
    expect(serverMeetsUpTo(ls, 'p99', 4)).toBeNull();
  });
});
