import { describe, it, expect } from 'vitest';
import { mainOutputName, outputsInOrder } from './main-output.ts';
import type { PlainTensor } from './types.ts';

const f32 = (dims: number[]): PlainTensor => ({ type: 'float32', dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)).map((_, i) => i / 10) });
const i64 = (dims: number[]): PlainTensor => ({ type: 'int64', dims, data: new BigInt64Array(dims.reduce((a, b) => a * b, 1)) as unknown as PlainTensor['data'] });

describe('mainOutputName', () => {
  it('puts the class probabilities of a sklearn-style classifier first, the label output after', () => {
    const o = { label: i64([1]), probabilities: f32([1, 3]) };
    expect(outputsInOrder(o)).toEqual({ main: 'probabilities', others: ['label'] });
  });

  it('prefers the class list whose width matches the labels when none is named prob…', () => {
    expect(mainOutputName({ feats: f32([1, 8]), logits: f32([1, 3]) }, ['a', 'b', 'c'])).toBe('logits');
    expect(mainOutputName({ feats: f32([1, 8]), logits: f32([1, 3]) })).toBe('feats');
  });

  it('skips a streaming model\'s state outputs: the score is the answer', () => {
    const o = { output: f32([1, 1]), stateN: f32([2, 1, 128]) };
    expect(mainOutputName(o, [], ['stateN'])).toBe('output');
    expect(outputsInOrder({ h: f32([1, 64]), out: f32([1, 1]) }, [], ['h'])).toEqual({ main: 'out', others: ['h'] });
  });

  it('takes what the Demo view would draw (a mask) before an auxiliary output', () => {
    expect(mainOutputName({ aux: f32([1, 2, 3, 5, 5]), mask: f32([1, 1, 8, 8]) })).toBe('mask');
  });

  it('falls back to the first output, and null when there are none', () => {
    expect(mainOutputName({ x: i64([2, 3, 4]), y: { type: 'string', dims: [1], data: ['a'] } })).toBe('x');
    expect(mainOutputName({ s: f32([4]) }, [], ['s'])).toBe('s');
    expect(mainOutputName({})).toBeNull();
  });
});
