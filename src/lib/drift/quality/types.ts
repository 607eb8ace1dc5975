// Data-quality findings reported beside drift (as Evidently's TestSuite does): one finding per
// check and column, pass/warn/fail, with the counts behind it. Same shape as typing's findings.

export type Severity = 'pass' | 'warn' | 'fail';

/** One data-quality result. `column` is null for checks over whole rows (duplicates). */
export interface QualityFinding {
  column: string | null;
  /** check id: column-missing, column-added, type-mismatch, missing-share, new-categories, out-of-range, duplicate-rows, constant-column, … */
  check: string;
  severity: Severity;
  message: string;
  /** the numbers behind the verdict (shares are 0..1, counts are rows) */
  details: Record<string, unknown>;
}

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
export function pct(share: number): string {
  const p = share * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : Number(p.toPrecision(2))}%`;
}
