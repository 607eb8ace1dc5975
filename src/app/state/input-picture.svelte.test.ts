import { describe, it, expect } from 'vitest';
import { inputPicture } from './input-picture.svelte.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';

const tensor = (): PlainTensor => ({ type: 'float32', dims: [1, 1, 1, 2], data: new Float32Array(2) });
const pixels = { width: 2, height: 1, data: new Uint8ClampedArray(8).fill(7) };

describe('inputPicture', () => {
  it('gives the picture only for the tensor made from it', () => {
    const made = tensor();
    inputPicture.set(made, pixels);
    expect(inputPicture.of(made)?.data).toBe(pixels.data);
    // A tensor typed in or generated afterwards has no picture, even with the same shape.
    expect(inputPicture.of(tensor())).toBeNull();
    expect(inputPicture.of(undefined)).toBeNull();
  });
  it('a new picture replaces the old one', () => {
    const a = tensor(), b = tensor();
    inputPicture.set(a, pixels);
    inputPicture.set(b, { ...pixels, data: new Uint8ClampedArray(8) });
    expect(inputPicture.of(a)).toBeNull();
    expect(inputPicture.of(b)?.width).toBe(2);
  });
});
