// All data-quality checks of a reference/current pair, in one call used by the CLI report and the
// data worker alike: schema first, then per column, then duplicate rows.
import type { Table } from '../../data/table.ts';
import { inferType } from '../typing.ts';
import type { KindOverride } from '../types.ts';
import { columnSetChecks, typeCheck } from './schema.ts';
import { constantCheck, missingShareCheck, newCategoriesCheck, rangeCheck } from './columns.ts';
import { duplicateCheck } from './duplicates.ts';
import type { QualityFinding } from './types.ts';

export type { QualityFinding, Severity } from './types.ts';
export { worstSeverity, severityCounts } from './types.ts';

export interface QualityOptions {
  /** columns checked one by one (default: all shared columns) */
  columns?: string[];
  kinds?: Record<string, KindOverride>;
  /** leave the duplicate-row check out (it hashes every row of both sets) */
  duplicates?: boolean;
}

/** Findings for the pair: every check's pass/warn/fail with the counts behind it. */
export function qualityChecks(ref: Table, cur: Table, opts: QualityOptions = {}): QualityFinding[] {
  const out = columnSetChecks(ref, cur);
  const refBy = new Map(ref.columns.map((c) => [c.name, c]));
  const curBy = new Map(cur.columns.map((c) => [c.name, c]));
  const names = (opts.columns ?? ref.columns.map((c) => c.name)).filter((n) => refBy.has(n) && curBy.has(n) && opts.kinds?.[n] !== 'ignore');
  for (const n of names) {
    const r = refBy.get(n)!;
    const c = curBy.get(n)!;
    out.push(typeCheck(n, r, c));
    out.push(missingShareCheck(n, r, c));
    out.push(constantCheck(n, r, c));
    const kind = opts.kinds?.[n] ?? inferType(r);
    if (kind === 'numerical' && r.kind === 'number' && c.kind === 'number' && r.dtype !== 'datetime' && c.dtype !== 'datetime') {
      out.push(rangeCheck(n, r.values, c.values));
    } else if (kind === 'categorical') out.push(newCategoriesCheck(n, r, c));
  }
  if (opts.duplicates !== false) out.push(duplicateCheck(ref, cur));
  return out;
}
