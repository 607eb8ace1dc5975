// What the output views show: numeric summaries of a tensor and, for classifier rows, top-k
// classes with probabilities (softmax applied only when the row is not already a distribution).
import type { PlainTensor } from './types.ts';
import { float16BitsToFloat32 } from './float16.ts';

export interface TensorStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (numpy's default). */
  std: number;
  nanCount: number;
  infCount: number;
}

/** Numeric view of any non-string tensor (float16 decoded, bigint to number). */
export function toNumbers(t: PlainTensor): Float64Array {
  if (Array.isArray(t.data)) throw new TypeError(`a ${t.type} tensor has no numeric values`);
  const d = t.data;
  const out = new Float64Array(d.length);
  if (t.type === 'float16') for (let i = 0; i < d.length; i++) out[i] = float16BitsToFloat32(d[i] as number);
  else for (let i = 0; i < d.length; i++) out[i] = Number(d[i]);
  return out;
}

/** min/max/mean/std over the finite values; NaN and ±Infinity are counted, not averaged. */
export function tensorStats(values: ArrayLike<number>): TensorStats {
  let n = 0, nan = 0, inf = 0, min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
    else {
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return { count: values.length, min: n ? min : NaN, max: n ? max : NaN, mean, std: n ? Math.sqrt(ss / n) : NaN, nanCount: nan, infCount: inf };
}

/** True when a row already is a probability distribution (all in [0, 1], summing to 1 ± 1e-3). */
export function isDistribution(row: ArrayLike<number>): boolean {
  let s = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    if (!(v >= 0 && v <= 1)) return false;
    s += v;
  }
  return Math.abs(s - 1) < 1e-3;
}

/** Numerically stable softmax. */
export function softmax(row: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > m) m = row[i]!;
  const out = new Float64Array(row.length);
  let s = 0;
  for (let i = 0; i < row.length; i++) s += out[i] = Math.exp(row[i]! - m);
  for (let i = 0; i < row.length; i++) out[i]! /= s;
  return out;
}

export interface ClassScore {
  index: number;
  label: string;
  /** The raw output value. */
  score: number;
  /** Probability: the value itself for distributions, softmax of the row otherwise. */
  probability: number;
}

/** The k best classes of one row, best first; ties keep the lower index first. */
export function topK(row: ArrayLike<number>, k: number, labels?: readonly string[]): ClassScore[] {
  const probs = isDistribution(row) ? Float64Array.from(row) : softmax(row);
  const idx = Array.from({ length: row.length }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);
  return idx.slice(0, k).map((i) => ({ index: i, label: labels?.[i] ?? String(i), score: row[i]!, probability: probs[i]! }));
}

/** A [C] or [1, C] (or [N, C], first row) output looks like class scores when C is 2..1000. */
export function classifierRow(t: PlainTensor): Float64Array | null {
  if (Array.isArray(t.data) || t.type === 'bool') return null;
  const c = t.dims.at(-1) ?? 0;
  const lead = t.dims.slice(0, -1).reduce((a, b) => a * b, 1);
  if (c < 2 || c > 1000 || t.dims.length > 2 || lead < 1) return null;
  return toNumbers(t).subarray(0, c);
}
