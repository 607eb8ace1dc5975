// `--runtime native` for the benchmark: onnxruntime-node in this process as a BenchTarget, driven by
// the same runner and protocol loop (src/lib/bench) as the browser, so the two compare like for like.
import { availableParallelism, arch, platform, totalmem, cpus } from 'node:os';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createNativeRunner, nativeVersion, type NativeRunner } from '../engine-node/native.ts';
import type { BenchTarget } from '../lib/bench/run-matrix.ts';
import { runMeasuredLoop } from '../lib/bench/protocol.ts';
import { measureClockStep } from '../lib/bench/resolution.ts';
import { aggregateOps, parseTrace, PROFILE_WARMUP_RUNS } from '../lib/bench/profile.ts';
import { configId } from '../lib/bench/matrix.ts';
import type { BenchConfig } from '../lib/bench/types.ts';
import { UsageError } from './args.ts';

/** The native runtime's environment in the fingerprint's terms. */
export function nativeEnvironment() {
  return {
    ortVersion: `node ${nativeVersion()}`,
    userAgent: `Node.js ${process.version} (${cpus()[0]?.model ?? 'unknown CPU'})`,
    platform: `${platform()} ${arch()}`,
    hardwareConcurrency: availableParallelism(),
    deviceMemoryGb: Math.round(totalmem() / 2 ** 30),
    crossOriginIsolated: false,
    webgpu: { available: false, reason: 'onnxruntime-node runs on the CPU here' },
    webnn: false,
  };
}

function check(c: BenchConfig): void {
  if (c.backend !== 'cpu') throw new UsageError(`--runtime native runs onnxruntime-node's CPU provider; backend ${c.backend} needs --runtime browser`);
}

/** A BenchTarget over onnxruntime-node for the model `bytes`; thread count is per session (intra-op). */
export function nativeBenchTarget(bytes: Uint8Array): BenchTarget {
  const runners = new Map<string, NativeRunner>();
  let next = 0;
  return {
    runtime: 'native',
    environment: async () => nativeEnvironment(),
    useThreads: async () => undefined,
    async load(c) {
      check(c);
      const runner = await createNativeRunner(bytes, { threads: c.threads, graphOptimizationLevel: c.graphOptimizationLevel });
      const handle = `n${next++}`;
      runners.set(handle, runner);
      return { handle, createMs: runner.createMs };
    },
    async measure(handle, inputs, protocol, _batch, onProgress) {
      const runner = runners.get(handle)!;
      const loop = await runMeasuredLoop(async () => (await runner.run(inputs)).computeMs, protocol, { onProgress });
      return { loop, clockStepMs: measureClockStep(() => performance.now()) };
    },
    async endToEnd(handle, inputs, count) {
      const runner = runners.get(handle)!;
      const endToEnd: number[] = [];
      const compute: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const r = await runner.run(inputs);
        endToEnd.push(performance.now() - t0);
        compute.push(r.computeMs);
      }
      return { endToEnd, compute };
    },
    async profile(c, inputs, runs) {
      check(c);
      // onnxruntime-node writes onnxruntime_profile_<date>.json into the working directory.
      const before = new Set(readdirSync(process.cwd()));
      const runner = await createNativeRunner(bytes, { threads: c.threads, graphOptimizationLevel: c.graphOptimizationLevel, profiling: true });
      try {
        for (let i = 0; i < runs + PROFILE_WARMUP_RUNS; i++) await runner.run(inputs);
        await runner.endProfiling();
      } finally {
        await runner.close();
      }
      const file = readdirSync(process.cwd())
        .filter((f) => f.startsWith('onnxruntime_profile_') && f.endsWith('.json') && !before.has(f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
      if (!file) throw new Error('onnxruntime-node wrote no profile file');
      const path = join(process.cwd(), file);
      try {
        return aggregateOps(parseTrace(readFileSync(path, 'utf8')), runs, configId(c), 'onnxruntime-node profiler', PROFILE_WARMUP_RUNS);
      } finally {
        rmSync(path, { force: true });
      }
    },
    async release(handle) {
      await runners.get(handle)?.close();
      runners.delete(handle);
    },
    // maxRSS is the process's peak (KiB) since it started: the models loaded before count too.
    memory: async () => ({ wasmHeapBytes: null, jsHeapBytes: process.memoryUsage().heapUsed, peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
  };
}
