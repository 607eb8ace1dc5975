// Two-proportion z-test with a pooled proportion, two-sided (as Evidently's z stattest and
// drift_reference.py): z = (p1 − p2)/sqrt(p(1−p)(1/n1 + 1/n2)); z = 0, p = 1 when the denominator is 0.
import { StatsInputError } from './errors.ts';
import { normalSf } from './distributions.ts';

/** z statistic (reference share minus current share, standardised) and two-sided p-value. */
export interface ZResult {
  statistic: number;
  pValue: number;
}

/** k1 of n1 reference rows and k2 of n2 current rows have the property being compared. */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): ZResult {
  if (!(n1 > 0) || !(n2 > 0)) throw new StatsInputError('twoProportionZ: both samples need at least one row');
  if (k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2) throw new StatsInputError('twoProportionZ: counts must lie in [0, n]');
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const denom = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (denom === 0) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / denom;
  return { statistic: z, pValue: 2 * normalSf(Math.abs(z)) };
}
