// Engine in Node with onnxruntime-web's wasm backend; expectations from onnxruntime-node, an
// independent runtime, on the same model files.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import { Engine } from './engine.ts';
import { generateInput } from '../lib/tensors/generate.ts';

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../${p}`, import.meta.url)));
const engine = new Engine(async () => (await import('onnxruntime-web')) as never);

beforeAll(async () => {
  await engine.init(1);
});

describe('Engine', () => {
  it('reports the environment and the threads it will use', async () => {
    const env = await engine.environment();
    expect(env.ortVersion).toMatch(/^1\.\d+/);
    expect(env.threads).toBe(1);
    expect(env.webgpu.available).toBe(false);
    expect(env.webgpu.reason).toMatch(/navigator\.gpu/);
  });

  it('loads a model, caches its session and describes symbolic dims', async () => {
    const model = fixture('tests/fixtures/server/add.onnx');
    const a = await engine.load(model, { backend: 'wasm' });
    expect(a.cached).toBe(false);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.inputs).toEqual([
      { name: 'x', type: 'float32', dims: ['N', 3] },
      { name: 'y', type: 'float32', dims: ['N', 3] },
    ]);
    const b = await engine.load(model, { backend: 'wasm' });
    expect(b.cached).toBe(true);
    expect(b.sessionId).toBe(a.sessionId);
    const c = await engine.load(model, { backend: 'wasm', graphOptimizationLevel: 'disabled' });
    expect(c.sessionId).not.toBe(a.sessionId);
  });

  it('runs the bundled CNN and agrees with onnxruntime-node within 1e-4', async () => {
    const bytes = fixture('public/models/digits.onnx');
    const loaded = await engine.load(bytes, { backend: 'wasm' });
    const image = generateInput({ type: 'float32', dims: [4, 1, 28, 28] }, 'random', 7);
    const r = await engine.run(loaded.sessionId, { image });
    expect(r.backend).toBe('wasm');
    expect(r.computeMs).toBeGreaterThan(0);
    const session = await ortNode.InferenceSession.create(Buffer.from(bytes));
    const ref = await session.run({ image: new ortNode.Tensor('float32', image.data as Float32Array, image.dims) });
    const want = ref[session.outputNames[0]!]!.data as Float32Array;
    const got = r.outputs[session.outputNames[0]!]!.data as Float32Array;
    expect(got.length).toBe(40);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-4);
  });

  it('names a wrong input shape, type or name before onnxruntime sees it', async () => {
    const { sessionId } = await engine.load(fixture('tests/fixtures/server/add.onnx'), { backend: 'wasm' });
    const x = generateInput({ type: 'float32', dims: [2, 3] }, 'ones');
    await expect(engine.run(sessionId, { x, y: generateInput({ type: 'float32', dims: [2, 4] }, 'ones') }))
      .rejects.toMatchObject({ name: 'InputShapeError', message: expect.stringMatching(/input "y".*dim 1 must be 3/) });
    await expect(engine.run(sessionId, { x, y: generateInput({ type: 'int32', dims: [2, 3] }, 'ones') }))
      .rejects.toMatchObject({ name: 'InputShapeError', message: expect.stringMatching(/float32, got int32/) });
    await expect(engine.run(sessionId, { x })).rejects.toMatchObject({ message: expect.stringMatching(/missing input "y"/) });
    await expect(engine.run(sessionId, { x, y: x, z: x })).rejects.toMatchObject({ message: expect.stringMatching(/unknown input "z"/) });
  });

  it('turns a run-time onnxruntime failure into an InferenceError and keeps working', async () => {
    const { sessionId } = await engine.load(fixture('tests/fixtures/server/reshape.onnx'), { backend: 'wasm' });
    const data = generateInput({ type: 'float32', dims: [6] }, 'ones');
    const bad = { type: 'int64' as const, dims: [2], data: new BigInt64Array([4n, 4n]) };
    await expect(engine.run(sessionId, { data, shape: bad })).rejects.toMatchObject({ name: 'InferenceError' });
    const ok = await engine.run(sessionId, { data, shape: { type: 'int64', dims: [2], data: new BigInt64Array([2n, 3n]) } });
    expect(ok.outputs.out!.dims).toEqual([2, 3]);
  });

  it('rejects empty, non-ONNX and truncated files with a ModelLoadError naming the problem', async () => {
    await expect(engine.load(new Uint8Array(0), { backend: 'wasm' })).rejects.toMatchObject({ name: 'ModelLoadError', message: expect.stringMatching(/empty/) });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await expect(engine.load(png, { backend: 'wasm' })).rejects.toMatchObject({ name: 'ModelLoadError', message: expect.stringMatching(/PNG image/) });
    const cnn = fixture('public/models/digits.onnx');
    await expect(engine.load(cnn.slice(0, cnn.length >> 1), { backend: 'wasm' })).rejects.toMatchObject({ name: 'ModelLoadError' });
  });

  it('refuses webgpu where there is no adapter instead of falling back', async () => {
    await expect(engine.load(fixture('tests/fixtures/server/add.onnx'), { backend: 'webgpu' }))
      .rejects.toMatchObject({ name: 'BackendUnavailableError', message: expect.stringMatching(/WebGPU.*not available/) });
  });

  it('runs many samples with progress and can be cancelled', async () => {
    const { sessionId } = await engine.load(fixture('tests/fixtures/server/add.onnx'), { backend: 'wasm' });
    const samples = Array.from({ length: 20 }, (_, i) => ({
      x: generateInput({ type: 'float32', dims: [1, 3] }, 'random', i),
      y: generateInput({ type: 'float32', dims: [1, 3] }, 'ones'),
    }));
    const seen: number[] = [];
    const res = await engine.runMany(sessionId, samples, (done) => void seen.push(done));
    expect(res).toHaveLength(20);
    expect(seen.at(-1)).toBe(20);
    const sum = res[3]!.outputs.sum!.data as Float32Array;
    const x3 = samples[3]!.x.data as Float32Array;
    expect(sum[0]).toBeCloseTo(x3[0]! + 1, 6);
    const p = engine.runMany(sessionId, samples, async (done) => { if (done >= 1) await engine.cancel(); });
    await expect(p).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

afterAll(async () => undefined);
