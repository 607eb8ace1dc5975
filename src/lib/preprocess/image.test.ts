import { describe, it, expect } from 'vitest';
import { imageToTensor, frameDigit, imageStats, type ImageSpec } from './image.ts';

function rgba(w: number, h: number, f: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const [r, g, b] = f(x, y);
    data.set([r, g, b, 255], (y * w + x) * 4);
  }
  return { width: w, height: h, data };
}

describe('imageToTensor', () => {
  const spec: ImageSpec = { width: 2, height: 1, layout: 'NCHW', channels: 'rgb', scale: 1 / 255, mean: [0, 0.5, 0], std: [1, 0.5, 2] };
  it('lays out NCHW with per-channel mean/std', () => {
    const t = imageToTensor(rgba(2, 1, (x) => (x === 0 ? [255, 0, 51] : [0, 255, 102])), spec);
    expect(t.dims).toEqual([1, 3, 1, 2]);
    const d = [...(t.data as Float32Array)];
    // R plane, then G plane ((v/255 - 0.5)/0.5), then B plane (v/255/2)
    expect(d[0]).toBeCloseTo(1); expect(d[1]).toBeCloseTo(0);
    expect(d[2]).toBeCloseTo(-1); expect(d[3]).toBeCloseTo(1);
    expect(d[4]).toBeCloseTo(0.1); expect(d[5]).toBeCloseTo(0.2);
  });
  it('lays out NHWC and BGR', () => {
    const t = imageToTensor(rgba(2, 1, () => [10, 20, 30]), { ...spec, layout: 'NHWC', channels: 'bgr', scale: 1, mean: [0], std: [1] });
    expect(t.dims).toEqual([1, 1, 2, 3]);
    expect([...(t.data as Float32Array)]).toEqual([30, 20, 10, 30, 20, 10]);
  });
  it('converts to grayscale with Rec. 601 luma and inverts', () => {
    const t = imageToTensor(rgba(1, 1, () => [255, 255, 255]), { ...spec, width: 1, channels: 'grayscale', scale: 1, mean: [0], std: [1], invert: true });
    expect(t.dims).toEqual([1, 1, 1, 1]);
    expect((t.data as Float32Array)[0]).toBeCloseTo(0);
  });
  it('refuses an image of the wrong size', () => {
    expect(() => imageToTensor(rgba(3, 3, () => [0, 0, 0]), spec)).toThrow(/3×3.*2×1/);
  });
});

describe('frameDigit', () => {
  it('returns zeros for an empty canvas', () => {
    expect(frameDigit(new Float32Array(100 * 100), 100, 100).every((v) => v === 0)).toBe(true);
  });
  it('fits a blob into 20 px and centres its mass at 13.5', () => {
    const w = 200, ink = new Float32Array(w * w);
    for (let y = 20; y < 60; y++) for (let x = 150; x < 170; x++) ink[y * w + x] = 255; // tall bar, top-right
    const out = frameDigit(ink, w, w);
    let m = 0, mx = 0, my = 0, rows = new Set<number>();
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      const v = out[y * 28 + x]!;
      if (v > 0) rows.add(y);
      m += v; mx += v * x; my += v * y;
    }
    expect(rows.size).toBe(20);
    expect(Math.abs(mx / m - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / m - 13.5)).toBeLessThanOrEqual(0.5);
  });
});

describe('imageStats', () => {
  it('measures brightness and contrast', () => {
    const s = imageStats(rgba(2, 1, (x) => (x ? [255, 255, 255] : [0, 0, 0])));
    expect(s.brightness).toBeCloseTo(127.5);
    expect(s.contrast).toBeCloseTo(127.5);
    expect(s.meanR).toBeCloseTo(127.5);
  });
});
