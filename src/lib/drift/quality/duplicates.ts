// Duplicate rows: rows equal in every column to an earlier row, counted through 53-bit row hashes
// in a hash set (at 10 M rows the chance of one colliding pair is ~6e-3; a collision counts one
// row too many). Text is hashed by value, so equal strings with different codes match.
import type { Table } from '../../data/table.ts';
import { graded, pct, type QualityFinding } from './types.ts';

/** Duplicate share may grow by this much (absolute) before a warning / a failure. */
export const DUP_WARN = 0.01;
export const DUP_FAIL = 0.05;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** 53-bit hash of every row (two independent 32-bit mixes). */
export function rowHashes(t: Table): Float64Array {
  const n = t.rowCount;
  const a = new Uint32Array(n).fill(0x9e3779b9);
  const b = new Uint32Array(n).fill(0x85ebca6b);
  for (const c of t.columns) {
    if (c.kind === 'number') {
      // The float's two 32-bit words read in place; -0 and every NaN first made canonical.
      const v = c.values;
      const words = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
      for (let i = 0; i < n; i++) {
        let lo: number;
        let hi: number;
        const x = v[i];
        if (x === 0 || x !== x) {
          f64[0] = x === 0 ? 0 : NaN;
          lo = u32[0];
          hi = u32[1];
        } else {
          lo = words[2 * i];
          hi = words[2 * i + 1];
        }
        a[i] = Math.imul(a[i] ^ lo, 0x01000193) ^ hi;
        b[i] = Math.imul(b[i] ^ hi, 0x5bd1e995) ^ (lo >>> 7);
      }
    } else {
      const hs = c.dictionary.map(strHash);
      for (let i = 0; i < n; i++) {
        const k = c.codes[i];
        const h = k < 0 ? 0x2545f491 : hs[k];
        a[i] = Math.imul(a[i] ^ h, 0x01000193);
        b[i] = Math.imul(b[i] ^ ((h << 13) | (h >>> 19)), 0x5bd1e995) ^ k;
      }
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (b[i] & 0x1fffff) * 4294967296 + a[i];
  return out;
}

/** Rows that repeat an earlier row (n − distinct rows), through an open-addressing set of row hashes. */
export function duplicateRows(t: Table): number {
  if (t.rowCount < 2 || t.columns.length === 0) return 0;
  const h = rowHashes(t);
  let size = 1;
  while (size < h.length * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Float64Array(size).fill(-1); // hashes are ≥ 0: −1 marks an empty slot
  let dup = 0;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    let at = (v % 4294967296) & mask;
    for (;;) {
      const s = slots[at];
      if (s === -1) {
        slots[at] = v;
        break;
      }
      if (s === v) {
        dup++;
        break;
      }
      at = (at + 1) & mask;
    }
  }
  return dup;
}

/** Share of duplicate rows in the current set against the reference's. */
export function duplicateCheck(ref: Table, cur: Table): QualityFinding {
  const dr = duplicateRows(ref);
  const dc = duplicateRows(cur);
  const sr = dr / Math.max(ref.rowCount, 1);
  const sc = dc / Math.max(cur.rowCount, 1);
  const severity = graded(sc - sr, DUP_WARN, DUP_FAIL);
  const message = `${dc} duplicate rows in the current set (${pct(sc)}), ${dr} in the reference (${pct(sr)})`;
  return { column: null, check: 'duplicate-rows', severity, message, details: { reference: dr, current: dc, referenceShare: sr, currentShare: sc } };
}
