// Column type inference (numerical, categorical, datetime, text, id-like) from a column's values.
// Informational by default — tests follow the storage type like drift_reference.py — and
// user-overridable per column.
import type { Column } from '../data/table.ts';
import type { SemanticType } from './types.ts';

const DATE_RE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const SAMPLE = 2000;

// A timeline infers the reference's types once per window: remember them per column.
const cache = new WeakMap<Column, SemanticType>();

/** Inferred semantic type of a column (looks at up to 2000 distinct values). */
export function inferType(col: Column): SemanticType {
  let t = cache.get(col);
  if (!t) cache.set(col, (t = infer(col)));
  return t;
}

function infer(col: Column): SemanticType {
  if (col.kind === 'number') {
    if (col.dtype === 'datetime') return 'datetime';
    if (col.dtype === 'bool') return 'categorical';
    if (col.dtype === 'int' && looksLikeRowId(col.values)) return 'id';
    return 'numerical';
  }
  const dict = col.dictionary;
  if (dict.length === 0) return 'categorical';
  const sample = dict.length > SAMPLE ? dict.slice(0, SAMPLE) : dict;
  let dates = 0;
  let spaced = 0;
  let totalLen = 0;
  for (const s of sample) {
    if (DATE_RE.test(s.trim()) && !Number.isNaN(Date.parse(s))) dates++;
    if (/\s/.test(s.trim())) spaced++;
    totalLen += s.length;
  }
  if (dates >= 0.9 * sample.length) return 'datetime';
  let present = 0;
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) present++;
  const uniqueRatio = present ? dict.length / present : 0;
  // Mostly distinct values (names, keys, comments): categories of one or two rows each test nothing.
  if (present > 20 && uniqueRatio > 0.5) {
    return spaced > 0.5 * sample.length || totalLen / sample.length > 40 ? 'text' : 'id';
  }
  return 'categorical';
}

/** An integer column counting up by one each row (0..n-1, 1..n, …) is a row id, not a feature. */
function looksLikeRowId(v: Float64Array): boolean {
  if (v.length < 20) return false;
  for (let i = 1; i < v.length; i++) if (v[i] !== v[i - 1] + 1) return false;
  return true;
}
