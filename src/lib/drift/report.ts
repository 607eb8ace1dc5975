// Dataset drift report: per-column drift for the columns both sets share (plus injected extra
// columns), planned in plan.ts, optional multiple-testing correction, and the verdict (drifted
// share >= 0.5). The CLI and the data worker both run prepareDrift → testPair → finishDrift.
import type { Column, Table } from '../data/table.ts';
import { DataFormatError } from '../data/table.ts';
import { correctPValues } from '../stats/corrections.ts';
import { columnDrift, isDrift, P_VALUE_TESTS } from './column-drift.ts';
import { applyPlan, localeText, planDrift, type DriftPlan } from './plan.ts';
import { settingsOf, type DriftSettings } from './settings.ts';
import type { ColumnReport, DatasetReport, DriftOptions, DriftReport, KindOverride, MultivariateReport, QualityFinding, ReportMeta } from './types.ts';
import { qualityChecks } from './quality/index.ts';
import { multivariateDrift } from './multivariate-drift.ts';
import { EDGEPROBE_VERSION } from '../version.ts';
import { DESCRIPTOR_ROLE, noteDescriptors, textDescriptorPairs } from './text-descriptors.ts';

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

/** One column pair to test. */
export interface DriftPair {
  name: string;
  role: string;
  ref: Column;
  cur: Column;
}

/** A drift run planned and its columns converted; `test` each pair, then `finish`. */
export interface PreparedDrift {
  plan: DriftPlan;
  /** both sets as the plan reads them (for the timeline) */
  ref: Table;
  cur: Table;
  pairs: DriftPair[];
  /** options for the tests: the plan's tested columns, the user's overrides */
  options: DriftOptions;
  /** the user's settings, as stored in the report */
  settings: DriftSettings;
}

/**
 * Plan a drift run (types, choices, exclusions: see plan.ts) and convert the columns. Unknown
 * requested columns raise DataFormatError naming them and the set that lacks them.
 */
export function prepareDrift(ref: Table, cur: Table, opts: DriftOptions = {}): PreparedDrift {
  const { shared } = sharedColumns(ref, cur);
  if (opts.columns) {
    const refNames = new Set(ref.columns.map((c) => c.name));
    const curNames = new Set(cur.columns.map((c) => c.name));
    const problems = opts.columns.flatMap((n) => [
      ...(refNames.has(n) ? [] : [`"${n}" is not in the reference set`]),
      ...(curNames.has(n) ? [] : [`"${n}" is not in the current set`]),
    ]);
    if (problems.length) throw new DataFormatError(`${problems.join('; ')}; shared columns: ${shared.join(', ')}`);
  }
  const plan = planDrift(ref, cur, opts);
  const tables = applyPlan(ref, cur, plan, opts);
  const refBy = new Map(tables.ref.columns.map((c) => [c.name, c]));
  const curBy = new Map(tables.cur.columns.map((c) => [c.name, c]));
  const tested = plan.columns.filter((p) => p.tested).map((p) => p.name);
  // Requested order first (as --columns lists them), else the reference's.
  const names = opts.columns ? opts.columns.filter((n) => tested.includes(n)) : tested;
  const pairs: DriftPair[] = names.map((n) => ({ name: n, role: 'feature', ref: refBy.get(n)!, cur: curBy.get(n)! }));
  // Free-text columns are not tested themselves (plan.ts) but their numeric descriptors are
  // (text-descriptors.ts), also when the column was not chosen; not when ignored or the time column.
  const text = plan.columns.filter((p) => p.type === 'text' && p.reason !== 'ignored in the settings' && p.reason !== "the timeline's time column");
  pairs.push(...textDescriptorPairs(text.map((p) => ({ name: p.name, ref: refBy.get(p.name)!, cur: curBy.get(p.name)! }))));
  for (const e of opts.extra ?? []) pairs.push({ name: e.name, role: e.role, ref: e.reference, cur: e.current });
  return { plan, ref: tables.ref, cur: tables.cur, pairs, options: { ...opts, columns: names }, settings: settingsOf(opts) };
}

/** Test one prepared pair (the column's type from the plan is kept in the report). */
export function testPair(prep: PreparedDrift, pair: DriftPair): ColumnReport {
  const o = prep.options;
  const r = columnDrift(pair.name, pair.ref, pair.cur, {
    test: o.stattest?.[pair.name], threshold: o.threshold?.[pair.name], kind: o.kinds?.[pair.name], role: pair.role, plots: o.plots,
  });
  const planned = pair.role === 'feature' ? prep.plan.columns.find((p) => p.name === pair.name) : undefined;
  if (planned) r.inferredType = planned.type;
  return r;
}

/** Date and version stamped on a report. */
export function reportMeta(now = new Date()): ReportMeta {
  return { generated: now.toISOString(), edgeprobe: EDGEPROBE_VERSION };
}

/**
 * What a report adds beside the per-column tests: the data-quality checks and the multivariate
 * signal over the tested feature columns `names`, on the tables as the plan reads them.
 */
export function reportExtras(ref: Table, cur: Table, names: string[], opts: DriftOptions & { types?: Record<string, KindOverride> } = {}): { quality: QualityFinding[]; multivariate: MultivariateReport | null } {
  const kinds = { ...(opts.types ?? {}), ...(opts.kinds ?? {}) };
  return {
    quality: opts.quality === false ? [] : qualityChecks(ref, cur, { columns: names, kinds }),
    multivariate: opts.multivariate === false ? null : multivariateDrift(ref, cur, names, kinds).report,
  };
}

/** The report from the tested columns: verdict, plan, exclusions, quality findings and settings. */
export function finishDrift(prep: PreparedDrift, ref: Table, cur: Table, columns: ColumnReport[], computeMs: number): DriftReport {
  const { plan, options } = prep;
  noteDescriptors(columns);
  const dataset = datasetVerdict(columns, options);
  const features = prep.pairs.filter((p) => p.role === 'feature').map((p) => p.name);
  const types = Object.fromEntries(plan.columns.map((p) => [p.name, p.type]));
  const extras = reportExtras(prep.ref, prep.cur, features, { ...options, types });
  return {
    columns, dataset, rows: { reference: ref.rowCount, current: cur.rowCount },
    mismatches: { onlyInReference: plan.onlyInReference, onlyInCurrent: plan.onlyInCurrent },
    plan: plan.columns,
    excluded: plan.columns.filter((p) => !p.tested).map((p) => ({ name: p.name, type: p.type, reason: p.reason! })),
    quality: [...plan.quality, ...extras.quality],
    multivariate: extras.multivariate,
    locale: localeText(plan),
    settings: prep.settings,
    timing: { computeMs },
    meta: reportMeta(),
  };
}

/** Drift of `cur` against `ref`: prepareDrift, every pair tested, finishDrift. */
export function driftReport(ref: Table, cur: Table, opts: DriftOptions = {}): DriftReport {
  const t0 = performance.now();
  const prep = prepareDrift(ref, cur, opts);
  const columns = prep.pairs.map((p) => testPair(prep, p));
  return finishDrift(prep, ref, cur, columns, performance.now() - t0);
}
