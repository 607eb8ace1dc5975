import { describe, it, expect } from 'vitest';
import { readAnswer, readView } from './demo-answer.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';

const f32 = (dims: number[], values: number[]): PlainTensor => ({ type: 'float32', dims, data: Float32Array.from(values) });

describe('demo answer', () => {
  it('reads a class answer with labels and runners-up (softmax of scores)', () => {
    const a = readAnswer({ logits: f32([1, 3], [0, 2, 1]) }, ['cat', 'dog', 'bird'])!;
    expect(a.label).toBe('dog');
    expect(a.top.map((t) => t.label)).toEqual(['dog', 'bird', 'cat']);
    expect(a.confidence).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2) + Math.exp(1)), 6);
  });
  it('has no class answer for a mask, and shows the mask instead', () => {
    const outputs = { mask: f32([1, 1, 2, 3], [0, 0.5, 1, 1, 0.5, 0]) };
    expect(readAnswer(outputs, [])).toBeNull();
    expect(readView(outputs, [])).toMatchObject({ kind: 'image', width: 3, height: 2, mask: true });
  });
});
