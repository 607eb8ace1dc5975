// Per-column quality checks on a reference/current pair: missing-share change, categories never
// seen in the reference, numbers outside the reference range, and constant columns.
import type { Column } from '../../data/table.ts';
import { categoricalSides } from '../prepare.ts';
import { graded, pct, type QualityFinding } from './types.ts';

/** Missing share may grow by this much (absolute, 0..1) before a warning, and this much before a failure. */
export const MISSING_WARN = 0.01;
export const MISSING_FAIL = 0.1;
/** Share of current values in new categories / outside the reference range: warn above 0, fail above this. */
export const NEW_SHARE_FAIL = 0.05;
/** New categories listed in a finding's details (most frequent first). */
const LISTED = 10;

function missingCount(c: Column): number {
  let n = 0;
  if (c.kind === 'number') {
    for (let i = 0; i < c.values.length; i++) if (c.values[i] !== c.values[i]) n++;
  } else for (let i = 0; i < c.codes.length; i++) if (c.codes[i] < 0) n++;
  return n;
}

const rows = (c: Column) => (c.kind === 'number' ? c.values.length : c.codes.length);

/** Share of missing values (NaN, empty, NA markers) now against the reference. */
export function missingShareCheck(name: string, ref: Column, cur: Column): QualityFinding {
  const mr = missingCount(ref);
  const mc = missingCount(cur);
  const sr = mr / Math.max(rows(ref), 1);
  const sc = mc / Math.max(rows(cur), 1);
  const severity = graded(sc - sr, MISSING_WARN, MISSING_FAIL);
  const message = severity === 'pass' ? `missing ${pct(sc)} (reference ${pct(sr)})` : `missing share rose from ${pct(sr)} to ${pct(sc)}`;
  return { column: name, check: 'missing-share', severity, message, details: { reference: sr, current: sc, referenceCount: mr, currentCount: mc } };
}

/** Current values in categories the reference never had, with the most frequent ones named. */
export function newCategoriesCheck(name: string, ref: Column, cur: Column): QualityFinding {
  const s = categoricalSides(ref, cur, false);
  const fresh: { value: string; count: number }[] = [];
  let unseen = 0;
  for (let i = 0; i < s.keys.length; i++) {
    if (s.refCounts[i] === 0 && s.curCounts[i] > 0) {
      fresh.push({ value: s.keys[i], count: s.curCounts[i] });
      unseen += s.curCounts[i];
    }
  }
  fresh.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const share = s.nCur ? unseen / s.nCur : 0;
  const severity = graded(share, 0, NEW_SHARE_FAIL);
  const named = fresh.slice(0, LISTED).map((f) => `"${f.value}" ×${f.count}`).join(', ');
  const message = fresh.length
    ? `${fresh.length} new categor${fresh.length === 1 ? 'y' : 'ies'} in ${pct(share)} of current values: ${named}${fresh.length > LISTED ? ', …' : ''}`
    : `no categories beyond the reference's ${s.refDistinct}`;
  return { column: name, check: 'new-categories', severity, message, details: { count: fresh.length, share, values: fresh.slice(0, LISTED) } };
}

/** Current finite values below the reference minimum or above its maximum. */
export function rangeCheck(name: string, ref: Float64Array, cur: Float64Array): QualityFinding {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < ref.length; i++) {
    const v = ref[i];
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let below = 0;
  let above = 0;
  let n = 0;
  for (let i = 0; i < cur.length; i++) {
    const v = cur[i];
    if (v - v !== 0) continue;
    n++;
    if (v < min) below++;
    else if (v > max) above++;
  }
  if (min > max) return { column: name, check: 'out-of-range', severity: 'pass', message: 'no reference values to set a range', details: { below, above } };
  const share = n ? (below + above) / n : 0;
  const severity = graded(share, 0, NEW_SHARE_FAIL);
  const message = below + above
    ? `${below + above} current values (${pct(share)}) outside the reference range [${min}, ${max}]: ${below} below, ${above} above`
    : `all current values within the reference range [${min}, ${max}]`;
  return { column: name, check: 'out-of-range', severity, message, details: { min, max, below, above, share } };
}

/** Distinct non-missing values, counting no further than 2. */
function distinctUpTo2(c: Column): number {
  if (c.kind === 'string') {
    let first = -1;
    for (let i = 0; i < c.codes.length; i++) {
      const k = c.codes[i];
      if (k < 0) continue;
      if (first < 0) first = k;
      else if (k !== first && c.dictionary[k] !== c.dictionary[first]) return 2;
    }
    return first < 0 ? 0 : 1;
  }
  let first = NaN;
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if (v !== v) continue;
    if (first !== first) first = v;
    else if (v !== first) return 2;
  }
  return first !== first ? 0 : 1;
}

/** A column with a single value: fail when it varied in the reference, warn when constant in both. */
export function constantCheck(name: string, ref: Column, cur: Column): QualityFinding {
  const dr = distinctUpTo2(ref);
  const dc = distinctUpTo2(cur);
  if (dc >= 2) return { column: name, check: 'constant-column', severity: 'pass', message: 'not constant', details: {} };
  if (dc === 0) return { column: name, check: 'constant-column', severity: dr === 0 ? 'warn' : 'fail', message: 'every current value is missing', details: { distinctReference: dr } };
  const severity = dr >= 2 ? 'fail' : 'warn';
  return { column: name, check: 'constant-column', severity, message: dr >= 2 ? 'one value in the current set, several in the reference' : 'one value in both sets: it cannot inform a model', details: { distinctReference: dr } };
}
