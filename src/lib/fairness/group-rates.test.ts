import { describe, it, expect } from 'vitest';
import { groupRates, type Outcome } from './group-rates.ts';
import { demographicParityDifference, equalOpportunityDifference, equalizedOddsDifference } from './disparity.ts';

/** Build outcomes from (group, label, predicted, times) rows. */
const table = (rows: [string, number, number, number][]): Outcome[] =>
  rows.flatMap(([group, label, predicted, n]) => Array.from({ length: n }, () => ({ group, label, predicted })));

// Hand-computed, positive class 1:
//   group A (10): label 1 → pred 1 ×4, label 1 → pred 0 ×1, label 0 → pred 1 ×1, label 0 → pred 0 ×4
//     accuracy 8/10, positive rate 5/10, TPR 4/5, FPR 1/5
//   group B (8):  label 1 → pred 1 ×1, label 1 → pred 0 ×2, label 0 → pred 0 ×5
//     accuracy 6/8, positive rate 1/8, TPR 1/3, FPR 0/5
const binary = table([
  ['A', 1, 1, 4], ['A', 1, 0, 1], ['A', 0, 1, 1], ['A', 0, 0, 4],
  ['B', 1, 1, 1], ['B', 1, 0, 2], ['B', 0, 0, 5],
]);

describe('groupRates (hand-computed tables)', () => {
  it('binary outcomes in two groups', () => {
    const [a, b] = groupRates(binary, 1);
    expect(a).toEqual({ group: 'A', count: 10, accuracy: 0.8, positiveRate: 0.5, tpr: 0.8, fpr: 0.2, actualPositives: 5 });
    expect(b).toEqual({ group: 'B', count: 8, accuracy: 0.75, positiveRate: 0.125, tpr: 1 / 3, fpr: 0, actualPositives: 3 });
    expect(demographicParityDifference([a!, b!])).toBeCloseTo(0.375, 12);
    expect(equalOpportunityDifference([a!, b!])).toBeCloseTo(0.8 - 1 / 3, 12);
    expect(equalizedOddsDifference([a!, b!])).toBeCloseTo(0.8 - 1 / 3, 12);
  });

  it('multi-class: one class is positive (one-vs-rest), accuracy counts every class', () => {
    // Classes 0 (sun), 1 (rain), 2 (snow); positive = rain.
    //   winter: rain→rain ×3, snow→rain ×1, snow→snow ×1, sun→sun ×1   acc 5/6, pos rate 4/6, TPR 3/3, FPR 1/3
    //   summer: rain→sun ×1, sun→sun ×5, sun→rain ×2                   acc 5/8, pos rate 2/8, TPR 0/1, FPR 2/7
    const rates = groupRates(table([
      ['winter', 1, 1, 3], ['winter', 2, 1, 1], ['winter', 2, 2, 1], ['winter', 0, 0, 1],
      ['summer', 1, 0, 1], ['summer', 0, 0, 5], ['summer', 0, 1, 2],
    ]), 1);
    const by = Object.fromEntries(rates.map((r) => [r.group, r]));
    expect(by.winter).toMatchObject({ count: 6, accuracy: 5 / 6, positiveRate: 4 / 6, tpr: 1, fpr: 1 / 3 });
    expect(by.summer).toMatchObject({ count: 8, accuracy: 5 / 8, positiveRate: 0.25, tpr: 0, fpr: 2 / 7 });
    expect(demographicParityDifference(rates)).toBeCloseTo(4 / 6 - 0.25, 12);
    expect(equalOpportunityDifference(rates)).toBe(1);
    expect(equalizedOddsDifference(rates)).toBe(1);
  });

  it('orders groups naturally ("2" before "10")', () => {
    expect(groupRates(table([['10', 0, 0, 1], ['2', 0, 0, 1], ['b', 0, 0, 1], ['a', 0, 0, 1]]), 1).map((r) => r.group)).toEqual(['2', '10', 'a', 'b']);
  });
});

describe('degenerate inputs', () => {
  it('no samples: no groups, and the gaps are NaN', () => {
    expect(groupRates([], 1)).toEqual([]);
    expect(demographicParityDifference([])).toBeNaN();
    expect(equalOpportunityDifference([])).toBeNaN();
  });
  it('one group: gaps are 0', () => {
    const rates = groupRates(table([['A', 1, 1, 2], ['A', 0, 1, 1]]), 1);
    expect(demographicParityDifference(rates)).toBe(0);
    expect(equalOpportunityDifference(rates)).toBe(0);
  });
  it('a group without actual positives has TPR NaN and is left out of the opportunity gap', () => {
    const rates = groupRates(table([['A', 1, 1, 1], ['A', 1, 0, 1], ['B', 0, 0, 3], ['C', 1, 1, 2]]), 1);
    expect(rates[1]!.tpr).toBeNaN();
    expect(rates[1]!.fpr).toBe(0);
    expect(equalOpportunityDifference(rates)).toBe(0.5);
  });
  it('a group without negatives has FPR NaN; equalized odds falls back to the TPR gap', () => {
    const rates = groupRates(table([['A', 1, 1, 1], ['B', 1, 0, 1]]), 1);
    expect(rates.every((r) => Number.isNaN(r.fpr))).toBe(true);
    expect(equalizedOddsDifference(rates)).toBe(1);
  });
  it('n = 1 groups', () => {
    const rates = groupRates([{ group: 'x', label: 0, predicted: 1 }], 1);
    expect(rates[0]).toMatchObject({ count: 1, accuracy: 0, positiveRate: 1, fpr: 1 });
  });
});
