// The benchmark runner over a fake runtime (fake clock), and the exports of its result.
import { describe, it, expect } from 'vitest';
import { runBenchmark, type BenchTarget } from './run-matrix.ts';
import { makeProtocol, runMeasuredLoop } from './protocol.ts';
import { expandMatrix } from './matrix.ts';
import { toCsv, toGithubActionBenchmark, parseBenchImport, parseBenchResult } from './export.ts';
import { formatTable } from './table.ts';
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
      if (c.graphOptimizationLevel === 'disabled') throw Object.assign(new Error('kernel missing'), { name: 'ModelLoadError' });
      const handle = `h${loaded.size}`;
      loaded.set(handle, c);
      return { handle, createMs: 12 };
    },
    measure: async (h, inputs, p) => {
      const c = loaded.get(h)!;
      const batch = inputs.x!.dims[0]!;
      const loop = await runMeasuredLoop(async () => { const d = batch / threads + (c.batch ?? 0) * 0; t += d; return d; }, p, { now: () => t });
      return { loop, stats: null };
    },
    endToEnd: async (_h, _i, count) => Array.from({ length: count }, () => 1.1),
    profile: async (c) => ({ configId: `${c.backend}-t${c.threads}`, runs: 5, ops: [{ opType: 'Gemm', totalMs: 5, perRunMs: 1, calls: 5, share: 1, nodes: 1 }], kernelMsPerRun: 1, source: 'fake' }),
    release: async (h) => { log.push(`release ${h}`); },
  };
}

describe('runBenchmark', () => {
  it('runs every config, switching threads once per count, and names the fastest', async () => {
    const log: string[] = [];
    const { configs } = expandMatrix({ backends: ['wasm'], threads: [1, 2], optLevels: ['all', 'disabled'], batches: [1, 4] },
      { cores: 2, available: ['wasm'], multiThread: true, dynamicBatch: true });
    const seen: number[] = [];
    const r = await runBenchmark(fakeTarget(log), {
      model: { name: 'fake', sha256: 'ab'.repeat(32), bytes: 10 },
      inputs: [{ name: 'x', type: 'float32', dims: ['N', 3] }],
      configs, protocol: makeProtocol({ warmupRuns: 1, minRuns: 20, minTimeMs: 0, endToEndRuns: 5 }), readMs: 3, profileRuns: 5,
    }, { onConfigDone: (c) => seen.push(c.samples.length), longTaskCounter: () => 0 });
    expect(log.filter((l) => l.startsWith('threads'))).toEqual(['threads 1', 'threads 2']);
    expect(r.configs).toHaveLength(8);
    expect(r.configs.filter((c) => c.error).map((c) => c.error!.name)).toEqual(['ModelLoadError', 'ModelLoadError', 'ModelLoadError', 'ModelLoadError']);
    // Every loaded session is released.
    expect(log.filter((l) => l.startsWith('release'))).toHaveLength(4);
    const ok = r.configs.find((c) => c.id === 'wasm-t2-all-b4')!;
    expect(ok.compute!.p50).toBe(2);
    expect(ok.compute!.itemsPerSec).toBeCloseTo(2000, 9);
    expect(ok.endToEnd!.p50).toBe(1.1);
    expect(ok.phases).toEqual({ readMs: 3, createMs: 12, firstRunMs: 2, warmupMs: 2 });
    expect(ok.inputShapes).toEqual({ x: [4, 3] });
    // Per item: t2 is 0.5 ms for both batches; the first such config wins.
    expect(r.fastest).toBe('wasm-t2-all-b1');
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
      protocol: makeProtocol({ warmupRuns: 0, minRuns: 10, minTimeMs: 0, endToEndRuns: 0 }), readMs: null,
    });
    const csv = toCsv(r).split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]!.split(',')).toContain('p50_ci_low_ms');
    expect(csv[1]).toContain('"fake, ""quoted"""');
    expect(csv[1]).toContain(',wasm-t1-all,wasm,1,all,,');
    expect(csv[1]).toMatch(/,x=2×3,1048576,1048576,$/);
    expect(csv[2]).toMatch(/ModelLoadError: kernel missing,x=2×3,,,$/);
    expect(r.configs[0]!.shapes).toEqual({ x: [2, 3] });
    expect(r.configs[0]!.memory).toEqual({ wasmHeapBytes: 2 ** 20, jsHeapBytes: 2 ** 20, peakRssBytes: null });
    const gab = toGithubActionBenchmark(r);
    expect(gab.map((g) => g.name)).toEqual(['fake, "quoted" wasm-t1-all x=2×3 p50', 'fake, "quoted" wasm-t1-all x=2×3 p90', 'fake, "quoted" wasm-t1-all x=2×3 peak memory']);
    expect(gab[2]).toMatchObject({ unit: 'MiB', value: 2 });
    expect(gab[0]).toMatchObject({ unit: 'ms', value: 2, range: '±0.00' });
    const table = formatTable(r);
    expect(table).toMatch(/\*wasm-t1-all .* 2\.0\s+x=2×3/);
    expect(table).toMatch(/ModelLoadError: kernel missing/);
    const back = parseBenchImport(JSON.stringify([r, r]));
    expect(back).toHaveLength(2);
    expect(back[0]!.configs[0]!.compute!.p50).toBe(2);
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
      protocol: makeProtocol({ warmupRuns: 0, minRuns: 10, minTimeMs: 0 }), readMs: null,
    }, { signal: ac.signal });
    expect(r.configs).toHaveLength(1);
    expect(r.configs[0]!.error).toMatchObject({ name: 'CancelledError' });
    expect(r.fastest).toBeNull();
  });

  it('refuses imports that are not edgeprobe results', () => {
    expect(() => parseBenchImport('nope')).toThrow(expect.objectContaining({ name: 'BenchResultFormatError', message: expect.stringMatching(/not JSON/) }));
    expect(() => parseBenchResult({ schema: 'other' })).toThrow(/unknown result schema "other"/);
    expect(() => parseBenchResult(null)).toThrow(/JSON object/);
    expect(() => parseBenchResult({ schema: 'edgeprobe.bench/1', id: 'x', model: { sha256: 'a' }, fingerprint: {}, configs: [{}] })).toThrow(/config 0/);
  });
});
