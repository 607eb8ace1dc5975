// Cautions attached to a column's result: samples too small for the test to mean much, chi-square
// expected counts below 5 (the approximation's usual rule), and the categories behind an infinite
// chi-square (current values in categories the reference never had).
import type { CategoricalSides } from './prepare.ts';

/** Below this many non-missing values on a side a result gets a small-sample warning. */
export const SMALL_SAMPLE = 30;
/** Chi-square's rule of thumb: every expected count at least this. */
export const MIN_EXPECTED = 5;
const LISTED = 10;

/** Warning when either side has fewer than 30 values, else null. */
export function smallSampleWarning(nRef: number, nCur: number): string | null {
  const sides = [nRef < SMALL_SAMPLE ? `${nRef} reference` : '', nCur < SMALL_SAMPLE ? `${nCur} current` : ''].filter(Boolean);
  if (!sides.length) return null;
  return `small sample: only ${sides.join(' and ')} value${nRef + nCur === 2 ? '' : 's'} (fewer than ${SMALL_SAMPLE}); the test has little power and its verdict is fragile`;
}

/** Current categories with no reference values, most frequent first (up to 10). */
export function unseenCategories(cat: CategoricalSides): { value: string; count: number }[] {
  const out: { value: string; count: number }[] = [];
  for (let i = 0; i < cat.keys.length; i++) if (cat.refCounts[i] === 0 && cat.curCounts[i] > 0) out.push({ value: cat.keys[i], count: cat.curCounts[i] });
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return out.slice(0, LISTED);
}

/** Warnings for a chi-square on these counts: unseen categories (infinite statistic) and expected counts < 5. */
export function chiSquareWarnings(cat: CategoricalSides, unseen: { value: string; count: number }[]): string[] {
  const out: string[] = [];
  if (unseen.length) {
    let total = 0;
    let kinds = 0;
    for (let i = 0; i < cat.keys.length; i++) if (cat.refCounts[i] === 0 && cat.curCounts[i] > 0) {
      total += cat.curCounts[i];
      kinds++;
    }
    const named = unseen.map((u) => `"${u.value}" ×${u.count}`).join(', ');
    out.push(`chi-square is infinite: ${total} current value${total === 1 ? '' : 's'} in ${kinds} categor${kinds === 1 ? 'y' : 'ies'} the reference never had (${named}${kinds > unseen.length ? ', …' : ''})`);
  }
  let low = 0;
  let smallest = Infinity;
  let seen = 0;
  for (let i = 0; i < cat.keys.length; i++) {
    if (cat.refCounts[i] === 0) continue;
    seen++;
    const e = (cat.refCounts[i] * cat.nCur) / cat.nRef;
    if (e < MIN_EXPECTED) low++;
    if (e < smallest) smallest = e;
  }
  if (low) out.push(`${low} of ${seen} categories ${low === 1 ? 'has' : 'have'} an expected count below ${MIN_EXPECTED} (smallest ${Number(smallest.toPrecision(3))}): the chi-square p-value is approximate`);
  return out;
}
