import { describe, expect, it } from 'vitest';
import { pairResults } from './pair.ts';

const s = (...ids: string[]) => ids.map((id) => ({ id }));

describe('pairResults', () => {
  it('pairs a reversed file by id', () => {
    const r = pairResults(s('a', 'b', 'c'), [{ id: 'c', v: 3 }, { id: 'b', v: 2 }, { id: 'a', v: 1 }]);
    expect(r.pairing).toBe('id');
    expect(r.results.map((x) => x.v)).toEqual([1, 2, 3]);
  });

  it('keeps the order when either side lacks ids', () => {
    expect(pairResults([{}, {}], [{ id: 'b' }, { id: 'a' }]).pairing).toBe('order');
    expect(pairResults(s('a', 'b'), [{ id: 'b' }, {}]).results).toEqual([{ id: 'b' }, {}]);
  });

  it('names samples without a result, results without a sample, and repeated ids (1-based sample numbers)', () => {
    expect(() => pairResults(s('a', 'b', 'c'), [{ id: 'a' }, { id: 'x' }, { id: 'c' }])).toThrow(/no baseline result for sample 2 \(id "b"\); baseline result with id "x" matches no sample/);
    expect(() => pairResults(s('a', 'b'), [{ id: 'a' }, { id: 'a' }])).toThrow(/more than one result with id "a"/);
    expect(() => pairResults(s('a', 'a'), [{ id: 'a' }, { id: 'b' }])).toThrow(/samples 2 and an earlier one share the id "a"/);
  });
});
