// Config matrix expansion, ids/labels, inputs per batch, and comparisons.
import { describe, it, expect } from 'vitest';
import { configId, configLabel, defaultThreadCounts, expandMatrix } from './matrix.ts';
import { compareLatency, fastestConfig, intervalsOverlap } from './compare.ts';
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

describe('comparing results', () => {
  const stats = (p50: number, low: number, high: number) => ({ p50, p50Ci: { low, high, level: 0.95 } });
  it('p50 ratio and CI overlap decide the verdict', () => {
    expect(compareLatency(stats(2, 1.9, 2.1), stats(1, 0.95, 1.05))).toMatchObject({ p50Ratio: 0.5, changePct: -50, ciOverlap: false, verdict: 'faster' });
    expect(compareLatency(stats(1, 0.9, 1.1), stats(1.05, 1.0, 1.2))).toMatchObject({ ciOverlap: true, verdict: 'same' });
    expect(compareLatency(stats(1, 0.99, 1.01), stats(1.5, 1.4, 1.6)).verdict).toBe('slower');
    expect(intervalsOverlap({ low: 1, high: 2 }, { low: 2, high: 3 })).toBe(true);
    expect(intervalsOverlap({ low: 1, high: 2 }, { low: 2.01, high: 3 })).toBe(false);
  });
  it('the fastest config is the lowest p50 per item, ignoring failed ones', () => {
    const mk = (id: string, p50: number | null, batch: number | null): ConfigResult => ({
      id, label: id, config: { backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch }, inputShapes: {}, shapes: {},
      phases: { readMs: null, createMs: 0, firstRunMs: 0, warmupMs: 0 },
      compute: p50 === null ? null : ({ p50 } as never), endToEnd: null, samples: [], endToEndSamples: [], longTasks: null,
      error: p50 === null ? { name: 'InferenceError', message: 'x' } : null,
    });
    expect(fastestConfig([mk('a', 1, 1), mk('b', 4, 8), mk('c', null, 1)])!.id).toBe('b');
    expect(fastestConfig([mk('c', null, 1)])).toBeNull();
    expect(fastestConfig([])).toBeNull();
  });
});
