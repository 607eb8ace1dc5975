// Config matrix expansion, ids/labels, inputs per batch, and comparisons.
import { describe, it, expect } from 'vitest';
import { configId, configLabel, defaultThreadCounts, expandMatrix } from './matrix.ts';
import { bestThroughputConfig, decideFastest, decisionInterval, fastestConfig, intervalsOverlap } from './compare.ts';
import { benchInputs, benchShapes, hasDynamicBatch, parseShapeOption } from './inputs.ts';
import type { ConfigResult } from './types.ts';

const limits = { cores: 4, available: ['wasm' as const], multiThread: true, dynamicBatch: true };

describe('config matrix', () => {
  it('thread counts are powers of two up to the cores, plus the core count', () => {
    expect(defaultThreadCounts(1)).toEqual([1]);
    expect(defaultThreadCounts(2)).toEqual([1, 2]);
    expect(defaultThreadCounts(6)).toEqual([1, 2, 4, 6]);
    expect(defaultThreadCounts(8, false)).toEqual([1]);
  });
  it('expands backends × threads × levels × batches, grouped by thread count', () => {
    const m = expandMatrix({ backends: ['wasm', 'webgpu'], threads: [2, 1], optLevels: ['all', 'disabled'], batches: [1, 8] }, { ...limits, available: ['wasm', 'webgpu'] });
    expect(m.configs.map(configId)).toEqual([
      'wasm-t1-all-b1', 'wasm-t1-all-b8', 'wasm-t1-disabled-b1', 'wasm-t1-disabled-b8',
      'webgpu-t1-all-b1', 'webgpu-t1-all-b8', 'webgpu-t1-disabled-b1', 'webgpu-t1-disabled-b8',
      'wasm-t2-all-b1', 'wasm-t2-all-b8', 'wasm-t2-disabled-b1', 'wasm-t2-disabled-b8',
    ]);
    expect(m.skipped).toEqual([]);
  });
  it('skips what the device cannot do, and says why', () => {
    const m = expandMatrix({ backends: ['wasm', 'webgpu'], threads: [1, 8], batches: [4] }, { ...limits, dynamicBatch: false });
    expect(m.configs.map(configId)).toEqual(['wasm-t1-all']);
    expect(m.skipped.map((s) => s.reason)).toEqual([
      'the webgpu backend is not available on this device', 'only 4 cores', "the model's batch dimension is fixed",
    ]);
    const single = expandMatrix({ backends: ['wasm'], threads: [2] }, { ...limits, multiThread: false });
    expect(single.configs.map(configId)).toEqual(['wasm-t1-all-b1']);
    expect(single.skipped[0]!.reason).toMatch(/cross-origin isolation/);
  });
  it('refuses empty or invalid requests', () => {
    expect(() => expandMatrix({ backends: [], threads: [1] }, limits)).toThrow(expect.objectContaining({ name: 'BenchOptionsError' }));
    expect(() => expandMatrix({ backends: ['wasm'], threads: [0] }, limits)).toThrow(/≥ 1/);
    expect(() => expandMatrix({ backends: ['wasm'], threads: [1], batches: [2.5] }, limits)).toThrow(/batch/);
  });
  it('labels configs readably', () => {
    expect(configLabel({ backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch: null })).toBe('wasm · 1 thread · opt all');
    expect(configLabel({ backend: 'cpu', threads: 2, graphOptimizationLevel: 'basic', batch: 4 })).toBe('cpu · 2 threads · opt basic · batch 4');
  });
});

describe('bench inputs', () => {
  const cnn = [{ name: 'image', type: 'float32', dims: ['batch', 1, 28, 28] }];
  it('sets the batch on a dynamic leading dim, and takes explicit shapes', () => {
    expect(hasDynamicBatch(cnn)).toBe(true);
    expect(hasDynamicBatch([{ name: 'x', type: 'float32', dims: [1, 5] }])).toBe(false);
    expect(benchShapes(cnn, 8)).toEqual({ image: [8, 1, 28, 28] });
    expect(benchShapes([{ name: 'x', type: 'float32', dims: [null, 5] }], 3)).toEqual({ x: [3, 5] });
    expect(benchShapes(cnn, 8, { image: [2, 1, 28, 28] })).toEqual({ image: [2, 1, 28, 28] });
    const t = benchInputs(cnn, { image: [2, 1, 28, 28] });
    expect(t.image!.data.length).toBe(2 * 784);
    expect(benchInputs(cnn, { image: [2, 1, 28, 28] }).image!.data).toEqual(t.image!.data);
  });
  it('parses --shape and names the mistakes', () => {
    expect(parseShapeOption('image=1,1,28,28')).toEqual(['image', [1, 1, 28, 28]]);
    expect(() => parseShapeOption('image')).toThrow(/NAME=D1,D2/);
    expect(() => parseShapeOption('image=1,-1')).toThrow(/non-negative/);
    expect(() => benchShapes(cnn, null, { img: [1] })).toThrow(/unknown input "img"; inputs: image/);
    expect(() => benchShapes(cnn, null, { image: [1, 28, 28] })).toThrow(/rank 3.*rank 4/);
  });
});

describe('deciding between configs', () => {
  /** A config with these round medians (ms) and a pooled p50; batch for items/s. */
  const mk = (id: string, medians: number[] | null, batch: number | null = null, itemsPerSec = 0): ConfigResult => {
    const p50 = medians ? medians.slice().sort((a, b) => a - b)[medians.length >> 1]! : 0;
    const rounds = (medians ?? []).map((m, round) => ({ round, createMs: 1, firstRunMs: 1, warmupRuns: 1, warmupMs: 1, n: 50, p50: m, p90: m, mean: m, measuredMs: 1, capped: false }));
    return {
      id, label: id, config: { backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch }, inputShapes: {}, shapes: {},
      phases: { readMs: null, createMs: 1, firstRunMs: 1, warmupMs: 1 }, rounds, capped: false, p50Interval: null,
      compute: medians === null ? null : ({ p50, p50Ci: { low: p50, high: p50, level: 0.95 }, timerResolutionMs: 0.005, itemsPerSec } as never),
      endToEnd: null, endToEndCompute: null, samples: [], endToEndSamples: [], longTasks: null,
      error: medians === null ? { name: 'InferenceError', message: 'x' } : null,
    };
  };
  it('closed intervals overlap at a shared end', () => {
    expect(intervalsOverlap({ low: 1, high: 2 }, { low: 2, high: 3 })).toBe(true);
    expect(intervalsOverlap({ low: 1, high: 2 }, { low: 2.01, high: 3 })).toBe(false);
  });
  it('fastest is by per-call p50 (a batch-8 config does not win a latency question), ignoring failed ones', () => {
    const a = mk('b1', [1, 1.01, 0.99], 1, 1000);
    const b = mk('b8', [4, 4.02, 3.98], 8, 2000);
    expect(fastestConfig([a, b, mk('c', null)])!.id).toBe('b1');
    expect(bestThroughputConfig([a, b])!.id).toBe('b8');
    expect(fastestConfig([mk('c', null)])).toBeNull();
    expect(fastestConfig([])).toBeNull();
  });
  it('a tie is "no clear difference", not a winner; a gap beyond both intervals is clear', () => {
    const tie = decideFastest([mk('a', [0.02, 0.02, 0.02]), mk('b', [0.02, 0.02, 0.02])]);
    expect(tie).toMatchObject({ clear: false, tied: ['b'] });
    const clear = decideFastest([mk('a', [1, 1.01, 0.99]), mk('b', [2, 2.02, 1.98])]);
    expect(clear).toMatchObject({ clear: true, tied: [] });
    expect(clear.fastest!.id).toBe('a');
    // Noisy rounds widen the interval until the configs overlap.
    expect(decideFastest([mk('a', [1, 1.5, 0.8]), mk('b', [1.3, 1.35, 1.32])]).clear).toBe(false);
  });
  it('the decision interval is t over round medians, with one clock step as the least half-width', () => {
    const c = mk('a', [0.05, 0.05, 0.05]);
    const i = decisionInterval(c.rounds, c.compute!);
    expect(i).toMatchObject({ method: 'rounds-t', rounds: 3, spread: 0 });
    expect(i.high - i.low).toBeCloseTo(0.01, 12);
    const one = decisionInterval(c.rounds.slice(0, 1), c.compute!);
    expect(one.method).toBe('bootstrap-one-round');
  });
});
