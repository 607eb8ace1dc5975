import { describe, it, expect } from 'vitest';
import { ShapeState, type ShapeStore } from './shapes.svelte.ts';

const memoryStore = (): ShapeStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
};

const det = { sha256: 'aa', inputs: [{ name: 'x', type: 'float32', dims: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'] }] };
const unnamed = { sha256: 'bb', inputs: [{ name: 'input', type: 'float32', dims: [null, null] }] };

describe('ShapeState', () => {
  it('derives image-size defaults and follows a choice', () => {
    const s = new ShapeState(memoryStore());
    s.use(det);
    expect(s.shapes.x).toEqual([1, 3, 224, 224]);
    expect(s.ready).toBe(true);
    expect(s.set('p2o.DynamicDimension.1', 48)).toBeNull();
    expect(s.shapes.x).toEqual([1, 3, 48, 224]);
    expect(s.dims).toEqual({ 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 224 });
  });

  it('asks for dims nothing tells and is not ready until they are set', () => {
    const s = new ShapeState(memoryStore());
    s.use(unnamed);
    expect(s.unknown.map((u) => u.key)).toEqual(['input#1']);
    expect(s.ready).toBe(false);
    s.set('input#1', 512);
    expect(s.unknown).toEqual([]);
    expect(s.shapes.input).toEqual([1, 512]);
    expect(s.ready).toBe(true);
  });

  it('keeps choices per model on the device and restores them', () => {
    const store = memoryStore();
    const a = new ShapeState(store);
    a.use(det);
    a.set('p2o.DynamicDimension.2', 320);
    const b = new ShapeState(store);
    b.use(det);
    expect(b.shapes.x).toEqual([1, 3, 224, 320]);
    b.use(unnamed);
    expect(b.choices).toEqual({});
    b.use(det);
    b.reset();
    expect(b.shapes.x).toEqual([1, 3, 224, 224]);
    expect(store.map.size).toBe(0);
  });

  it('refuses a bad size by name and reports shapes that cannot run', () => {
    const s = new ShapeState(memoryStore(), 2 ** 26);
    s.use(det);
    expect(s.set('p2o.DynamicDimension.1', -3)).toMatch(/whole number/);
    expect(s.set('p2o.DynamicDimension.1', 4000)).toBeNull();
    s.set('p2o.DynamicDimension.2', 4000);
    expect(s.problem).toMatch(/more than the 64 MiB available/);
    expect(s.ready).toBe(false);
  });

  it('gives an image input\'s height and width at the chosen shape, and null for other inputs', () => {
    const s = new ShapeState(memoryStore());
    s.use(det);
    s.set('p2o.DynamicDimension.1', 48);
    s.set('p2o.DynamicDimension.2', 192);
    expect(s.imageSize('x')).toEqual({ height: 48, width: 192 });
    s.use(unnamed);
    expect(s.imageSize('input')).toBeNull();
  });

  it('defaults a text model\'s sequence dim to its tokenizer\'s maximum length', () => {
    const s = new ShapeState(memoryStore());
    s.use({ sha256: 'cc', inputs: [{ name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] }], sequenceLength: 64 });
    expect(s.shapes.input_ids).toEqual([1, 64]);
    s.set('sequence', 16);
    expect(s.shapes.input_ids).toEqual([1, 16]);
  });
});
