// Multivariate drift as NannyML's DataReconstructionDriftCalculator measures it: numeric columns
// imputed with the reference mean, categorical ones with the reference mode and frequency-encoded
// (CountEncoder normalize=True; unseen categories 0), all standardised on the reference, PCA
// keeping 65% of the variance; the signal is the mean reconstruction error of a set of rows.
import type { Column, Table } from '../data/table.ts';
import { CovarianceAccumulator, pcaFromCovariance, reconstructionError, type Pca } from '../stats/pca.ts';

/** Share of the reference's variance the kept components explain (NannyML's n_components=0.65). */
export const VARIANCE_SHARE = 0.65;

type Encoder =
  | { name: string; kind: 'numerical'; fill: number; mu: number; sigma: number }
  | { name: string; kind: 'categorical'; fill: string; freq: Map<string, number>; mu: number; sigma: number };

/** The fitted reconstruction: per-column encoders and the PCA on the standardised reference. */
export interface ReconstructionModel {
  encoders: Encoder[];
  pca: Pca;
}

const keyOf = (c: Column, i: number): string | null => {
  if (c.kind === 'string') return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
  const v = c.values[i];
  return v === v ? String(v === 0 ? 0 : v) : null;
};

function numericEncoder(c: Column & { kind: 'number' }): Encoder {
  let s = 0;
  let n = 0;
  for (const v of c.values) if (v - v === 0) { s += v; n++; }
  const fill = n ? s / n : 0;
  let ss = 0;
  for (const v of c.values) ss += ((v - v === 0 ? v : fill) - fill) ** 2;
  const sigma = Math.sqrt(ss / Math.max(c.values.length, 1));
  return { name: c.name, kind: 'numerical', fill, mu: fill, sigma: sigma || 1 };
}

function categoricalEncoder(c: Column): Encoder {
  const counts = new Map<string, number>();
  const n = c.kind === 'string' ? c.codes.length : c.values.length;
  let missing = 0;
  if (c.kind === 'string') {
    // Per code first: a Map lookup per dictionary entry, not per row.
    const perCode = new Float64Array(c.dictionary.length);
    for (let i = 0; i < n; i++) {
      const k = c.codes[i];
      if (k < 0) missing++;
      else perCode[k]++;
    }
    perCode.forEach((v, k) => {
      if (v) counts.set(c.dictionary[k], (counts.get(c.dictionary[k]) ?? 0) + v);
    });
  } else {
    for (let i = 0; i < n; i++) {
      const k = keyOf(c, i);
      if (k === null) missing++;
      else counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  // SimpleImputer(most_frequent): the most frequent value, the smallest on ties.
  let fill = '';
  let best = -1;
  for (const [k, v] of counts) if (v > best || (v === best && k < fill)) { fill = k; best = v; }
  counts.set(fill, (counts.get(fill) ?? 0) + missing);
  const freq = new Map([...counts].map(([k, v]) => [k, v / n]));
  let mu = 0;
  for (const [, f] of freq) mu += f * f; // mean of the encoded column: Σ share·share
  let ss = 0;
  for (const [, f] of freq) ss += f * n * (f - mu) ** 2;
  const sigma = Math.sqrt(ss / n);
  return { name: c.name, kind: 'categorical', fill, freq, mu, sigma: sigma || 1 };
}

/** Encodes rows of `table` (all, or `idx`) into standardised values, row-major n×d. */
export function encodeRows(encoders: Encoder[], table: Table, idx?: Int32Array): Float64Array {
  const by = new Map(table.columns.map((c) => [c.name, c]));
  const n = idx ? idx.length : table.rowCount;
  const d = encoders.length;
  const out = new Float64Array(n * d);
  encoders.forEach((e, j) => {
    const c = by.get(e.name)!;
    if (e.kind === 'numerical' && c.kind === 'number') {
      for (let r = 0; r < n; r++) {
        const v = c.values[idx ? idx[r] : r];
        out[r * d + j] = ((v - v === 0 ? v : e.fill) - e.mu) / e.sigma;
      }
    } else if (e.kind === 'categorical') {
      // Per dictionary entry once for text columns; numbers go through their string key.
      const perCode = c.kind === 'string' ? c.dictionary.map((s) => e.freq.get(s) ?? 0) : null;
      const fillFreq = e.freq.get(e.fill) ?? 0;
      for (let r = 0; r < n; r++) {
        const i = idx ? idx[r] : r;
        let f: number;
        if (perCode && c.kind === 'string') f = c.codes[i] < 0 ? fillFreq : perCode[c.codes[i]];
        else {
          const k = keyOf(c, i);
          f = k === null ? fillFreq : (e.freq.get(k) ?? 0);
        }
        out[r * d + j] = (f - e.mu) / e.sigma;
      }
    }
  });
  return out;
}

/**
 * Fits on the reference: `numerical` columns must be numbers; every other name is encoded as
 * categories. Throws nothing for constant columns (their scale is 1, as StandardScaler does).
 */
export function fitReconstruction(ref: Table, numerical: string[], categorical: string[]): ReconstructionModel {
  return fitWithErrors(ref, numerical, categorical, false).model;
}

/** Encoded reference values kept between fitting and scoring up to this many floats (64 MB). */
const KEEP_FLOATS = 8 << 20;

/** Fits and, with `score`, returns the reference's row errors too (each row encoded once when it fits in memory). */
export function fitWithErrors(ref: Table, numerical: string[], categorical: string[], score = true): { model: ReconstructionModel; errors: Float64Array | null } {
  const by = new Map(ref.columns.map((c) => [c.name, c]));
  const encoders: Encoder[] = [
    ...numerical.map((n) => numericEncoder(by.get(n) as Column & { kind: 'number' })),
    ...categorical.map((n) => categoricalEncoder(by.get(n)!)),
  ];
  const d = encoders.length;
  const keep = score && ref.rowCount * d <= KEEP_FLOATS;
  const kept: Float64Array[] = [];
  const acc = new CovarianceAccumulator(d);
  for (const idx of blocks(ref.rowCount)) {
    const rows = encodeRows(encoders, ref, idx);
    acc.add(rows, idx.length);
    if (keep) kept.push(rows);
  }
  const model = { encoders, pca: pcaFromCovariance(acc.mean, acc.covariance(), d, VARIANCE_SHARE) };
  if (!score) return { model, errors: null };
  if (!keep) return { model, errors: rowErrors(model, ref) };
  const errors = new Float64Array(ref.rowCount);
  const scratch = new Float64Array(d);
  let at = 0;
  for (const rows of kept) for (let r = 0; r < rows.length / d; r++) errors[at++] = reconstructionError(model.pca, rows, r * d, scratch);
  return { model, errors };
}

/** Rows encoded a block at a time keep memory flat (2 M rows × 100 columns would be 1.6 GB at once). */
const BLOCK = 1 << 16;

function* blocks(n: number, idx?: Int32Array): Generator<Int32Array> {
  for (let s = 0; s < n; s += BLOCK) {
    const e = Math.min(n, s + BLOCK);
    if (idx) yield idx.subarray(s, e);
    else {
      const b = new Int32Array(e - s);
      for (let i = 0; i < b.length; i++) b[i] = s + i;
      yield b;
    }
  }
}

/** Reconstruction error of every row of `table` (or of rows `idx`). */
export function rowErrors(model: ReconstructionModel, table: Table, idx?: Int32Array): Float64Array {
  const d = model.encoders.length;
  const n = idx ? idx.length : table.rowCount;
  const out = new Float64Array(n);
  const scratch = new Float64Array(d);
  let at = 0;
  for (const b of blocks(n, idx)) {
    const rows = encodeRows(model.encoders, table, b);
    for (let r = 0; r < b.length; r++) out[at++] = reconstructionError(model.pca, rows, r * d, scratch);
  }
  return out;
}

/** Mean of `errors` at `idx` (all when absent); NaN for no rows. */
export function meanAt(errors: Float64Array, idx?: Int32Array): number {
  if (!idx) {
    let s = 0;
    for (const e of errors) s += e;
    return s / errors.length;
  }
  let s = 0;
  for (const i of idx) s += errors[i];
  return s / idx.length;
}
