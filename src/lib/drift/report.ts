// Dataset drift report: per-column drift for the columns both sets share (plus injected extra
// columns), optional multiple-testing correction, and the verdict (drifted share >= 0.5).
import type { Column, Table } from '../data/table.ts';
import { DataFormatError } from '../data/table.ts';
import { correctPValues } from '../stats/corrections.ts';
import { columnDrift, isDrift, P_VALUE_TESTS } from './column-drift.ts';
import type { ColumnReport, DatasetReport, DriftOptions, DriftReport } from './types.ts';
import { DESCRIPTOR_ROLE, noteDescriptors, sharedTextDescriptors } from './text-descriptors.ts';

/** Column names in both tables (reference order), and those present in only one. */
export function sharedColumns(ref: Table, cur: Table): { shared: string[]; onlyInReference: string[]; onlyInCurrent: string[] } {
  const curNames = new Set(cur.columns.map((c) => c.name));
  const refNames = new Set(ref.columns.map((c) => c.name));
  return {
    shared: ref.columns.map((c) => c.name).filter((n) => curNames.has(n)),
    onlyInReference: ref.columns.map((c) => c.name).filter((n) => !curNames.has(n)),
    onlyInCurrent: cur.columns.map((c) => c.name).filter((n) => !refNames.has(n)),
  };
}

/** Apply the correction to p-value tests and recompute their verdicts; returns the dataset verdict. */
export function datasetVerdict(columns: ColumnReport[], opts: DriftOptions): DatasetReport {
  const correction = opts.correction ?? 'none';
  const pIdx = columns.map((c, i) => (c.test && P_VALUE_TESTS.has(c.test) ? i : -1)).filter((i) => i >= 0);
  const adjusted = correctPValues(pIdx.map((i) => columns[i].pValue!), correction);
  pIdx.forEach((ci, k) => {
    const c = columns[ci];
    c.pValueAdjusted = adjusted[k];
    c.drift = isDrift(c.test!, adjusted[k], c.threshold!);
  });
  // Text descriptors are reported and tested but kept out of the share, so the verdict stays the
  // reference algorithm's over the columns themselves (Evidently reports descriptor drift apart too).
  const tested = columns.filter((c) => c.test !== null && c.role !== DESCRIPTOR_ROLE);
  const nDrifted = tested.filter((c) => c.drift).length;
  const threshold = opts.datasetThreshold ?? 0.5;
  const driftShare = tested.length ? nDrifted / tested.length : 0;
  return { driftShare, drifted: tested.length > 0 && driftShare >= threshold, threshold, nColumns: columns.length,
    nTested: tested.length, nDrifted, correction };
}

/**
 * Drift of `cur` against `ref`. Columns: opts.columns, else all shared ones (minus exclusions and
 * 'ignore' overrides). Unknown requested columns raise DataFormatError naming them and the set
 * that lacks them.
 */
export function driftReport(ref: Table, cur: Table, opts: DriftOptions = {}): DriftReport {
  const t0 = performance.now();
  const { shared, onlyInReference, onlyInCurrent } = sharedColumns(ref, cur);
  const refBy = new Map(ref.columns.map((c) => [c.name, c]));
  const curBy = new Map(cur.columns.map((c) => [c.name, c]));
  let names = opts.columns ?? shared;
  if (opts.columns) {
    const problems = opts.columns.flatMap((n) => [
      ...(refBy.has(n) ? [] : [`"${n}" is not in the reference set`]),
      ...(curBy.has(n) ? [] : [`"${n}" is not in the current set`]),
    ]);
    if (problems.length) throw new DataFormatError(`${problems.join('; ')}; shared columns: ${shared.join(', ')}`);
  }
  const exclude = new Set(opts.exclude ?? []);
  names = names.filter((n) => !exclude.has(n) && opts.kinds?.[n] !== 'ignore');
  const pairs: { name: string; role: string; ref: Column; cur: Column }[] = names.map((n) => ({
    name: n, role: 'feature', ref: refBy.get(n)!, cur: curBy.get(n)!,
  }));
  // Every shared free-text column gets numeric descriptors (length, words, unseen words,
  // non-letters), even when the column itself is not tested (the app leaves text out by default).
  pairs.push(...sharedTextDescriptors(ref, cur, opts.kinds, exclude));
  for (const e of opts.extra ?? []) pairs.push({ name: e.name, role: e.role, ref: e.reference, cur: e.current });
  const columns = pairs.map((p) =>
    columnDrift(p.name, p.ref, p.cur, {
      test: opts.stattest?.[p.name], threshold: opts.threshold?.[p.name], kind: opts.kinds?.[p.name],
      role: p.role, plots: opts.plots,
    }),
  );
  noteDescriptors(columns);
  const dataset = datasetVerdict(columns, opts);
  return {
    columns, dataset, rows: { reference: ref.rowCount, current: cur.rowCount },
    mismatches: { onlyInReference, onlyInCurrent },
    timing: { computeMs: performance.now() - t0 },
  };
}
