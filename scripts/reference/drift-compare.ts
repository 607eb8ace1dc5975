// Field-by-field comparison of an edgeprobe drift report with the Python reference's, with the
// tolerances the parity test and `npm run test:reference` share.

/** One column as both reports write it (infinities as "Infinity" strings). */
export interface RefColumn {
  name: string;
  kind: string;
  test: string;
  statistic: number | string;
  pValue: number | null;
  threshold: number;
  drift: boolean;
  /** the reference's decile PSI (drift_reference.py names it psi) */
  psi?: number | string;
  /** edgeprobe's name for the same decile PSI (its `psi` test is Evidently's psi) */
  psiDeciles?: number | string | null;
  missingRef: number;
  missingCur: number;
}

export interface RefReport {
  columns: RefColumn[];
  dataset: { driftShare: number; drifted: boolean; threshold: number };
}

const num = (v: number | string | null | undefined): number | null | undefined =>
  v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : (v as number | null | undefined);

/** Statistics: relative error ≤ 1e-9 (exact for 0 and ±Infinity). */
function sameStat(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(b) || b === 0) return false;
  return Math.abs(a - b) <= 1e-9 * Math.abs(b);
}

/** p-values: absolute error ≤ 1e-12 or relative ≤ 1e-6 (SciPy's exact and asymptotic KS paths). */
function sameP(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  const d = Math.abs(a - b);
  return d <= 1e-12 || d <= 1e-6 * Math.abs(b);
}

/** Every difference between `ours` and the reference `expected`, as readable lines; [] when they agree. */
export function driftReportDifferences(ours: RefReport, expected: RefReport, label = ''): string[] {
  const out: string[] = [];
  const at = (col: string, field: string, a: unknown, b: unknown) => out.push(`${label}${col}.${field}: ${String(a)} vs reference ${String(b)}`);
  const names = (r: RefReport) => r.columns.map((c) => c.name).join(',');
  if (names(ours) !== names(expected)) out.push(`${label}columns: ${names(ours)} vs reference ${names(expected)}`);
  for (const e of expected.columns) {
    const o = ours.columns.find((c) => c.name === e.name);
    if (!o) continue;
    for (const f of ['kind', 'test', 'threshold', 'drift'] as const) if (o[f] !== e[f]) at(e.name, f, o[f], e[f]);
    if (!sameStat(num(o.statistic), num(e.statistic))) at(e.name, 'statistic', o.statistic, e.statistic);
    if (!sameP(o.pValue, e.pValue)) at(e.name, 'pValue', o.pValue, e.pValue);
    if (e.psi !== undefined && !sameStat(num(o.psiDeciles ?? o.psi), num(e.psi))) at(e.name, 'psi (deciles)', o.psiDeciles ?? o.psi, e.psi);
    for (const f of ['missingRef', 'missingCur'] as const) if (Math.abs(o[f] - e[f]) > 1e-12) at(e.name, f, o[f], e[f]);
  }
  if (ours.dataset.drifted !== expected.dataset.drifted) at('dataset', 'drifted', ours.dataset.drifted, expected.dataset.drifted);
  if (Math.abs(ours.dataset.driftShare - expected.dataset.driftShare) > 1e-12) at('dataset', 'driftShare', ours.dataset.driftShare, expected.dataset.driftShare);
  return out;
}
