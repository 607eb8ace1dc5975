import { describe, it, expect } from 'vitest';
import { placement, padColor, resizeRgba, ResizeError } from './resize.ts';

// Expected rectangles are worked out by hand from the definitions (scale = min/max of the two
// ratios; centred); each case names its arithmetic.
describe('placement', () => {
  it('stretch maps the whole picture onto the whole input', () => {
    expect(placement(100, 100, 192, 48, 'stretch')).toEqual({ sx: 0, sy: 0, sw: 100, sh: 100, dx: 0, dy: 0, dw: 192, dh: 48 });
  });
  it('pad: a square into 192×48 becomes 48×48 in the middle (s = min(1.92, 0.48))', () => {
    expect(placement(100, 100, 192, 48, 'pad')).toEqual({ sx: 0, sy: 0, sw: 100, sh: 100, dx: 72, dy: 0, dw: 48, dh: 48 });
  });
  it('pad: 300×100 into 192×48 is 144×48 with 24 px each side', () => {
    expect(placement(300, 100, 192, 48, 'pad')).toMatchObject({ dx: 24, dy: 0, dw: 144, dh: 48 });
  });
  it('pad: a wider picture (400×50) fills the width, 24 px high, 12 px above and below', () => {
    expect(placement(400, 50, 192, 48, 'pad')).toMatchObject({ dx: 0, dy: 12, dw: 192, dh: 24 });
  });
  it('pad: odd padding puts the extra pixel below (3×1 into 4×4: 4×1 at y = 1)', () => {
    expect(placement(3, 1, 4, 4, 'pad')).toMatchObject({ dx: 0, dy: 1, dw: 4, dh: 1 });
  });
  it('pad: the same aspect is a plain resize', () => {
    expect(placement(384, 96, 192, 48, 'pad')).toMatchObject({ dx: 0, dy: 0, dw: 192, dh: 48 });
  });
  it('pad: a 1000:1 sliver still gets one pixel', () => {
    expect(placement(1000, 1, 10, 10, 'pad')).toMatchObject({ dx: 0, dy: 4, dw: 10, dh: 1 });
  });
  it('crop: a square into 192×48 keeps the middle 100×25 rows 37.5..62.5 (s = max(1.92, 0.48))', () => {
    expect(placement(100, 100, 192, 48, 'crop')).toEqual({ sx: 0, sy: 37.5, sw: 100, sh: 25, dx: 0, dy: 0, dw: 192, dh: 48 });
  });
  it('crop: 400×100 into 200×100 keeps columns 100..300', () => {
    expect(placement(400, 100, 200, 100, 'crop')).toMatchObject({ sx: 100, sy: 0, sw: 200, sh: 100 });
  });
  it('names bad sizes and modes', () => {
    expect(() => placement(0, 10, 10, 10, 'pad')).toThrow(ResizeError);
    expect(() => placement(10, 10, Number.NaN, 10, 'pad')).toThrow(/input width must be a positive number/);
    expect(() => placement(10, 10, 10, 10, 'zoom' as never)).toThrow(/unknown resize mode "zoom"/);
  });
});

describe('resizeRgba (nearest neighbour)', () => {
  const A = [10, 20, 30, 255], B = [40, 50, 60, 255], C = [70, 80, 90, 255], D = [100, 110, 120, 255];
  const img = (w: number, h: number, px: number[][]) => ({ width: w, height: h, data: Uint8ClampedArray.from(px.flat()) });
  const P = (v: number) => [v, v, v, 255];

  it('pads a 2×2 picture into 4×2 with one column of gray each side', () => {
    const out = resizeRgba(img(2, 2, [A, B, C, D]), 4, 2, 'pad', 114);
    expect([...out.data]).toEqual([P(114), A, B, P(114), P(114), C, D, P(114)].flat());
  });
  it('pads a 2×1 picture into 2×2 with the padding row below', () => {
    expect([...resizeRgba(img(2, 1, [A, B]), 2, 2, 'pad').data]).toEqual([A, B, P(0), P(0)].flat());
  });
  it('crops the middle two of four pixels', () => {
    expect([...resizeRgba(img(4, 1, [A, B, C, D]), 2, 1, 'crop').data]).toEqual([B, C].flat());
  });
  it('stretches a 2×1 picture to 4×1 by repeating pixels', () => {
    expect([...resizeRgba(img(2, 1, [A, B]), 4, 1, 'stretch').data]).toEqual([A, A, B, B].flat());
  });
});

describe('padColor', () => {
  it('clamps and rounds the gray level', () => {
    expect(padColor(114.4)).toBe('rgb(114, 114, 114)');
    expect(padColor(300)).toBe('rgb(255, 255, 255)');
    expect(padColor(undefined)).toBe('rgb(0, 0, 0)');
  });
});
