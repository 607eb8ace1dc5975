// Turns a reference/current column pair into what the tests consume: sorted finite samples for
// numerical columns, aligned category counts (keys as Python str, sorted like Python) otherwise.
import type { Column, NumberColumn, NumberDtype } from '../data/table.ts';
import { compareCodePoints, pyStr } from './pyrepr.ts';

/** Numerical view: NaN and ±Infinity dropped, sorted ascending. */
export interface NumericSides {
  ref: Float64Array;
  cur: Float64Array;
  refRows: number;
  curRows: number;
  /** distinct values over both sets, and in the reference alone */
  distinct: number;
  refDistinct: number;
}

/** Categorical view: counts aligned on `keys` (sorted by Python str order). */
export interface CategoricalSides {
  keys: string[];
  refCounts: Float64Array;
  curCounts: Float64Array;
  nRef: number;
  nCur: number;
  refRows: number;
  curRows: number;
  refDistinct: number;
}

/** Sorted copy of the finite values of `v`. */
export function finiteSorted(v: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] - v[i] === 0) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < v.length; i++) if (v[i] - v[i] === 0) out[k++] = v[i];
  return out.sort();
}

function distinctSorted(a: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) d++;
  return d;
}

function distinctMerged(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  let last = NaN;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (v !== last) {
      d++;
      last = v;
    }
  }
  return d;
}

// The reference is compared with many windows in a timeline: sort it once per column array.
const sortedCache = new WeakMap<Float64Array, { sorted: Float64Array; distinct: number }>();

function sortedRef(v: Float64Array): { sorted: Float64Array; distinct: number } {
  let hit = sortedCache.get(v);
  if (!hit) {
    const sorted = finiteSorted(v);
    hit = { sorted, distinct: distinctSorted(sorted) };
    sortedCache.set(v, hit);
  }
  return hit;
}

/** Numerical sides of two numeric columns (already-sorted arrays are produced once here). */
export function numericSides(ref: NumberColumn, cur: NumberColumn): NumericSides {
  const r = sortedRef(ref.values);
  const c = finiteSorted(cur.values);
  return {
    ref: r.sorted, cur: c, refRows: ref.values.length, curRows: cur.values.length,
    distinct: distinctMerged(r.sorted, c), refDistinct: r.distinct,
  };
}

interface Entry {
  display: string;
  ref: number;
  cur: number;
}

/** Adds one side's category counts into `entries` (identity: tagged number or string). */
function countSide(col: Column, side: 'ref' | 'cur', entries: Map<string, Entry>, dropInf: boolean): number {
  let n = 0;
  if (col.kind === 'string') {
    const counts = new Float64Array(col.dictionary.length);
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c >= 0) counts[c]++;
    }
    for (let k = 0; k < counts.length; k++) {
      if (counts[k] === 0) continue;
      const id = 's' + col.dictionary[k];
      let e = entries.get(id);
      if (!e) entries.set(id, (e = { display: col.dictionary[k], ref: 0, cur: 0 }));
      e[side] += counts[k];
      n += counts[k];
    }
    return n;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (v !== v || (dropInf && (v === Infinity || v === -Infinity))) continue;
    counts.set(v === 0 ? 0 : v, (counts.get(v === 0 ? 0 : v) ?? 0) + 1);
  }
  const dtype: NumberDtype = col.dtype;
  for (const [v, cnt] of counts) {
    // Python's set union keeps the reference's object when values are equal, so its str wins.
    const id = 'n' + v;
    let e = entries.get(id);
    if (!e) entries.set(id, (e = { display: pyStr(v, dtype), ref: 0, cur: 0 }));
    e[side] += cnt;
    n += cnt;
  }
  return n;
}

/**
 * Categorical sides. `dropInf` drops ±Infinity (drift_reference.py does so only when both
 * columns are numeric). Keys are sorted by their Python str, like sorted(keys, key=str).
 */
export function categoricalSides(ref: Column, cur: Column, dropInf: boolean): CategoricalSides {
  const entries = new Map<string, Entry>();
  const nRef = countSide(ref, 'ref', entries, dropInf);
  const nCur = countSide(cur, 'cur', entries, dropInf);
  const list = [...entries.values()].sort((a, b) => compareCodePoints(a.display, b.display));
  let refDistinct = 0;
  for (const e of list) if (e.ref > 0) refDistinct++;
  return {
    keys: list.map((e) => e.display),
    refCounts: Float64Array.from(list, (e) => e.ref),
    curCounts: Float64Array.from(list, (e) => e.cur),
    nRef, nCur,
    refRows: ref.kind === 'string' ? ref.codes.length : ref.values.length,
    curRows: cur.kind === 'string' ? cur.codes.length : cur.values.length,
    refDistinct,
  };
}

/** Parse a text column as numbers (or dates, in ms since epoch) for a 'numerical'/'datetime' override. */
export function textToNumbers(col: Column, asDate: boolean): NumberColumn {
  if (col.kind === 'number') return col;
  const parsed = col.dictionary.map((s) => {
    const t = s.trim();
    if (t === '') return NaN;
    return asDate ? Date.parse(t) : Number(t);
  });
  const values = new Float64Array(col.codes.length);
  for (let i = 0; i < values.length; i++) values[i] = col.codes[i] < 0 ? NaN : parsed[col.codes[i]];
  return { name: col.name, kind: 'number', dtype: asDate ? 'datetime' : 'float', values };
}
