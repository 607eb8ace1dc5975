// Thresholds as NannyML sets them: the reference is cut into chunks like the current set, a
// statistic is computed per reference chunk, and values outside mean ± 3σ of those (σ with
// ddof=1, as pandas' std) raise an alert. Also the reference chunking itself.
import type { Table } from '../data/table.ts';
import { timestamps, windowLabel, type Window } from './windows.ts';

/** NannyML's StandardDeviationThreshold multipliers. */
export const SIGMAS = 3;
/** At most this many reference chunks are used (evenly spaced), to bound the work. */
export const MAX_REFERENCE_CHUNKS = 30;
/** Chunks with fewer rows than this are low-confidence: shown, never called drifted. */
export const MIN_CHUNK_ROWS = 30;

/** mean ± 3σ of a statistic over the reference chunks; null with fewer than two finite values. */
export interface Band {
  mean: number;
  std: number;
  lower: number;
  upper: number;
  chunks: number;
}

/** The band of `values` (non-finite ones skipped); `floor` clamps the lower bound (0 for distances). */
export function band(values: ArrayLike<number>, floor = -Infinity): Band | null {
  const v = Array.from(values).filter(Number.isFinite);
  if (v.length < 2) return null;
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  return { mean, std, lower: Math.max(mean - SIGMAS * std, floor), upper: mean + SIGMAS * std, chunks: v.length };
}

/** Outside the band (strictly), as NannyML's alert. */
export const outside = (b: Band | null, x: number | null): boolean => b !== null && x !== null && Number.isFinite(x) && (x > b.upper || x < b.lower);

function evenly<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

function rowChunks(n: number, size: number): Int32Array[] {
  const out: Int32Array[] = [];
  // Whole chunks only: a short tail chunk would widen the band with its own sampling noise.
  for (let s = 0; s + size <= n; s += size) {
    const c = new Int32Array(size);
    for (let i = 0; i < size; i++) c[i] = s + i;
    out.push(c);
  }
  return out;
}

/**
 * Reference row chunks matching the current set's windows: the same number of rows for row
 * windows; the same calendar windows when the reference has the time column; else chunks of the
 * median current window size. At most MAX_REFERENCE_CHUNKS, evenly spaced.
 */
export function referenceChunks(ref: Table, window: Window, timeColumn: string | null, currentSizes: number[]): Int32Array[] {
  const tcol = timeColumn === null ? undefined : ref.columns.find((c) => c.name === timeColumn);
  if (typeof window !== 'number' && tcol) {
    const ts = timestamps(tcol);
    const groups = new Map<string, number[]>();
    for (let i = 0; i < ts.length; i++) {
      if (!Number.isFinite(ts[i])) continue;
      const k = windowLabel(ts[i], window);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
    const chunks = [...groups.keys()].sort().map((k) => Int32Array.from(groups.get(k)!)).filter((c) => c.length >= MIN_CHUNK_ROWS);
    if (chunks.length >= 2) return evenly(chunks, MAX_REFERENCE_CHUNKS);
  }
  const sizes = [...currentSizes].sort((a, b) => a - b);
  const size = typeof window === 'number' ? window : (sizes[Math.floor(sizes.length / 2)] ?? ref.rowCount);
  return evenly(rowChunks(ref.rowCount, Math.max(1, size)), MAX_REFERENCE_CHUNKS);
}

/** Chunks for a one-shot comparison with `nCur` rows: chunks of nCur rows when ≥ 2 fit, else 10 equal ones. */
export function referenceChunksFor(nRef: number, nCur: number): Int32Array[] {
  const size = nCur * 2 <= nRef ? nCur : Math.floor(nRef / 10);
  return size >= 1 ? evenly(rowChunks(nRef, size), MAX_REFERENCE_CHUNKS) : [];
}
