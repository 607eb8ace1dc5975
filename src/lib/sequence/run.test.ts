import { describe, expect, it } from 'vitest';
import { runSequence, stepSeries, zerosLike, type RunStep } from './run.ts';
import type { TensorMap } from '../tensors/types.ts';

const f32 = (...v: number[]) => ({ type: 'float32' as const, dims: [v.length], data: Float32Array.from(v) });

/** A running sum: y = h + sum(x) (per step), hn = y; sr is echoed so the fixed input is seen. */
const accumulate: RunStep = async (feeds) => {
  const h = (feeds.h!.data as Float32Array)[0]!;
  const x = [...(feeds.x!.data as Float32Array)].reduce((a, b) => a + b, 0);
  const sr = Number((feeds.sr!.data as BigInt64Array)[0]);
  return { outputs: { y: f32(h + x), hn: f32(h + x), sr_seen: f32(sr) }, computeMs: 1 };
};

const plan = (steps: TensorMap[]) => ({
  steps, fixed: { sr: { type: 'int64' as const, dims: [], data: BigInt64Array.from([16000n]) } },
  initial: { h: zerosLike('float32', [1]) }, pairs: [{ input: 'h', output: 'hn', by: 'name' as const }],
});

describe('runSequence', () => {
  it('feeds each step the previous state, starting from the initial one', async () => {
    const seen: number[] = [];
    const r = await runSequence(accumulate, plan([{ x: f32(1, 2) }, { x: f32(3) }, { x: f32(-1) }]), { onStep: (i) => { seen.push(i); } });
    expect(stepSeries(r.steps, 'y')).toEqual([3, 6, 5]);
    expect(stepSeries(r.steps, 'sr_seen')).toEqual([16000, 16000, 16000]);
    // State outputs are carried, not kept per step; the last state is returned.
    expect(Object.keys(r.steps[0]!.outputs).sort()).toEqual(['sr_seen', 'y']);
    expect([...(r.state.h!.data as Float32Array)]).toEqual([5]);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('stops between steps when cancelled, saying how far it got', async () => {
    const ac = new AbortController();
    const run = runSequence(accumulate, plan([{ x: f32(1) }, { x: f32(1) }, { x: f32(1) }]), { signal: ac.signal, onStep: (i) => { if (i === 0) ac.abort(); } });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError', message: 'the sequence was cancelled after 1 of 3 steps' });
  });

  it('refuses a state input without an initial value and a step without the paired output', async () => {
    await expect(runSequence(accumulate, { ...plan([{ x: f32(1) }]), initial: {} })).rejects.toMatchObject({ name: 'InputShapeError', message: /state input "h" has no initial value/ });
    const noState: RunStep = async () => ({ outputs: { y: f32(0) }, computeMs: 0 });
    await expect(runSequence(noState, plan([{ x: f32(1) }]))).rejects.toThrow(/step 1 gave no output "hn"/);
  });

  it('runs zero steps to nothing, keeping the initial state', async () => {
    const r = await runSequence(accumulate, plan([]));
    expect(r.steps).toEqual([]);
    expect([...(r.state.h!.data as Float32Array)]).toEqual([0]);
  });
});

describe('zerosLike', () => {
  it('makes zeros of the type and dims', () => {
    expect(zerosLike('float32', [2, 1, 3]).data).toEqual(new Float32Array(6));
    expect(zerosLike('int64', []).data).toEqual(new BigInt64Array(1));
  });
});
