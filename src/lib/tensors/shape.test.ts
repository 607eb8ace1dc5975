import { describe, it, expect } from 'vitest';
import { resolveDims, checkInput, checkInputs, DEFAULT_DIM_SIZES, isFixedDim, imageLayout, meaningfulName } from './shape.ts';
import { InputShapeError } from './errors.ts';
import type { PlainTensor } from './types.ts';

const f32 = (dims: number[]): PlainTensor => ({ type: 'float32', dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });

describe('resolveDims', () => {
  it('keeps fixed dims and defaults symbolic ones by role', () => {
    const r = resolveDims(['N', 3, 'H', 'W']);
    expect(r.dims).toEqual([1, 3, DEFAULT_DIM_SIZES.spatial, DEFAULT_DIM_SIZES.spatial]);
    expect(r.defaulted.map((d) => [d.index, d.name, d.reason])).toEqual([[0, 'N', 'batch'], [2, 'H', 'spatial'], [3, 'W', 'spatial']]);
    expect(resolveDims(['batch_size', 'seq_len', 64]).dims).toEqual([1, DEFAULT_DIM_SIZES.sequence, 64]);
    expect(resolveDims(['unk__12', 10]).defaulted[0]!.reason).toBe('batch');
    expect(resolveDims(['features']).defaulted[0]!.reason).toBe('unknown');
  });

  it('applies overrides by name or by index for unnamed dims, then hints', () => {
    const r = resolveDims(['N', null, 'H', 'W'], { N: 4, '1': 3, H: 32 }, { W: 48 });
    expect(r.dims).toEqual([4, 3, 32, 48]);
    expect(r.defaulted).toEqual([{ index: 3, name: 'W', value: 48, reason: 'hint' }]);
  });

  it('treats an unnamed unknown leading dim as batch, a scalar as no dims', () => {
    expect(resolveDims([null, 10]).defaulted[0]!.reason).toBe('batch');
    expect(resolveDims([])).toEqual({ dims: [], defaulted: [] });
  });

  it('rejects bad overrides', () => {
    expect(() => resolveDims(['N'], { N: -2 })).toThrow(InputShapeError);
    expect(() => resolveDims(['N'], { N: 1.5 })).toThrow(/"N" must be a non-negative integer/);
  });
});

describe('free dims as third-party exporters write them', () => {
  it('treats 4294967295 and -1 as free, never as a size', () => {
    expect(isFixedDim(4294967295)).toBe(false);
    expect(isFixedDim(-1)).toBe(false);
    expect(isFixedDim(0)).toBe(true);
    const r = resolveDims([4294967295, 4294967295]);
    expect(r.dims).toEqual([1, 1]);
    expect(r.defaulted.map((d) => d.reason)).toEqual(['batch', 'unknown']);
    expect(resolveDims([4294967295, 512], { '0': 2 }).dims).toEqual([2, 512]);
    expect(() => checkInput({ name: 'input', type: 'float32', dims: [4294967295, 4294967295] }, f32([1, 512]))).not.toThrow();
    expect(() => checkInput({ name: 'input', type: 'float32', dims: [-1, 4] }, f32([3, 4]))).not.toThrow();
  });

  it('gives image-like spatial dims with exporter-made names a real image size, not 1', () => {
    const det = ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'];
    const r = resolveDims(det);
    expect(r.dims).toEqual([1, 3, 224, 224]);
    expect(r.defaulted.map((d) => d.reason)).toEqual(['batch', 'spatial', 'spatial']);
    expect(resolveDims(det, {}, {}, { imageSize: { height: 48, width: 192 } }).dims).toEqual([1, 3, 48, 192]);
    expect(resolveDims(['unk__3', null, null, 1]).dims).toEqual([1, 224, 224, 1]); // NHWC grayscale
    expect(resolveDims([null, 3, 48, null]).dims).toEqual([1, 3, 48, 224]);
    expect(imageLayout(['b', 'c', 'height', 'width'])).toEqual({ h: 2, w: 3 });
    expect(imageLayout([1, 16, 96])).toBeNull();
  });

  it('treats exporter-made names as unnamed', () => {
    expect(meaningfulName('p2o.DynamicDimension.3')).toBeNull();
    expect(meaningfulName('unk__314')).toBeNull();
    expect(meaningfulName('s0')).toBeNull();
    expect(meaningfulName('samples')).toBe('samples');
    expect(resolveDims(['batch_size', 'samples']).defaulted.map((d) => d.reason)).toEqual(['batch', 'unknown']);
  });
});

describe('checkInput(s)', () => {
  const img = { name: 'image', type: 'float32', dims: ['N', 3, 'H', 'W'] };

  it('accepts a matching tensor, including unknown-rank declarations', () => {
    expect(() => checkInput(img, f32([2, 3, 8, 8]))).not.toThrow();
    expect(() => checkInput({ name: 'x', type: 'float32', dims: null }, f32([7]))).not.toThrow();
  });

  it('names the input with declared vs given on rank, dim and type mismatches', () => {
    expect(() => checkInput(img, f32([3, 8, 8]))).toThrow(/input "image" expects rank 4 \[N, 3, H, W\], got rank 3 \[3, 8, 8\]/);
    expect(() => checkInput(img, f32([1, 1, 8, 8]))).toThrow(/expects shape \[N, 3, H, W\], got \[1, 1, 8, 8\] \(dim 1 must be 3\)/);
    const i64: PlainTensor = { type: 'int64', dims: [1, 3, 2, 2], data: new BigInt64Array(12) };
    expect(() => checkInput(img, i64)).toThrow(/expects element type float32, got int64/);
    expect(() => checkInput(img, { type: 'float32', dims: [1, 3, 2, 2], data: new Float32Array(5) })).toThrow(InputShapeError);
  });

  it('requires a symbolic dim to agree across inputs', () => {
    const decl = [img, { name: 'mask', type: 'bool', dims: ['N', 'H', 'W'] }];
    const mask: PlainTensor = { type: 'bool', dims: [1, 8, 8], data: new Uint8Array(64) };
    expect(() => checkInputs(decl, { image: f32([2, 3, 8, 8]), mask })).toThrow(/"mask" has N=1 at dim 0, but another input set N=2/);
    expect(() => checkInputs(decl, { image: f32([1, 3, 8, 8]), mask })).not.toThrow();
  });

  it('reports missing and unknown inputs with the valid names', () => {
    expect(() => checkInputs([img], {})).toThrow(/missing input "image" float32 \[N, 3, H, W\]; the model's inputs are: image/);
    expect(() => checkInputs([img], { image: f32([1, 3, 1, 1]), extra: f32([1]) })).toThrow(/unknown input "extra"/);
  });
});
