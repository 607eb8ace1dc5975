// Classifier agreement between device and baseline scores of shape [N, C] (or [C], or [..., C]):
// top-1 agreement and top-k overlap per row. Scores may be logits or probabilities: only ranks count.
import type { PlainTensor } from '../tensors/types.ts';
import { OutputMismatchError, ParityInputError } from './errors.ts';
import { assertComparable, toFloat64 } from './values.ts';

/** Agreement of two score tensors. Shares are in [0, 1]. */
export interface Agreement {
  rows: number;
  classes: number;
  /** k actually used: min(k asked, classes). */
  k: number;
  /** Share of rows whose top-1 class is the same on both sides. */
  top1Agreement: number;
  top1Agree: number;
  /** Mean over rows of |top-k(device) ∩ top-k(baseline)| / k. */
  topKOverlap: number;
  /** Rows whose top-1 classes differ (first 1000). */
  disagreeRows: number[];
  /** Top-1 class per row on each side. */
  deviceTop1: Int32Array;
  baselineTop1: Int32Array;
}

/**
 * Indices of the k largest of `row[off .. off+c)`, largest first; ties go to the lower index
 * (like `np.argsort(-x, kind='stable')[:k]`) and NaN ranks below every number.
 */
export function topK(row: Float64Array, off: number, c: number, k: number): number[] {
  const idx = Array.from({ length: c }, (_, i) => i);
  idx.sort((i, j) => {
    const x = row[off + i]!;
    const y = row[off + j]!;
    const xn = x !== x;
    const yn = y !== y;
    if (xn || yn) return xn && yn ? i - j : xn ? 1 : -1;
    return x > y ? -1 : x < y ? 1 : i - j;
  });
  return idx.slice(0, k);
}

/** Rows and classes of a score tensor: the last dim is the class axis. */
export function rowsAndClasses(t: PlainTensor, name: string): { rows: number; classes: number } {
  if (t.dims.length === 0) throw new OutputMismatchError(`${name}: a scalar has no class axis; expected [N, C] or [C] scores`);
  const classes = t.dims[t.dims.length - 1]!;
  if (classes < 1) throw new OutputMismatchError(`${name}: the class axis (last dim) is empty`);
  return { rows: t.data.length / classes, classes };
}

/**
 * Top-1 agreement and top-k overlap (default k = 5) of device vs baseline class scores.
 * @throws OutputMismatchError for mismatched shapes/types or a scalar; ParityInputError for k < 1.
 */
export function classifierAgreement(device: PlainTensor, baseline: PlainTensor, opts: { k?: number } = {}, name = 'output'): Agreement {
  assertComparable(device, baseline, name);
  const kAsked = opts.k ?? 5;
  if (!Number.isInteger(kAsked) || kAsked < 1) throw new ParityInputError(`k must be an integer >= 1, got ${kAsked}`);
  const { rows, classes } = rowsAndClasses(baseline, name);
  const k = Math.min(kAsked, classes);
  const a = toFloat64(device, name);
  const b = toFloat64(baseline, name);
  const deviceTop1 = new Int32Array(rows);
  const baselineTop1 = new Int32Array(rows);
  const disagreeRows: number[] = [];
  let agree = 0;
  let overlapSum = 0;
  for (let r = 0; r < rows; r++) {
    const ta = topK(a, r * classes, classes, k);
    const tb = topK(b, r * classes, classes, k);
    deviceTop1[r] = ta[0]!;
    baselineTop1[r] = tb[0]!;
    if (ta[0] === tb[0]) agree++;
    else if (disagreeRows.length < 1000) disagreeRows.push(r);
    const set = new Set(tb);
    overlapSum += ta.filter((i) => set.has(i)).length / k;
  }
  return {
    rows, classes, k,
    top1Agreement: rows > 0 ? agree / rows : 1, top1Agree: agree,
    topKOverlap: rows > 0 ? overlapSum / rows : 1,
    disagreeRows, deviceTop1, baselineTop1,
  };
}
