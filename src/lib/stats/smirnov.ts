// One-sided Smirnov survival function Pr(D+_n > x) (scipy.special.smirnov), used by the exact
// Kolmogorov distribution for large deviations. Birnbaum–Tingey sum evaluated in log space.
import { logGamma } from './gamma.ts';

/** scipy computes exactly up to this n and switches to an approximation above it. */
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const MIN_LOG = -708.3964185322641;

/**
 * Pr(D+_n > x) for the one-sided Kolmogorov–Smirnov statistic with `n` samples, 0 <= x <= 1.
 * All terms of the sum are positive, so the log-space evaluation keeps full relative accuracy.
 */
export function smirnov(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  if (nx <= 1) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (Math.floor(nx) >= n - 1) return Math.pow(1 - x, n);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // scipy's approximation p ~ exp(-(6nx+1)^2 / 18n) for very large n.
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  const last = Math.floor(n * (1 - x));
  const lgn1 = logGamma(n + 1);
  let maxT = -Infinity;
  const terms = new Float64Array(last + 1);
  for (let v = 0; v <= last; v++) {
    const evn = x + v / n;
    const omevn = 1 - evn;
    if (!(omevn > 0)) {
      terms[v] = -Infinity;
      continue;
    }
    const t = lgn1 - logGamma(v + 1) - logGamma(n - v + 1) + (v - 1) * Math.log(evn) + (n - v) * Math.log(omevn);
    terms[v] = t;
    if (t > maxT) maxT = t;
  }
  let sum = 0;
  for (let v = 0; v <= last; v++) sum += Math.exp(terms[v] - maxT);
  return x * sum * Math.exp(maxT);
}
