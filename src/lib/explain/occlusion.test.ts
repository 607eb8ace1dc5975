import { describe, it, expect } from 'vitest';
import { occlusionMap, patchGrid, occlude } from './occlusion.ts';
import type { PredictRows } from './types.ts';
import { fixture } from './explain.testing.ts';

const oc = fixture.occlusion;
/** A linear image model: y = Σ w_p x_p (one output). */
const linearImage = (w: number[]): PredictRows => async (b) => b.map((x) => Float32Array.of(w.reduce((s, wi, i) => s + wi * x[i]!, 0)));

describe('occlusionMap', () => {
  it('matches the NumPy reference heat map of a linear image model', async () => {
    const img = { width: oc.width, height: oc.height, channels: 1, layout: 'NCHW' as const };
    const r = await occlusionMap(Float32Array.from(oc.image), img, linearImage(oc.pixelWeights), { target: 0, patch: oc.patch, stride: oc.stride });
    expect(r.patches).toBe(oc.patches);
    expect(r.evaluations).toBe(oc.patches + 1);
    Array.from(r.heat).forEach((h, i) => expect(h).toBeCloseTo(oc.heat[i]!, 4));
    expect(r.maxAbs).toBeCloseTo(Math.max(...oc.heat.map(Math.abs)), 4);
  });

  it('covers every pixel, including the last row and column when the stride does not divide the size', () => {
    const grid = patchGrid(28, 28, 4, 3);
    const covered = new Uint8Array(28 * 28);
    for (const p of grid) for (let y = p.y; y < p.y + 4; y++) for (let x = p.x; x < p.x + 4; x++) covered[y * 28 + x] = 1;
    expect(covered.every((c) => c === 1)).toBe(true);
    expect(grid.every((p) => p.x + p.size <= 28 && p.y + p.size <= 28)).toBe(true);
  });

  it('fills every channel of the patch in NCHW and NHWC', () => {
    const x = new Float32Array(2 * 3 * 3).fill(1);
    const nchw = occlude(x, { width: 3, height: 3, channels: 2, layout: 'NCHW' }, { x: 1, y: 1, size: 1 }, 0);
    expect([nchw[4], nchw[9 + 4]]).toEqual([0, 0]);
    expect(nchw.reduce((s, v) => s + v, 0)).toBe(16);
    const nhwc = occlude(x, { width: 3, height: 3, channels: 2, layout: 'NHWC' }, { x: 1, y: 1, size: 1 }, 0);
    expect([nhwc[8], nhwc[9]]).toEqual([0, 0]);
    expect(nhwc.reduce((s, v) => s + v, 0)).toBe(16);
  });

  it('a patch bigger than the image becomes one patch of the whole image', async () => {
    const r = await occlusionMap(Float32Array.of(1, 2, 3, 4), { width: 2, height: 2, channels: 1, layout: 'NCHW' }, linearImage([1, 1, 1, 1]), { target: 0, patch: 9 });
    expect(r.patches).toBe(1);
    expect(Array.from(r.heat)).toEqual([10, 10, 10, 10]);
  });

  it('a blank image against a fill of 0 gives an all-zero map (maxAbs 0)', async () => {
    const r = await occlusionMap(new Float32Array(16), { width: 4, height: 4, channels: 1, layout: 'NCHW' }, linearImage(Array(16).fill(1)), { target: 0, patch: 2 });
    expect(r.maxAbs).toBe(0);
  });

  it('names a wrong image size and a zero patch', async () => {
    await expect(occlusionMap(new Float32Array(5), { width: 2, height: 2, channels: 1, layout: 'NCHW' }, linearImage([1]), { target: 0 })).rejects.toThrow(/has 5 values; 2×2×1 needs 4/);
    expect(() => patchGrid(4, 4, 0, 1)).toThrow(/at least 1 pixel/);
  });
});
