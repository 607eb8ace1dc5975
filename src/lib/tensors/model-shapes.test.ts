import { describe, it, expect } from 'vitest';
import { checkShapes, describeUnknown, formatShapes, modelShapes, shapeArgument } from './model-shapes.ts';
import { InputShapeError } from './errors.ts';

const silero = [
  { name: 'input', type: 'float32', dims: ['batch', 'sequence'] },
  { name: 'sr', type: 'int64', dims: [] },
  { name: 'h', type: 'float32', dims: [2, 'batch', 64] },
];

describe('modelShapes', () => {
  it('applies one choice of a symbolic name to every input using it', () => {
    const r = modelShapes(silero, { batch: 2, sequence: 512 });
    expect(r.shapes).toEqual({ input: [2, 512], sr: [], h: [2, 2, 64] });
    expect(r.unknown).toEqual([]);
  });

  it('lists the dims nothing tells, keyed so they can be chosen', () => {
    const inputs = [{ name: 'input', type: 'float32', dims: [4294967295, 4294967295] }];
    const r = modelShapes(inputs);
    expect(r.unknown).toEqual([{ input: 'input', index: 1, key: 'input#1', name: null }]);
    expect(describeUnknown(r.unknown, inputs)).toBe('nothing tells the size of input "input" dim 1 (unnamed) of [?, ?]');
    const chosen = modelShapes(inputs, { 'input#1': 512 });
    expect(chosen.shapes.input).toEqual([1, 512]);
    expect(chosen.unknown).toEqual([]);
  });

  it('sizes an image-like input at the preprocessing size', () => {
    const r = modelShapes([{ name: 'x', type: 'float32', dims: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'] }], {}, { imageSize: { height: 48, width: 192 } });
    expect(r.shapes.x).toEqual([1, 3, 48, 192]);
    expect(formatShapes(r.shapes)).toBe('x=1×3×48×192');
    expect(shapeArgument('x', r.shapes.x!)).toBe('x=1,3,48,192');
  });
});

describe('checkShapes', () => {
  const img = [{ name: 'x', type: 'float32', dims: ['N', 3, 'H', 'W'] }];
  it('accepts a workable shape', () => {
    expect(() => checkShapes(img, { x: [1, 3, 224, 224] })).not.toThrow();
  });
  it('refuses by name: wrong rank, fixed dim changed, negative, too many elements, too many bytes, unknown input', () => {
    expect(() => checkShapes(img, { x: [1, 3, 224] })).toThrow(/input "x" has rank 4/);
    expect(() => checkShapes(img, { x: [1, 1, 224, 224] })).toThrow(/dim 1 is fixed at 3/);
    expect(() => checkShapes(img, { x: [1, 3, -5, 224] })).toThrow(/dim 2 must be a non-negative integer/);
    expect(() => checkShapes(img, { x: [1, 3, 40000, 40000] })).toThrow(/more than onnxruntime's 2\^31 − 1/);
    expect(() => checkShapes(img, { x: [1, 3, 4000, 4000] }, 2 ** 26)).toThrow(/need 183 MiB, more than the 64 MiB available/);
    expect(() => checkShapes(img, { x: [1, 3, 2, 2], y: [1] })).toThrow(InputShapeError);
    expect(() => checkShapes(img, {})).toThrow(/no shape for input "x"/);
  });
});
