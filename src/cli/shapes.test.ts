import { describe, it, expect } from 'vitest';
import { chooseShapes, memoryBudget, shapeOption } from './shapes.ts';
import { parseArgs, UsageError } from './args.ts';

const det = { inputs: [{ name: 'x', kind: 'tensor' as const, type: 'float32', dims: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'] }] };
const unnamed = { inputs: [{ name: 'input', kind: 'tensor' as const, type: 'float32', dims: [null, null] }] };

describe('CLI shapes', () => {
  it('chooses an image size for exporter-named spatial dims and says so', () => {
    const lines: string[] = [];
    expect(chooseShapes(det, {}, (l) => lines.push(l))).toEqual({ x: [1, 3, 224, 224] });
    expect(lines).toEqual(['edgeprobe: shapes x=1×3×224×224 (chose x=1,3,224,224 for free dims; set them with --shape)']);
  });

  it('asks for a dim nothing tells, naming the --shape that sets it (exit 2)', () => {
    expect(() => chooseShapes(unnamed)).toThrow(UsageError);
    expect(() => chooseShapes(unnamed)).toThrow('nothing tells the size of input "input" dim 1 (unnamed) of [?, ?]; give it with --shape input=1,N');
    expect(chooseShapes(unnamed, { input: [1, 512] })).toEqual({ input: [1, 512] });
  });

  it('refuses shapes that cannot work, by name', () => {
    expect(() => chooseShapes(det, { x: [1, 1, 48, 192] })).toThrow(/dim 1 is fixed at 3/);
    expect(() => chooseShapes(det, { y: [1] })).toThrow(/unknown input "y"/);
  });

  it('refuses wrong rank, negative, over 2^31 elements and over the memory budget by name, before anything runs', () => {
    expect(() => chooseShapes(det, { x: [1, 3, 224] })).toThrow(/input "x" has rank 4 .* has rank 3/);
    expect(() => chooseShapes(det, { x: [1, 3, -2, 5] })).toThrow(/dim 2 must be a non-negative integer, got -2/);
    expect(() => chooseShapes(det, { x: [1, 3, 50000, 50000] })).toThrow(/more than onnxruntime's 2\^31 − 1/);
    // 1.5 GiB of float32 is under 2^31 elements but over a 1 GiB budget.
    expect(() => chooseShapes(det, { x: [1, 3, 16384, 8192] }, () => undefined, 2 ** 30)).toThrow(/need 1536 MiB, more than the 1024 MiB available/);
    expect(() => chooseShapes(det, { x: [1, 3, 16384, 8192] }, () => undefined, 2 ** 30)).toThrow(UsageError);
    // The browser's bound is the wasm heap's: 2 GiB of inputs.
    expect(memoryBudget('browser')).toBe(2 ** 31);
    expect(memoryBudget('native')).toBeGreaterThan(0);
  });

  it('reads repeated --shape options with their commas', () => {
    const p = parseArgs(['m.onnx', '--shape', 'x=1,3,48,192', '--shape=y=2,5'], { shape: 'repeat' });
    expect(shapeOption(p)).toEqual({ x: [1, 3, 48, 192], y: [2, 5] });
    expect(() => shapeOption(parseArgs(['--shape', 'x=1,a'], { shape: 'repeat' }))).toThrow(UsageError);
  });
});
