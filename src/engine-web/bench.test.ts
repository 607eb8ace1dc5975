// The benchmark through the real Engine in Node (onnxruntime-web, wasm backend): the whole runner,
// cancellation and input checks. Shapes and structure only: how its loop's times compare with a bare
// session.run loop is measured by `npm run bench` (scripts/bench/engine-loop.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Engine } from './engine.ts';
import { engineBenchTarget } from './bench-target.ts';
import { runBenchmark } from '../lib/bench/run-matrix.ts';
import { makeProtocol } from '../lib/bench/protocol.ts';
import { expandMatrix } from '../lib/bench/matrix.ts';
import { inspectModel } from '../lib/model/onnx.ts';
import { benchInputs, benchShapes } from '../lib/bench/inputs.ts';

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../${p}`, import.meta.url)));
const engine = new Engine(async () => (await import('onnxruntime-web')) as never);
const digits = fixture('public/models/digits.onnx');

beforeAll(async () => {
  await engine.init(1);
});

describe('Engine.bench (Node, wasm)', () => {
  it('runs the matrix on the bundled CNN: phases, statistics, fingerprint, fastest config', async () => {
    const info = await inspectModel(digits);
    const { configs } = expandMatrix({ backends: ['wasm'], threads: [1], optLevels: ['all', 'disabled'], batches: [1, 4] },
      { cores: 1, available: ['wasm'], multiThread: false, dynamicBatch: true });
    const progress: number[] = [];
    const r = await runBenchmark(engineBenchTarget(engine, digits, { runtime: 'node-wasm', setThreads: (n) => engine.init(n) }), {
      model: { name: 'digits', sha256: info.sha256, bytes: info.bytes }, inputs: info.inputs, configs,
      protocol: makeProtocol({ rounds: 2, warmupRuns: 3, warmupMs: 0, minRuns: 15, minTimeMs: 50, endToEndRuns: 0 }), readMs: null,
    }, { onProgress: (_i, _n, p) => void progress.push(p.fraction) });
    expect(r.configs.map((c) => c.id)).toEqual(['wasm-t1-all-b1', 'wasm-t1-all-b4', 'wasm-t1-disabled-b1', 'wasm-t1-disabled-b4']);
    for (const c of r.configs) {
      expect(c.error).toBeNull();
      expect(c.compute!.n).toBeGreaterThanOrEqual(30);
      // Two rounds, each with its own session and median; the decision interval is over them.
      expect(c.rounds.map((k) => k.round)).toEqual([0, 1]);
      for (const k of c.rounds) expect(k.n).toBeGreaterThanOrEqual(15);
      expect(c.p50Interval).toMatchObject({ method: 'rounds-t', rounds: 2 });
      expect(c.compute!.p50).toBeGreaterThan(0);
      expect(c.compute!.p50Ci.low).toBeLessThanOrEqual(c.compute!.p50);
      // The clock step comes from the clock itself (Node: well under a microsecond), not from gaps between samples.
      expect(c.compute!.timerResolutionMs).toBeGreaterThan(0);
      expect(Number.isFinite(c.compute!.timerResolutionMs)).toBe(true);
      expect(c.phases.createMs).toBeGreaterThan(0);
      expect(c.phases.firstRunMs).toBeGreaterThan(0);
      expect(c.samples).toHaveLength(c.compute!.n);
    }
    // The batch-4 config really fed batch 4 (how its time compares is a benchmark's business, not a
    // unit test's: on a loaded 2-core CI machine the two p50s can cross).
    expect(r.configs[1]!.shapes).toEqual({ image: [4, 1, 28, 28] });
    expect(r.fastest).not.toBeNull();
    expect(r.fingerprint).toMatchObject({ runtime: 'node-wasm', modelSha256: info.sha256, ortVersion: expect.stringMatching(/^1\.30/), inputShapes: { image: ['batch', 1, 28, 28] } });
    expect(progress.at(-1)).toBe(1);
  });

  it('stops on cancel and reports what it measured', async () => {
    const { sessionId } = await engine.load(fixture('tests/fixtures/server/add.onnx'), { backend: 'wasm' });
    const x = { type: 'float32' as const, dims: [1, 3], data: new Float32Array([1, 2, 3]) };
    let calls = 0;
    const r = await engine.bench(sessionId, { x, y: x }, makeProtocol({ warmupRuns: 0, warmupMs: 0, minRuns: 1_000_000, minTimeMs: 60_000 }), 1, () => {
      if (++calls === 2) void engine.cancel();
    });
    expect(r.loop.cancelled).toBe(true);
    expect(r.loop.samples.length).toBeGreaterThan(0);
    expect(r.clockStepMs).toBeGreaterThan(0);
  });

  it('checks inputs before measuring and names the problem', async () => {
    const { sessionId } = await engine.load(fixture('tests/fixtures/server/add.onnx'), { backend: 'wasm' });
    const x = { type: 'float32' as const, dims: [1, 4], data: new Float32Array(4) };
    await expect(engine.bench(sessionId, { x, y: x }, makeProtocol({}, true), 1)).rejects.toMatchObject({ name: 'InputShapeError' });
  });

  it('says plainly that the per-operator profile needs the browser (Node prints it to stdout)', async () => {
    const info = await inspectModel(digits);
    const inputs = benchInputs(info.inputs, benchShapes(info.inputs, 1));
    await expect(engine.profile(digits, { backend: 'wasm' }, inputs, 2, 'wasm-t1-all-b1')).rejects.toMatchObject({ name: 'ProfileUnavailableError' });
  });
});
