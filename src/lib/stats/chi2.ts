// Chi-square goodness-of-fit of current category counts against reference proportions, as
// drift_reference.py computes it: expected = ref·n_cur/n_ref; a category absent from the
// reference but present now makes the statistic infinite (p = 0).
import { StatsInputError } from './errors.ts';
import { chi2Sf } from './distributions.ts';
import { Accumulator } from './summation.ts';

/** Chi-square statistic, p-value (upper tail) and degrees of freedom (categories − 1). */
export interface Chi2Result {
  statistic: number;
  pValue: number;
  dof: number;
}

/** Counts per category, aligned: refCounts[i] and curCounts[i] belong to the same category. */
export function chiSquare(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): Chi2Result {
  const k = refCounts.length;
  if (k !== curCounts.length) {
    throw new StatsInputError(`chiSquare: ${k} reference and ${curCounts.length} current categories; they must be aligned`);
  }
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < k; i++) {
    nRef += refCounts[i];
    nCur += curCounts[i];
  }
  if (nRef === 0 || nCur === 0) throw new StatsInputError('chiSquare: a sample has no observations; both need at least one');
  const acc = new Accumulator();
  let infinite = false;
  for (let i = 0; i < k; i++) {
    const expected = (refCounts[i] * nCur) / nRef;
    if (expected > 0) acc.add((curCounts[i] - expected) ** 2 / expected);
    else if (curCounts[i] > 0) infinite = true;
  }
  const statistic = infinite ? Infinity : acc.value;
  const dof = k - 1;
  const pValue = Number.isFinite(statistic) ? chi2Sf(statistic, dof) : 0;
  return { statistic, pValue, dof };
}
