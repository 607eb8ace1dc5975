// The benchmark runner over a fake runtime (fake clock), and the exports of its result.
import { describe, it, expect } from 'vitest';
import { runBenchmark, type BenchTarget } from './run-matrix.ts';
import { makeProtocol, runMeasuredLoop } from './protocol.ts';
import { expandMatrix } from './matrix.ts';
import { toCsv, toGithubActionBenchmark, parseBenchImport, parseBenchResult } from './export.ts';
import { formatTable } from './table.ts';
import { callsWithin, estimateRoundMs } from './estimate.ts';
import type { BenchConfig } from './types.ts';

const env = {
  ortVersion: '1.30.0', userAgent: 'Mozilla/5.0 HeadlessChrome/140.0.0.0', platform: 'Linux x86_64', hardwareConcurrency: 2,
  deviceMemoryGb: 8, crossOriginIsolated: true, webgpu: { available: false, reason: 'none' }, webnn: false,
};

/** A runtime whose "model" takes 1 ms per item divided by threads, on a fake clock; opt 'disabled' fails. */
function fakeTarget(log: string[]): BenchTarget {
  let t = 0;
  let threads = 1;
  const loaded = new Map<string, BenchConfig>();
  return {
    runtime: 'node-wasm',
    environment: async () => env,
    useThreads: async (n) => { threads = n; log.push(`threads ${n}`); },
    load: async (c) => {
      log.push(`load t${c.threads}-${c.graphOptimizationLevel}-b${c.batch}`);
      if (c.graphOptimizationLevel === 'disabled') throw Object.assign(new Error('kernel missing'), { name: 'ModelLoadError' });
      const handle = `h${loaded.size}`;
      loaded.set(handle, c);
      return { handle, createMs: 12 };
    },
    measure: async (h, inputs, p) => {
      const c = loaded.get(h)!;
      const batch = inputs.x!.dims[0]!;
      const loop = await runMeasuredLoop(async () => { const d = batch / threads + (c.batch ?? 0) * 0; t += d; return d; }, p, { now: () => t });
      return { loop, clockStepMs: 0.001 };
    },
    endToEnd: async (_h, _i, count) => ({ endToEnd: Array.from({ length: count }, () => 1.1), compute: Array.from({ length: count }, () => 1) }),
    profile: async (c) => ({ configId: `${c.backend}-t${c.threads}`, runs: 5, ops: [{ opType: 'Gemm', totalMs: 5, perRunMs: 1, calls: 5, share: 1, nodes: 1 }], kernelMsPerRun: 1, source: 'fake' }),
    release: async (h) => { log.push(`release ${h}`); },
  };
}

describe('runBenchmark', () => {
  it('runs every config in interleaved rounds (A B C, A B C), a fresh session per round, and names the fastest per call', async () => {
    const log: string[] = [];
    const { configs } = expandMatrix({ backends: ['wasm'], threads: [1, 2], optLevels: ['all', 'disabled'], batches: [1, 4] },
      { cores: 2, available: ['wasm'], multiThread: true, dynamicBatch: true });
    const seen: number[] = [];
    const r = await runBenchmark(fakeTarget(log), {
      model: { name: 'fake', sha256: 'ab'.repeat(32), bytes: 10 },
      inputs: [{ name: 'x', type: 'float32', dims: ['N', 3] }],
      configs, protocol: makeProtocol({ rounds: 2, warmupRuns: 1, warmupMs: 0, minRuns: 20, minTimeMs: 0, endToEndRuns: 5 }), readMs: 3, profileRuns: 5,
    }, { onConfigDone: (c) => seen.push(c.samples.length), longTaskCounter: () => 0 });
    // Round 1 of every config, then round 2 of every config; a config that failed is not retried.
    const loads = log.filter((l) => l.startsWith('load'));
    expect(loads).toEqual([
      'load t1-all-b1', 'load t1-all-b4', 'load t1-disabled-b1', 'load t1-disabled-b4', 'load t2-all-b1', 'load t2-all-b4', 'load t2-disabled-b1', 'load t2-disabled-b4',
      'load t1-all-b1', 'load t1-all-b4', 'load t2-all-b1', 'load t2-all-b4',
    ]);
    expect(log.filter((l) => l.startsWith('threads'))).toEqual(['threads 1', 'threads 2', 'threads 1', 'threads 2']);
    expect(r.configs).toHaveLength(8);
    expect(r.configs.filter((c) => c.error).map((c) => c.error!.name)).toEqual(['ModelLoadError', 'ModelLoadError', 'ModelLoadError', 'ModelLoadError']);
    // Every loaded session is released: 4 good configs × 2 rounds.
    expect(log.filter((l) => l.startsWith('release'))).toHaveLength(8);
    const ok = r.configs.find((c) => c.id === 'wasm-t2-all-b4')!;
    expect(ok.compute!.p50).toBe(2);
    expect(ok.rounds.map((k) => [k.round, k.n, k.p50])).toEqual([[0, 20, 2], [1, 20, 2]]);
    expect(ok.compute!.n).toBe(40);
    expect(ok.compute!.itemsPerSec).toBeCloseTo(2000, 9);
    expect(ok.compute!.timerResolutionMs).toBe(0.001);
    expect(ok.p50Interval).toMatchObject({ method: 'rounds-t', rounds: 2 });
    // End to end: ceil(5 / 2) calls after each round, with session.run's time of the same calls.
    expect(ok.endToEnd!.n).toBe(6);
    expect(ok.endToEnd!.p50).toBe(1.1);
    expect(ok.endToEndCompute!.p50).toBe(1);
    expect(ok.phases).toEqual({ readMs: 3, createMs: 12, firstRunMs: 2, warmupMs: 2 });
    expect(ok.shapes).toEqual({ x: [4, 3] });
    // Per call: t2 b1 (0.5 ms) beats t2 b4 (2 ms) although both do 2000 items/s; clear, as nothing overlaps.
    expect(r.fastest).toBe('wasm-t2-all-b1');
    expect(r.fastestClear).toBe(true);
    expect(r.bestThroughput).toBe('wasm-t2-all-b1');
    expect(r.profile?.configId).toBe('wasm-t2');
    expect(r.longTasks).toBe(0);
    expect(r.fingerprint).toMatchObject({ runtime: 'node-wasm', cores: 2, ortVersion: '1.30.0', modelSha256: 'ab'.repeat(32), inputShapes: { x: ['N', 3] } });
    expect(seen).toHaveLength(8);
  });

  it('exports CSV, github-action-benchmark JSON and a table, and imports its own JSON again', async () => {
    const target = fakeTarget([]);
    target.memory = async () => ({ wasmHeapBytes: 2 ** 20, jsHeapBytes: 2 ** 20, peakRssBytes: null });
    const r = await runBenchmark(target, {
      model: { name: 'fake, "quoted"', sha256: 'cd'.repeat(32), bytes: 10 },
      inputs: [{ name: 'x', type: 'float32', dims: [2, 3] }],
      configs: [{ backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch: null }, { backend: 'wasm', threads: 1, graphOptimizationLevel: 'disabled', batch: null }],
      protocol: makeProtocol({ rounds: 1, warmupRuns: 0, warmupMs: 0, minRuns: 10, minTimeMs: 0, endToEndRuns: 0 }), readMs: null,
    });
    const csv = toCsv(r).split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]!.split(',')).toContain('p50_ci_low_ms');
    expect(csv[1]).toContain('"fake, ""quoted"""');
    expect(csv[1]).toContain(',wasm-t1-all,wasm,1,all,,');
    expect(csv[1]).toMatch(/,x=2×3,1048576,1048576,,1,2,bootstrap-one-round,[\d.]+,[\d.]+,0,false,$/);
    // seq_len, last: empty outside a text model's sequence sweep.
    expect(csv[0]!.split(',').at(-1)).toBe('seq_len');
    expect(csv[2]).toMatch(/ModelLoadError: kernel missing,x=2×3,,,,0,,,,,,false,$/);
    expect(r.configs[0]!.shapes).toEqual({ x: [2, 3] });
    expect(r.configs[0]!.memory).toEqual({ wasmHeapBytes: 2 ** 20, jsHeapBytes: 2 ** 20, peakRssBytes: null });
    const gab = toGithubActionBenchmark(r);
    expect(gab.map((g) => g.name)).toEqual(['fake, "quoted" wasm-t1-all x=2×3 p50', 'fake, "quoted" wasm-t1-all x=2×3 p90', 'fake, "quoted" wasm-t1-all x=2×3 peak memory']);
    expect(gab[2]).toMatchObject({ unit: 'MiB', value: 2 });
    expect(gab[0]).toMatchObject({ unit: 'ms', value: 2, range: '±0.00100' });
    const table = formatTable(r);
    expect(table).toMatch(/\*wasm-t1-all .* 2\.0\s+x=2×3/);
    expect(table).toMatch(/ModelLoadError: kernel missing/);
    const back = parseBenchImport(JSON.stringify([r, r]));
    expect(back).toHaveLength(2);
    expect(back[0]!.configs[0]!.compute!.p50).toBe(2);
  });

  it('gives a slow model\'s end-to-end calls and profile runs at most one round\'s time cap (at least one)', async () => {
    // A 44 MB int8 segmentation model ran 17 s a call natively: 60 end-to-end calls and 50 profiled
    // runs after a 60 s round would have taken half an hour. Here: 2 s a call (batch 2000), a 5 s cap.
    const target = fakeTarget([]);
    const asked: { e2e: number[]; profile: number[] } = { e2e: [], profile: [] };
    const e2e = target.endToEnd!, profile = target.profile!;
    target.endToEnd = (h, i, count) => { asked.e2e.push(count); return e2e(h, i, count); };
    target.profile = (c, i, runs) => { asked.profile.push(runs); return profile(c, i, runs); };
    const r = await runBenchmark(target, {
      model: { name: 'slow', sha256: 'cd'.repeat(32), bytes: 10 },
      inputs: [{ name: 'x', type: 'float32', dims: [2000, 3] }],
      configs: [{ backend: 'wasm', threads: 1, graphOptimizationLevel: 'all', batch: null }],
      protocol: makeProtocol({ rounds: 2, warmupRuns: 0, warmupMs: 0, minRuns: 1, minTimeMs: 0, maxTimeMs: 5_000, endToEndRuns: 60 }), readMs: null, profileRuns: 50,
    });
    expect(r.configs[0]!.compute!.p50).toBe(2000);
    // floor(5000 / 2000) = 2 of the 30 calls each round asks for; 2 of the 50 profiled runs.
    expect(asked).toEqual({ e2e: [2, 2], profile: [2] });
    expect(r.configs[0]!.endToEnd!.n).toBe(4);
    // A model slower than the cap still gets one call.
    expect(callsWithin(30, 9_000, 5_000)).toBe(1);
    expect(callsWithin(0, 9_000, 5_000)).toBe(0);
    expect(callsWithin(30, 1, 5_000)).toBe(30);
    // The estimate counts the same calls: 2 s first run + one measured run within the cap + 2 calls.
    expect(estimateRoundMs(makeProtocol({ rounds: 2, warmupRuns: 0, warmupMs: 0, minRuns: 1, minTimeMs: 0, maxTimeMs: 5_000, endToEndRuns: 60 }), 2_000)).toBe(2_000 + 2_000 + 2 * 2_000);
  });

  it('stops at cancel: a cancel during session creation skips measuring, later configs never start', async () => {
    const ac = new AbortController();
    const target = fakeTarget([]);
    const load = target.load;
    target.load = async (c) => { const r = await load(c); ac.abort(); return r; };
    const r = await runBenchmark(target, {
      model: { name: 'fake', sha256: 'ef'.repeat(32), bytes: 10 },
      inputs: [{ name: 'x', type: 'float32', dims: [1, 3] }],
      configs: [1, 2].map((t) => ({ backend: 'wasm' as const, threads: t, graphOptimizationLevel: 'all' as const, batch: null })),
      protocol: makeProtocol({ warmupRuns: 0, warmupMs: 0, minRuns: 10, minTimeMs: 0 }), readMs: null,
    }, { signal: ac.signal });
    // Every config is listed; the second never started.
    expect(r.configs).toHaveLength(2);
    expect(r.configs[0]!.error).toMatchObject({ name: 'CancelledError' });
    expect(r.configs[1]!.error).toMatchObject({ name: 'CancelledError', message: expect.stringMatching(/cancelled after 0 of 3 rounds/) });
    expect(r.configs[1]!.rounds).toEqual([]);
    expect(r.fastest).toBeNull();
  });

  it('refuses imports that are not edgeprobe results', () => {
    expect(() => parseBenchImport('nope')).toThrow(expect.objectContaining({ name: 'BenchResultFormatError', message: expect.stringMatching(/not JSON/) }));
    expect(() => parseBenchResult({ schema: 'other' })).toThrow(/unknown result schema "other"/);
    expect(() => parseBenchResult(null)).toThrow(/JSON object/);
    expect(() => parseBenchResult({ schema: 'edgeprobe.bench/1', id: 'x', model: { sha256: 'a' }, fingerprint: {}, configs: [{}] })).toThrow(/config 0/);
  });

  it('feeds a text model real token ids cut to each length of a sequence sweep, the same to the profile', async () => {
    const fed: { shape: number[]; ids: number[]; mask: number[] }[] = [];
    const base = fakeTarget([]);
    const target: BenchTarget = {
      ...base,
      measure: async (_h, inputs, p) => {
        fed.push({ shape: inputs.input_ids!.dims, ids: [...(inputs.input_ids!.data as BigInt64Array)].map(Number), mask: [...(inputs.attention_mask!.data as BigInt64Array)].map(Number) });
        const loop = await runMeasuredLoop(async () => 1, p, { now: (() => { let t = 0; return () => (t += 1); })() });
        return { loop, clockStepMs: 0.001 };
      },
      profile: async (c, inputs) => {
        fed.push({ shape: inputs.input_ids!.dims, ids: [], mask: [] });
        return { configId: `p-${c.seqLen}`, runs: 1, ops: [], kernelMsPerRun: 0, source: 'fake' };
      },
    };
    const { configs } = expandMatrix({ backends: ['wasm'], threads: [1], seqLengths: [4, 8] }, { cores: 2, available: ['wasm'], multiThread: true, dynamicBatch: true });
    const feed = { ids: [101, 11, 12, 13, 14, 15, 16, 102], suffix: 1, padId: 0 };
    const r = await runBenchmark(target, {
      model: { name: 'text', sha256: 'ef'.repeat(32), bytes: 10 },
      inputs: [{ name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] }, { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] }],
      configs, protocol: makeProtocol({ rounds: 1, warmupRuns: 0, warmupMs: 0, minRuns: 3, minTimeMs: 0, endToEndRuns: 0 }), readMs: null, profileRuns: 1, text: feed,
    });
    expect(r.configs.map((c) => [c.id, c.shapes.input_ids])).toEqual([['wasm-t1-all-b1-s4', [1, 4]], ['wasm-t1-all-b1-s8', [1, 8]]]);
    expect(fed[0]).toEqual({ shape: [1, 4], ids: [101, 11, 12, 102], mask: [1, 1, 1, 1] });
    expect(fed[1]).toEqual({ shape: [1, 8], ids: feed.ids, mask: new Array(8).fill(1) });
    // The profile of the fastest config runs at that config's length.
    expect(fed[2]!.shape).toEqual(r.configs.find((c) => c.id === r.fastest)!.shapes.input_ids);
  });
});

describe('runBenchmark: the worker JS heap measured once per config', () => {
  it('asks for it at the end of each config\'s last round (session still open) and adds it to the config\'s memory', async () => {
    const log: string[] = [];
    const base = fakeTarget(log);
    const calls: string[] = [];
    const target: BenchTarget = {
      ...base,
      memory: async () => ({ wasmHeapBytes: 16 * 2 ** 20, jsHeapBytes: null, peakRssBytes: null }),
      workerJsHeap: async (c, wasm) => {
        calls.push(`t${c.threads} after ${log.filter((l) => l.startsWith('release')).length} releases, wasm ${wasm}`);
        return 2_500_000;
      },
    };
    const { configs } = expandMatrix({ backends: ['wasm'], threads: [1, 2], optLevels: ['all'], batches: [1] },
      { cores: 2, available: ['wasm'], multiThread: true, dynamicBatch: true });
    const r = await runBenchmark(target, {
      model: { name: 'fake', sha256: 'ab'.repeat(32), bytes: 10 }, inputs: [{ name: 'x', type: 'float32', dims: ['N', 3] }],
      configs, protocol: makeProtocol({ rounds: 3, warmupRuns: 1, warmupMs: 0, minRuns: 5, minTimeMs: 0, endToEndRuns: 0 }), readMs: 1, profileRuns: 0,
    });
    // Rounds interleave (t1, t2, t1, t2, t1, t2): once each, in round 3, before that round's release.
    expect(calls).toEqual([`t1 after 4 releases, wasm ${16 * 2 ** 20}`, `t2 after 5 releases, wasm ${16 * 2 ** 20}`]);
    for (const c of r.configs) expect(c.memory).toEqual({ wasmHeapBytes: 16 * 2 ** 20, jsHeapBytes: 2_500_000, peakRssBytes: null });
  });
});
