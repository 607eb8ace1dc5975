// Data-quality findings reported beside drift (as Evidently's TestSuite does): one finding per
// check and column, pass/warn/fail, with the counts behind it. Same shape as typing's findings.

import type { QualityFinding } from '../types.ts';
import { formatPct } from '../../format.ts';

/**
 * One data-quality result (the report's contract, shared with typing's findings). `column` is null
 * for checks over whole rows (duplicates); check ids here: column-missing, column-added,
 * type-mismatch, missing-share, new-categories, out-of-range, duplicate-rows, constant-column.
 */
export type { QualityFinding };
export type Severity = QualityFinding['severity'];

const RANK: Record<Severity, number> = { pass: 0, warn: 1, fail: 2 };

/** The worst severity of a list (pass when empty). */
export function worstSeverity(findings: readonly QualityFinding[]): Severity {
  let worst: Severity = 'pass';
  for (const f of findings) if (RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

/** Counts per severity. */
export function severityCounts(findings: readonly QualityFinding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { pass: 0, warn: 0, fail: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Severity from a share and two limits: pass at or below `warnAbove`, fail above `failAbove`. */
export function graded(value: number, warnAbove: number, failAbove: number): Severity {
  return value > failAbove ? 'fail' : value > warnAbove ? 'warn' : 'pass';
}

/** Percent text of a share 0..1 with up to two decimals ("0.5%", "12%"). */
export const pct = (share: number): string => formatPct(share);
