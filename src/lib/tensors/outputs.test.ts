// Expectations computed with NumPy:
//   x = np.array([1., 2., 3.]); e = np.exp(x - x.max()); e / e.sum() -> [0.09003057, 0.24472847, 0.66524096]
//   np.std([1, 2, 3, 4]) -> 1.118033988749895
import { describe, it, expect } from 'vitest';
import { classifierRow, isDistribution, softmax, tensorStats, topK, toNumbers } from './outputs.ts';
import { toFloat16Array } from './float16.ts';

describe('outputs', () => {
  it('softmax matches NumPy and is stable for large logits', () => {
    const p = softmax([1, 2, 3]);
    [0.09003057317038046, 0.24472847105479764, 0.6652409557748219].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
    const big = softmax([1000, 1001]);
    expect(big[0]! + big[1]!).toBeCloseTo(1, 12);
  });
  it('stats skip and count NaN and Infinity', () => {
    const s = tensorStats([1, 2, 3, 4, NaN, Infinity, -Infinity]);
    expect(s).toMatchObject({ count: 7, min: 1, max: 4, mean: 2.5, nanCount: 1, infCount: 2 });
    expect(s.std).toBeCloseTo(1.118033988749895, 12);
    expect(Number.isNaN(tensorStats([]).mean)).toBe(true);
  });
  it('top-k keeps distributions as they are and softmaxes logits', () => {
    expect(isDistribution([0.2, 0.8])).toBe(true);
    expect(isDistribution([2, -1])).toBe(false);
    const t = topK([0.1, 0.7, 0.2], 2, ['a', 'b', 'c']);
    expect(t.map((c) => c.label)).toEqual(['b', 'c']);
    expect(t[0]!.probability).toBe(0.7);
    const l = topK([1, 3, 2], 3);
    expect(l.map((c) => c.index)).toEqual([1, 2, 0]);
    expect(l[0]!.probability).toBeCloseTo(0.6652409557748219, 12);
  });
  it('recognises classifier rows and decodes float16 and int64', () => {
    expect(classifierRow({ type: 'float32', dims: [1, 10], data: new Float32Array(10) })?.length).toBe(10);
    expect(classifierRow({ type: 'float32', dims: [1, 3, 8, 8], data: new Float32Array(192) })).toBeNull();
    expect(classifierRow({ type: 'float32', dims: [1, 1], data: new Float32Array(1) })).toBeNull();
    expect([...toNumbers({ type: 'float16', dims: [2], data: toFloat16Array([0.5, -2]) })]).toEqual([0.5, -2]);
    expect([...toNumbers({ type: 'int64', dims: [2], data: new BigInt64Array([3n, -4n]) })]).toEqual([3, -4]);
  });
});
