// Helpers shared by the statistics: drop NaN, copy to a sorted Float64Array, reject empty input.
import { StatsInputError } from './errors.ts';

/** Numbers accepted by every statistic: a typed array or a plain array. */
export type Sample = ArrayLike<number>;

/** Copy of `x` without NaN values (±Infinity kept), as a Float64Array. */
export function dropNaN(x: Sample): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) out[k++] = x[i];
  return out;
}

/** Sorted ascending copy of `x` with NaN dropped; throws StatsInputError when nothing is left. */
export function sortedNonEmpty(x: Sample, what: string): Float64Array {
  const out = dropNaN(x);
  if (out.length === 0) {
    throw new StatsInputError(`${what}: sample is empty (after dropping NaN); at least one value is needed`);
  }
  return out.sort();
}

/** Throws StatsInputError unless every value is finite (used where ±Infinity has no meaning). */
export function assertFinite(x: Float64Array, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new StatsInputError(`${what}: value ${x[i]} at position ${i} is not finite; only finite numbers are valid`);
    }
  }
}

/** numpy.round semantics: round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; numpy rounds .5 to the even neighbour.
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
