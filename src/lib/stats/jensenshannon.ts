// Jensen–Shannon distance between two discrete distributions (scipy.spatial.distance.jensenshannon):
// the square root of the JS divergence, natural log unless a base is given.
import { StatsInputError } from './errors.ts';
import { accurateSum } from './summation.ts';

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * sqrt(JS divergence) of `p` and `q` (each normalised to sum 1 first, like SciPy). `base`
 * divides the divergence by log(base). Both arrays must have the same, non-zero length.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  if (p.length !== q.length) {
    throw new StatsInputError(`jensenShannon: distributions have ${p.length} and ${q.length} entries; they must be equal`);
  }
  if (p.length === 0) throw new StatsInputError('jensenShannon: distributions are empty; at least one entry is needed');
  const sp = accurateSum(p);
  const sq = accurateSum(q);
  const left = new Float64Array(p.length);
  const right = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const m = (pi + qi) / 2;
    left[i] = relEntr(pi, m);
    right[i] = relEntr(qi, m);
  }
  let js = accurateSum(left) + accurateSum(right);
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(js / 2);
}
