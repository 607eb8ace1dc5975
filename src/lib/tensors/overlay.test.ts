import { describe, it, expect } from 'vitest';
import { overlayMask } from './overlay.ts';

const gray = (w: number, h: number, v: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : v)) });
const mask = (w: number, h: number, values: number[], min = Math.min(...values), max = Math.max(...values)) => ({ width: w, height: h, data: Float32Array.from(values), min, max });

describe('overlayMask', () => {
  it('tints high pixels by opacity × value and leaves low ones as the picture (hand-computed)', () => {
    // Base 100 everywhere; mask 0, 0.5, 1 (min 0, max 1); opacity 0.5; tint (200, 0, 50).
    const out = overlayMask(gray(3, 1, 100), mask(3, 1, [0, 0.5, 1]), 0.5, [200, 0, 50]);
    // a = 0, 0.25, 0.5 → 100; 100·0.75 + 200·0.25 = 125, 75, 87.5→88; 100·0.5 + 200·0.5 = 150, 50, 75.
    expect([...out]).toEqual([100, 100, 100, 255, 125, 75, 88, 255, 150, 50, 75, 255]);
  });
  it('opacity 0 is the picture, 1 is the tint where the mask is at its maximum', () => {
    expect([...overlayMask(gray(1, 2, 40), mask(1, 2, [0, 1]), 0, [255, 0, 0])]).toEqual([40, 40, 40, 255, 40, 40, 40, 255]);
    expect([...overlayMask(gray(1, 2, 40), mask(1, 2, [0, 1]), 1, [255, 0, 0])]).toEqual([40, 40, 40, 255, 255, 0, 0, 255]);
  });
  it('maps a map of any range to 0..1 and ignores NaN and constant masks', () => {
    const out = overlayMask(gray(3, 1, 0), mask(3, 1, [-5, 5, Number.NaN], -5, 5), 1, [100, 100, 100]);
    expect([...out]).toEqual([0, 0, 0, 255, 100, 100, 100, 255, 0, 0, 0, 255]);
    expect([...overlayMask(gray(2, 1, 9), mask(2, 1, [3, 3]), 1)]).toEqual([9, 9, 9, 255, 9, 9, 9, 255]);
  });
  it('scales the picture to the mask size (a 2×1 picture under a 4×1 mask)', () => {
    const base = { width: 2, height: 1, data: Uint8ClampedArray.of(10, 10, 10, 255, 90, 90, 90, 255) };
    expect([...overlayMask(base, mask(4, 1, [0, 0, 0, 0]), 1)].filter((_, i) => i % 4 === 0)).toEqual([10, 10, 90, 90]);
  });
});
