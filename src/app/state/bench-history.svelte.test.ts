// BenchHistory over an in-memory store: the list, ticking two runs, the comparison (older run as
// baseline; unlike runs refused with what differs, e.g. another sequence length), delete, import.
import { describe, it, expect } from 'vitest';
import { BenchHistory, type HistoryStore } from './bench-history.svelte.ts';
import { summarizeEntry } from './history.ts';
import { makeProtocol } from '../../lib/bench/protocol.ts';
import type { BenchResult, ConfigResult } from '../../lib/bench/types.ts';

function config(seqLen: number, medians: number[]): ConfigResult {
  const p50 = medians.slice().sort((a, b) => a - b)[medians.length >> 1]!;
  const shapes = { input_ids: [1, seqLen], attention_mask: [1, seqLen] };
  return {
    id: `wasm-t1-all-b1-s${seqLen}`, label: `wasm · 1 thread · opt all · batch 1 · seq ${seqLen}`,
    config: { backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch: 1, seqLen }, inputShapes: shapes, shapes,
    phases: { readMs: null, createMs: 12, firstRunMs: 3, warmupMs: 1 },
    rounds: medians.map((m, round) => ({ round, createMs: 12, firstRunMs: 3, warmupRuns: 1, warmupMs: 1, n: 50, p50: m, p90: m * 1.2, mean: m, measuredMs: 100, capped: false })),
    capped: false, p50Interval: null,
    compute: { p50, p90: p50 * 1.2, p95: p50 * 1.3, p99: p50 * 1.5, mean: p50, p50Ci: { low: p50 * 0.99, high: p50 * 1.01, level: 0.95 }, timerResolutionMs: 0.0001 } as never,
    endToEnd: null, endToEndCompute: null, samples: [], endToEndSamples: [], longTasks: null, error: null,
  };
}

function result(id: string, date: string, configs: ConfigResult[]): BenchResult {
  const sha = 'cd'.repeat(32);
  return {
    schema: 'edgeprobe.bench/1', id, model: { name: 'debian-sections', sha256: sha, bytes: 1 },
    fingerprint: { runtime: 'browser', userAgent: 'chromium', platform: 'linux x64', cores: 2, deviceMemoryGb: 8, crossOriginIsolated: true, gpu: { available: false }, webnn: false, ortVersion: '1.30', modelSha256: sha, inputShapes: {}, date },
    protocol: makeProtocol(), configs, fastest: configs[0]!.id, fastestClear: true, tiedWithFastest: [], bestThroughput: null, longTasks: null, longTaskDetail: null, profile: null, profileError: null, totalMs: 1,
  };
}

function memoryStore(initial: BenchResult[]): HistoryStore & { map: Map<string, BenchResult> } {
  const map = new Map(initial.map((r) => [r.id, r]));
  return {
    map,
    listResults: async () => [...map.values()].map(summarizeEntry),
    getResult: async (id) => map.get(id),
    saveResult: async (r) => void map.set(r.id, r),
    deleteResult: async (id) => void map.delete(id),
    exportHistory: async (format) => (format === 'json' ? JSON.stringify([...map.values()]) : 'csv'),
    importHistory: async (text) => {
      const list = JSON.parse(text) as BenchResult[];
      if (!Array.isArray(list)) throw Object.assign(new Error('not a list of results'), { name: 'HistoryError' });
      for (const r of list) map.set(r.id, r);
      return list.length;
    },
  };
}

const old = result('old', '2026-12-01T10:00:00.000Z', [config(16, [1.0, 1.02, 0.99]), config(64, [2.0, 2.02, 1.99])]);
const slower = result('new', '2026-12-01T11:00:00.000Z', [config(16, [1.21, 1.19, 1.23]), config(64, [2.4, 2.42, 2.39])]);
const otherSeq = result('s128', '2026-12-01T12:00:00.000Z', [config(128, [4, 4.1, 3.9])]);

describe('BenchHistory', () => {
  it('lists the stored runs and keeps the last two ticked', async () => {
    const h = new BenchHistory(memoryStore([old, slower, otherSeq]));
    await h.load();
    expect(h.entries.map((e) => e.id).sort()).toEqual(['new', 'old', 's128']);
    expect(h.entries.find((e) => e.id === 'old')?.fastestLabel).toMatch(/seq 16/);
    h.toggleSelected('old');
    expect(h.canCompare).toBe(false);
    h.toggleSelected('new');
    h.toggleSelected('s128');
    expect(h.selected).toEqual(['new', 's128']);
    h.toggleSelected('s128');
    expect(h.selected).toEqual(['new']);
  });

  it('compares two runs with the older as baseline, per sequence length', async () => {
    const h = new BenchHistory(memoryStore([old, slower]));
    h.toggleSelected('new');
    h.toggleSelected('old');
    await h.compareSelected();
    expect(h.refused).toBeNull();
    expect(h.comparison?.a.id).toBe('old');
    expect(h.comparison?.cmp.configs.map((c) => [c.id, c.verdict])).toEqual([['wasm-t1-all-b1-s16', 'slower'], ['wasm-t1-all-b1-s64', 'slower']]);
  });

  it('refuses runs at other sequence lengths, saying what differs', async () => {
    const h = new BenchHistory(memoryStore([old, otherSeq]));
    h.toggleSelected('old');
    h.toggleSelected('s128');
    await h.compareSelected();
    expect(h.comparison).toBeNull();
    expect(h.refused?.join('; ')).toMatch(/"input_ids":\[1,128\]/);
  });

  it('unticks a deleted run; an import error is shown by name', async () => {
    const store = memoryStore([old, slower]);
    const h = new BenchHistory(store);
    h.toggleSelected('old');
    await h.remove('old');
    expect(h.selected).toEqual([]);
    expect(h.entries.map((e) => e.id)).toEqual(['new']);
    expect(await h.importFile({ text: async () => JSON.stringify([old]) })).toBe(1);
    expect(h.entries).toHaveLength(2);
    expect(await h.importFile({ text: async () => '{}' })).toBe(0);
    expect(h.error).toBe('HistoryError: not a list of results');
    const f = await h.exportFile('json');
    expect(f.name).toMatch(/^edgeprobe-bench-.*\.json$/);
    expect(JSON.parse(f.text)).toHaveLength(2);
  });
});
