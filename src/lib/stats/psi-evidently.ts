// Evidently's `psi` stattest on already-binned shares (evidently.calculations.stattests.psi with
// get_binned_data): empty shares of a side are replaced by 0.0001, or by that side's smallest
// non-zero share / 1e6 when that share is itself <= 0.0001; then Σ (r − c)·ln(r / c).
import { StatsInputError } from './errors.ts';

/** Evidently's zero filling of one side's shares (a copy; the input is unchanged). */
export function fillZeroes(shares: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(shares);
  let minNonZero = Infinity;
  for (let i = 0; i < out.length; i++) if (out[i] !== 0 && out[i] < minNonZero) minNonZero = out[i];
  if (minNonZero === Infinity) return out; // all zero: Evidently would fail on min([]); the caller never passes it
  const fill = minNonZero <= 0.0001 ? minNonZero / 1e6 : 0.0001;
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  return out;
}

/**
 * PSI of aligned reference/current shares (each side's shares of its own non-missing count), as
 * Evidently computes it. Both sides need at least one non-zero share.
 */
export function evidentlyPsi(refShares: ArrayLike<number>, curShares: ArrayLike<number>): number {
  if (refShares.length !== curShares.length) {
    throw new StatsInputError(`evidentlyPsi: ${refShares.length} reference and ${curShares.length} current bins; they must be aligned`);
  }
  const r = fillZeroes(refShares);
  const c = fillZeroes(curShares);
  if (!r.some((x) => x > 0) || !c.some((x) => x > 0)) throw new StatsInputError('evidentlyPsi: a side has no observations; both need at least one');
  let v = 0;
  for (let i = 0; i < r.length; i++) v += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return v;
}
