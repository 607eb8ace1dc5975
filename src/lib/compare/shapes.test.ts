import { describe, expect, it } from 'vitest';
import { checkSampleShapes, shapesOfSamples } from './shapes.ts';
import type { PlainTensor } from '../tensors/types.ts';

const t = (dims: number[]): PlainTensor => ({ type: 'float32', dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });

describe('checkSampleShapes', () => {
  it('passes samples at the chosen shapes and inputs nobody chose', () => {
    expect(() => checkSampleShapes([{ inputs: { x: t([1, 3]), y: t([2]) } }], { x: [1, 3] })).not.toThrow();
  });

  it('names the sample, the input and both shapes when they differ', () => {
    const samples = [{ inputs: { x: t([1, 3]) } }, { inputs: { x: t([1, 4]) } }];
    expect(() => checkSampleShapes(samples, { x: [1, 3] })).toThrow(/sample 2: input "x" is \[1, 4\], but the shape editor sets \[1, 3\]/);
    let err: unknown = null;
    try {
      checkSampleShapes(samples, { x: [1, 3] });
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe('InputShapeError');
  });
});

describe('shapesOfSamples', () => {
  it('lists each input\'s distinct shapes in first-seen order', () => {
    expect(shapesOfSamples([{ inputs: { x: t([1, 3]) } }, { inputs: { x: t([1, 5]) } }, { inputs: { x: t([1, 3]) } }])).toEqual({ x: [[1, 3], [1, 5]] });
    expect(shapesOfSamples([])).toEqual({});
  });
});
