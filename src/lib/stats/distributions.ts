// Survival functions of the normal and chi-square distributions, via the incomplete gamma.
import { gammaQ } from './gamma.ts';

/** Standard normal survival function Pr(Z > z) (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  // erfc(t) = Q(1/2, t²) for t >= 0; keeps relative accuracy far in the upper tail.
  const half = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z >= 0 ? half : 1 - half;
}

/** Chi-square survival function Pr(X > x) with `dof` degrees of freedom (scipy.stats.chi2.sf). */
export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}
