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

/** Categorical view: counts aligned on `keys` (Python str of each category, in no particular order). */
export interface CategoricalSides {
  keys: string[];
  /** index of the first key in Python's sorted(keys, key=str) order (the z-test's category) */
  first: number;
  refCounts: Float64Array;
  curCounts: Float64Array;
  nRef: number;
  nCur: number;
  refRows: number;
  curRows: number;
  refDistinct: number;
}

/** Sorted copy of the finite values of `v` (counting sort when they are integers in a small range). */
export function finiteSorted(v: Float64Array): Float64Array {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    n++;
    if (x < min) min = x;
    if (x > max) max = x;
    if (integral && (x !== Math.floor(x) || Object.is(x, -0))) integral = false;
  }
  const out = new Float64Array(n);
  const range = max - min + 1;
  if (integral && n > 1000 && range <= Math.max(1 << 16, n)) {
    // Many real columns are small integers (counts, minutes, codes): O(n + range), no comparisons.
    const counts = new Int32Array(range);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x - x === 0) counts[x - min]++;
    }
    let k = 0;
    for (let b = 0; b < range; b++) {
      const c = counts[b];
      if (c) {
        out.fill(b + min, k, k + c);
        k += c;
      }
    }
    return out;
  }
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

// Counts per dictionary code, remembered per codes array (the reference is reused by timelines).
const countCache = new WeakMap<Int32Array, Float64Array>();

/** Rows per dictionary code (cached per codes array; read-only). */
export function codeCounts(codes: Int32Array, size: number): Float64Array {
  let counts = countCache.get(codes);
  if (!counts || counts.length !== size) {
    counts = new Float64Array(size);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c >= 0) counts[c]++;
    }
    countCache.set(codes, counts);
  }
  return counts;
}

/** Accumulates category counts of both sides; numbers and strings are distinct keys (as in Python). */
class CategoryCounter {
  readonly display: string[] = [];
  readonly ref: number[] = [];
  readonly cur: number[] = [];
  private readonly nums = new Map<number, number>();
  private readonly strs = new Map<string, number>();

  private slot(isNum: boolean, key: number | string, display: () => string): number {
    const map = (isNum ? this.nums : this.strs) as Map<number | string, number>;
    let i = map.get(key);
    if (i === undefined) {
      i = this.display.length;
      map.set(key, i);
      this.display.push(display());
      this.ref.push(0);
      this.cur.push(0);
    }
    return i;
  }

  /** Adds one column's counts; returns the number of non-missing values counted. */
  add(col: Column, side: 'ref' | 'cur', dropInf: boolean): number {
    const target = this[side];
    let n = 0;
    if (col.kind === 'string') {
      const counts = codeCounts(col.codes, col.dictionary.length);
      for (let k = 0; k < counts.length; k++) {
        if (counts[k] === 0) continue;
        const t = col.dictionary[k];
        let i = this.strs.get(t);
        if (i === undefined) {
          i = this.display.length;
          this.strs.set(t, i);
          this.display.push(t);
          this.ref.push(0);
          this.cur.push(0);
        }
        target[i] += counts[k];
        n += counts[k];
      }
      return n;
    }
    const counts = new Map<number, number>();
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v !== v || (dropInf && (v === Infinity || v === -Infinity))) continue;
      const key = v === 0 ? 0 : v;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const dtype: NumberDtype = col.dtype;
    // Python's set union keeps the reference's object when values are equal, so its str wins.
    for (const [v, cnt] of counts) {
      target[this.slot(true, v, () => pyStr(v, dtype))] += cnt;
      n += cnt;
    }
    return n;
  }
}

/** Index of the smallest key in Python's sorted(keys, key=str) order. */
export function firstKeyIndex(keys: string[]): number {
  let best = 0;
  for (let i = 1; i < keys.length; i++) if (compareCodePoints(keys[i], keys[best]) < 0) best = i;
  return best;
}

/**
 * Categorical sides. `dropInf` drops ±Infinity (drift_reference.py does so only when both
 * columns are numeric). Keys come unsorted; `first` is the smallest in Python's str order.
 */
export function categoricalSides(ref: Column, cur: Column, dropInf: boolean): CategoricalSides {
  const counter = new CategoryCounter();
  const nRef = counter.add(ref, 'ref', dropInf);
  const nCur = counter.add(cur, 'cur', dropInf);
  let refDistinct = 0;
  for (const r of counter.ref) if (r > 0) refDistinct++;
  return {
    keys: counter.display,
    first: firstKeyIndex(counter.display),
    refCounts: Float64Array.from(counter.ref),
    curCounts: Float64Array.from(counter.cur),
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
