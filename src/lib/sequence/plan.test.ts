import { describe, expect, it } from 'vitest';
import { samplesAsSequence, sequencePlan, sequenceRoles, signalInput } from './plan.ts';
import { scalarTensor, scalarValue } from './scalars.ts';

import { silero } from './silero.testing.ts';

describe('sequenceRoles / signalInput', () => {
  it('sorts silero into state h, c; scalar sr; stream input', () => {
    const r = sequenceRoles(silero.inputs, silero.outputs);
    expect(r.pairs.map((p) => p.input)).toEqual(['h', 'c']);
    expect(r.scalars).toEqual(['sr']);
    expect(r.stream).toEqual(['input']);
    expect(signalInput(r)).toBe('input');
  });
  it('says why a signal has nowhere or too many places to go', () => {
    expect(() => signalInput({ pairs: [], stream: [], scalars: ['k'] })).toThrow(/no input to stream a signal into/);
    expect(() => signalInput({ pairs: [], stream: ['a', 'b'], scalars: [] })).toThrow(/2 per-step inputs \(a, b\); give the steps as JSONL/);
  });
});

describe('sequencePlan', () => {
  it('starts state at zeros of the chosen shape and keeps the other inputs fixed', () => {
    const roles = sequenceRoles(silero.inputs, silero.outputs);
    const sr = scalarTensor('int64', [], 16000);
    const h = scalarTensor('float32', [1], 5);
    const plan = sequencePlan(roles, silero.inputs, { input: [1, 512], sr: [], h: [2, 1, 64], c: [2, 1, 64] }, { sr, h }, []);
    expect(plan.initial.h!.dims).toEqual([2, 1, 64]);
    expect([...(plan.initial.h!.data as Float32Array)].every((v) => v === 0)).toBe(true);
    expect(Object.keys(plan.fixed)).toEqual(['sr']);
    expect(scalarValue(plan.fixed.sr!)).toBe(16000);
  });
  it('refuses a model with no state by name', () => {
    const roles = sequenceRoles([{ name: 'x', type: 'float32', dims: [1, 4] }], [{ name: 'y', type: 'float32', dims: [1, 2] }]);
    expect(() => sequencePlan(roles, [], {}, {}, [])).toThrow(expect.objectContaining({ name: 'InputShapeError', message: expect.stringMatching(/no state output/) }));
  });
});

describe('scalarTensor', () => {
  it('holds the value in the input type, rank 0 or [1]', () => {
    expect(scalarTensor('int64', [], 16000)).toEqual({ type: 'int64', dims: [], data: BigInt64Array.from([16000n]) });
    expect(scalarValue(scalarTensor('float16', [1], 0.5))).toBe(0.5);
    expect(scalarValue(scalarTensor('float32', [1], 0.25))).toBe(0.25);
  });
});

describe('samplesAsSequence', () => {
  const roles = sequenceRoles(silero.inputs, silero.outputs);
  const chunk = (v: number) => ({ type: 'float32' as const, dims: [1, 4], data: new Float32Array(4).fill(v) });
  const sr = scalarTensor('int64', [], 16000);
  it('makes each sample a step, state from zeros at the batch the first sample implies', () => {
    const plan = samplesAsSequence(roles, silero.inputs, [{ input: chunk(1), sr }, { input: chunk(2), sr, h: scalarTensor('float32', [1], 9) }]);
    expect(plan.steps).toHaveLength(2);
    // A state a later sample gives is dropped: the model's own state replaces it.
    expect(Object.keys(plan.steps[1]!)).toEqual(['input', 'sr']);
    expect(plan.initial.h!.dims).toEqual([2, 1, 64]);
    expect(plan.initial.c!.dims).toEqual([2, 1, 64]);
  });
  it('starts from the state the first sample gives', () => {
    const h = { type: 'float32' as const, dims: [2, 1, 64], data: new Float32Array(128).fill(0.5) };
    const plan = samplesAsSequence(roles, silero.inputs, [{ input: chunk(1), sr, h }]);
    expect(plan.initial.h).toBe(h);
    expect(plan.steps[0]).not.toHaveProperty('h');
  });
  it('says which state size the first sample does not tell', () => {
    const r = sequenceRoles([{ name: 'x', type: 'float32', dims: [1, 4] }, { name: 'h', type: 'float32', dims: ['k', 8] }], [{ name: 'y', type: 'float32', dims: [1] }, { name: 'hn', type: 'float32', dims: ['k', 8] }]);
    expect(() => samplesAsSequence(r, [{ name: 'x', type: 'float32', dims: [1, 4] }, { name: 'h', type: 'float32', dims: ['k', 8] }], [{ x: chunk(1) }])).toThrow(/state input "h" dim 0 \(k\) cannot be told from the first sample/);
  });
});
