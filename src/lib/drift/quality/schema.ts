// Schema checks: columns present in only one set, and columns stored or typed differently.
import type { Column, Table } from '../../data/table.ts';
import { inferType } from '../typing.ts';
import type { QualityFinding } from './types.ts';

const storage = (c: Column) => (c.kind === 'number' ? (c.dtype === 'datetime' ? 'datetime' : 'numbers') : 'text');

/**
 * Columns of the reference missing from the current set (fail: a model input is gone), columns
 * only in the current set (warn), and a pass when both sets have the same columns.
 */
export function columnSetChecks(ref: Table, cur: Table): QualityFinding[] {
  const curNames = new Set(cur.columns.map((c) => c.name));
  const refNames = new Set(ref.columns.map((c) => c.name));
  const out: QualityFinding[] = [];
  for (const c of ref.columns) {
    if (!curNames.has(c.name)) out.push({ column: c.name, check: 'column-missing', severity: 'fail', message: `"${c.name}" is in the reference but missing from the current set`, details: {} });
  }
  for (const c of cur.columns) {
    if (!refNames.has(c.name)) out.push({ column: c.name, check: 'column-added', severity: 'warn', message: `"${c.name}" is new in the current set (not in the reference)`, details: {} });
  }
  if (!out.length) out.push({ column: null, check: 'column-set', severity: 'pass', message: `both sets have the same ${ref.columns.length} columns`, details: { columns: ref.columns.length } });
  return out;
}

/** Storage (numbers/text/datetime) or inferred type differing between the sets: fail. */
export function typeCheck(name: string, ref: Column, cur: Column): QualityFinding {
  const rs = storage(ref);
  const cs = storage(cur);
  if (rs !== cs) {
    return { column: name, check: 'type-mismatch', severity: 'fail', message: `${rs} in the reference, ${cs} in the current set`, details: { reference: rs, current: cs } };
  }
  const rt = inferType(ref);
  const ct = inferType(cur);
  if (rt !== ct) {
    return { column: name, check: 'type-mismatch', severity: 'warn', message: `looks ${rt} in the reference but ${ct} in the current set`, details: { reference: rt, current: ct } };
  }
  return { column: name, check: 'type-mismatch', severity: 'pass', message: `${rs} (${rt}) in both sets`, details: { reference: rt, current: ct } };
}
