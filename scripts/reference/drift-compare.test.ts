// The comparison the drift parity test relies on: it must report a real difference, not only agree.
import { describe, expect, it } from 'vitest';
import { driftReportDifferences, type RefReport } from './drift-compare.ts';

const base: RefReport = {
  columns: [
    { name: 'x', kind: 'numerical', test: 'ks', statistic: 0.25, pValue: 0.01, threshold: 0.05, drift: true, psi: 0.3, missingRef: 0, missingCur: 0.1 },
    { name: 'c', kind: 'categorical', test: 'chisquare', statistic: 'Infinity', pValue: 0, threshold: 0.05, drift: true, missingRef: 0, missingCur: 0 },
  ],
  dataset: { driftShare: 1, drifted: true, threshold: 0.5 },
};
const copy = (): RefReport => structuredClone(base);

describe('driftReportDifferences', () => {
  it('agrees with itself, within rounding and with infinities as strings or numbers', () => {
    const o = copy();
    o.columns[0]!.statistic = 0.25 * (1 + 1e-12);
    (o.columns[1] as { statistic: unknown }).statistic = Infinity;
    expect(driftReportDifferences(o, base)).toEqual([]);
  });
  it('names each field that differs', () => {
    const o = copy();
    o.columns[0]!.statistic = 0.2500001;
    o.columns[0]!.pValue = 0.02;
    o.columns[0]!.test = 'wasserstein';
    o.columns[1]!.statistic = 12;
    o.dataset.drifted = false;
    expect(driftReportDifferences(o, base, 'split/')).toEqual([
      'split/x.test: wasserstein vs reference ks',
      'split/x.statistic: 0.2500001 vs reference 0.25',
      'split/x.pValue: 0.02 vs reference 0.01',
      'split/c.statistic: 12 vs reference Infinity',
      'split/dataset.drifted: false vs reference true',
    ]);
  });
  it('notices a missing or reordered column', () => {
    const o = copy();
    o.columns.reverse();
    expect(driftReportDifferences(o, base)[0]).toMatch(/^columns: c,x vs reference x,c/);
  });
});
