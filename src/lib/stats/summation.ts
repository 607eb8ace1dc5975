// Compensated (Neumaier) summation: accurate sums so results agree with NumPy's pairwise sums
// to well below the 1e-9 relative tolerance even over millions of terms.
import type { Sample } from './sample.ts';

/** Sum of `x` with Neumaier compensation. */
export function accurateSum(x: Sample): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Running compensated accumulator, for sums built term by term inside other loops. */
export class Accumulator {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}
