import { describe, it, expect } from 'vitest';
import { outputView, ctcCollapse, imageDims, argmaxSteps } from './output-view.ts';
import type { PlainTensor } from './types.ts';

const f32 = (dims: number[], values?: number[]): PlainTensor => ({ type: 'float32', dims, data: Float32Array.from(values ?? Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i / 100)) });

describe('outputView', () => {
  it('draws [1,1,H,W], [1,H,W] and [H,W] outputs as images; a 0..1 one is a mask', () => {
    const v = outputView({ mask: f32([1, 1, 4, 6], Array(24).fill(0.5)), aux: f32([1, 3]) });
    expect(v).toMatchObject({ kind: 'image', output: 'mask', width: 6, height: 4, mask: true, others: ['aux'] });
    expect(imageDims([1, 40, 30])).toEqual({ height: 40, width: 30 });
    expect(imageDims([2, 1, 4, 4])).toBeNull();
    const map = outputView({ depth: f32([8, 8], Array(64).fill(3)) });
    expect(map).toMatchObject({ kind: 'image', mask: false, min: 3, max: 3 });
  });

  it('shows a single value as a score', () => {
    expect(outputView({ out: f32([1, 1], [0.8]) })).toMatchObject({ kind: 'score', value: expect.closeTo(0.8, 6) });
  });

  it('decodes a [1,T,C] sequence per step, CTC-collapsed with labels', () => {
    // steps: 1 1 0 2 2 0 1 → "ab a" pattern: a, b, a
    const steps = [1, 1, 0, 2, 2, 0, 1];
    const data = steps.flatMap((s) => [0, 1, 2].map((k) => (k === s ? 1 : 0)));
    const t = f32([1, 7, 3], data);
    expect(argmaxSteps(t)).toEqual(steps);
    expect(outputView({ seq: t }, ['blank', 'a', 'b'])).toMatchObject({ kind: 'sequence', steps, text: 'aba' });
    expect(outputView({ seq: t })).toMatchObject({ kind: 'sequence', text: null });
    expect(ctcCollapse([0, 3, 3], ['_'])).toBe('⟨3⟩');
  });

  it('says why when nothing fits', () => {
    const v = outputView({ emb: f32([1, 4, 5, 6]) });
    expect(v.kind).toBe('none');
    expect(v.kind === 'none' && v.reason).toMatch(/emb float32 \[1, 4, 5, 6\]/);
    expect(outputView({})).toEqual({ kind: 'none', reason: 'the model returned no outputs' });
  });
});
