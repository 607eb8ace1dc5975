import { describe, it, expect } from 'vitest';
import { DemoExplainer, imageSize, AUTO_START_MS } from './demo-explain.svelte.ts';
import type { ModelInfo } from '../../lib/model/types.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';

const info = { inputs: [{ name: 'x', kind: 'tensor', type: 'float32', dims: [null, 3, 48, 192] }] } as unknown as ModelInfo;
// A 48×192 RGB image whose left half is bright: a "model" that scores the mean of the left half.
const W = 192, H = 48;
const data = new Float32Array(3 * H * W).map((_, i) => ((i % W) < W / 2 ? 1 : 0));
const x: PlainTensor = { type: 'float32', dims: [1, 3, H, W], data };
const leftMean = async (rows: readonly Float32Array[]) => rows.map((r) => {
  let s = 0;
  for (let c = 0; c < 3; c++) for (let y = 0; y < H; y++) for (let k = 0; k < W / 2; k++) s += r[(c * H + y) * W + k]!;
  return Float32Array.of(s / (3 * H * W / 2), 0);
});

describe('DemoExplainer', () => {
  it('reads the image size from the tensor, not the declared dims', () => {
    expect(imageSize([1, 3, 48, 192], 'NCHW')).toEqual({ channels: 3, height: 48, width: 192 });
    expect(imageSize([1, 48, 192, 1], 'NHWC')).toEqual({ height: 48, width: 192, channels: 1 });
  });

  it('explains a non-square image by occlusion; the heat sits where the evidence is', async () => {
    const e = new DemoExplainer();
    await e.explain({ info, x, target: 0, image: { layout: 'NCHW', channels: 3 }, scores: leftMean, runMs: 0.01 });
    expect(e.error).toBeNull();
    const s = e.explanation!;
    expect(s.kind).toBe('saliency');
    if (s.kind !== 'saliency') return;
    expect([s.width, s.height]).toEqual([192, 48]);
    const heat = s.result.heat;
    expect(heat[10 * W + 20]!).toBeGreaterThan(0);
    expect(heat[10 * W + 180]!).toBe(0);
    expect(e.progress).toBeNull();
  });

  it('plans a long occlusion with its run count and estimate, waits for start, and cancels', async () => {
    const e = new DemoExplainer();
    let calls = 0;
    const counting = async (rows: readonly Float32Array[]) => { calls += rows.length; return leftMean(rows); };
    await e.explain({ info, x, target: 0, image: { layout: 'NCHW', channels: 3 }, scores: counting, runMs: 50 });
    expect(calls).toBe(0);
    expect(e.plan!.runs).toBeGreaterThan(100);
    expect(e.plan!.estimateMs).toBeGreaterThan(AUTO_START_MS);
    e.cancel();
    expect(e.plan).toBeNull();
    await e.start(); // nothing planned any more
    expect(calls).toBe(0);
    await e.explain({ info, x, target: 0, image: { layout: 'NCHW', channels: 3 }, scores: counting, runMs: 50 });
    const runs = e.plan!.runs;
    await e.start();
    expect(calls).toBe(runs);
    expect(e.explanation?.kind).toBe('saliency');
  });

  it('stops when cancelled mid-run, with no error shown', async () => {
    const e = new DemoExplainer();
    const slow = async (rows: readonly Float32Array[]) => { e.cancel(); return leftMean(rows); };
    await e.explain({ info, x, target: 0, image: { layout: 'NCHW', channels: 3 }, scores: slow, runMs: 0.01 });
    expect(e.explanation).toBeNull();
    expect(e.error).toBeNull();
    expect(e.progress).toBeNull();
  });
});
