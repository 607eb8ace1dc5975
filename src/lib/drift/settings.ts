// Drift settings as stored in a report and loaded again (`--settings report.json`, the app's
// "Load settings"): the JSON-able part of DriftOptions, normalised so the app and the CLI write
// the same object for the same choices, and validated on the way in.
import { DataFormatError } from '../data/table.ts';
import type { Correction } from '../stats/corrections.ts';
import { DATE_ORDERS, type DateOrder } from './sniff-date.ts';
import type { DecimalSep, ThousandsSep } from './sniff-number.ts';
import type { Window } from './windows.ts';
import type { DriftOptions, DriftSettings, KindOverride, TestName } from './types.ts';

export type { DriftSettings };

export const TESTS: readonly TestName[] = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'];
export const KINDS: readonly KindOverride[] = ['numerical', 'categorical', 'datetime', 'text', 'id', 'ignore'];
const CORRECTIONS: readonly Correction[] = ['none', 'bonferroni', 'bh'];
const THOUSANDS: readonly ThousandsSep[] = ['', ',', '.', ' ', "'"];

/** Sorted copy of a record (stable JSON for equal choices made in any order). */
function sorted<T>(r: Record<string, T> | undefined): Record<string, T> {
  return Object.fromEntries(Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The settings of a set of options (defaults filled in). */
export function settingsOf(opts: DriftOptions): DriftSettings {
  return {
    columns: opts.columns ? [...opts.columns] : null,
    kinds: sorted(opts.kinds), dateFormats: sorted(opts.dateFormats), stattest: sorted(opts.stattest), threshold: sorted(opts.threshold),
    correction: opts.correction ?? 'none', datasetThreshold: opts.datasetThreshold ?? 0.5,
    decimal: opts.decimal ?? null, thousands: opts.thousands ?? null, na: opts.na ? [...opts.na] : null,
    timeline: opts.timeline ?? null,
  };
}

/** Options from settings (what driftReport takes). */
export function optionsOf(s: DriftSettings): DriftOptions {
  return {
    columns: s.columns ?? undefined, kinds: { ...s.kinds }, dateFormats: { ...s.dateFormats }, stattest: { ...s.stattest },
    threshold: { ...s.threshold }, correction: s.correction, datasetThreshold: s.datasetThreshold,
    decimal: s.decimal ?? undefined, thousands: s.thousands ?? undefined, na: s.na ?? undefined, timeline: s.timeline,
    exclude: s.timeline?.column ? [s.timeline.column] : [],
  };
}

function bad(what: string): never {
  throw new DataFormatError(`settings: ${what}`);
}

function record<T>(v: unknown, key: string, check: (x: unknown, col: string) => T): Record<string, T> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) bad(`"${key}" must be an object of column: value`);
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, check(x, k)]));
}

/**
 * Settings from JSON: a drift report (its `settings`) or a bare settings object. Missing fields
 * take their defaults; wrong ones raise DataFormatError naming the field and what is valid.
 */
export function parseSettings(json: unknown): DriftSettings {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) bad('expected a drift report or a settings object');
  const o = ((json as { settings?: unknown }).settings ?? json) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) bad('"settings" must be an object');
  const columns = o.columns === undefined || o.columns === null ? null
    : Array.isArray(o.columns) && o.columns.every((c) => typeof c === 'string') ? (o.columns as string[]) : bad('"columns" must be a list of column names or null');
  const kinds = record(o.kinds, 'kinds', (x, c) => (KINDS.includes(x as KindOverride) ? (x as KindOverride) : bad(`kind of "${c}" must be one of ${KINDS.join(', ')}`)));
  const dateFormats = record(o.dateFormats, 'dateFormats', (x, c) => (DATE_ORDERS.includes(x as DateOrder) ? (x as DateOrder) : bad(`date format of "${c}" must be one of ${DATE_ORDERS.join(', ')}`)));
  const stattest = record(o.stattest, 'stattest', (x, c) => (TESTS.includes(x as TestName) ? (x as TestName) : bad(`test of "${c}" must be one of ${TESTS.join(', ')}`)));
  const threshold = record(o.threshold, 'threshold', (x, c) => (typeof x === 'number' && x >= 0 ? x : bad(`threshold of "${c}" must be a number ≥ 0`)));
  const correction = (o.correction ?? 'none') as Correction;
  if (!CORRECTIONS.includes(correction)) bad(`"correction" must be one of ${CORRECTIONS.join(', ')}`);
  const datasetThreshold = o.datasetThreshold ?? 0.5;
  if (typeof datasetThreshold !== 'number' || !(datasetThreshold > 0 && datasetThreshold <= 1)) bad('"datasetThreshold" must be a number in (0, 1]');
  const decimal = o.decimal ?? null;
  if (decimal !== null && decimal !== '.' && decimal !== ',') bad('"decimal" must be "." or ","');
  const thousands = o.thousands ?? null;
  if (thousands !== null && !THOUSANDS.includes(thousands as ThousandsSep)) bad(`"thousands" must be one of ${THOUSANDS.map((t) => JSON.stringify(t)).join(', ')}`);
  const na = o.na === undefined || o.na === null ? null
    : Array.isArray(o.na) && o.na.every((c) => typeof c === 'string') ? (o.na as string[]) : bad('"na" must be a list of strings');
  let timeline: DriftSettings['timeline'] = null;
  if (o.timeline) {
    const t = o.timeline as { column?: unknown; window?: unknown };
    const w = t.window;
    if (!(w === 'day' || w === 'week' || w === 'month' || (typeof w === 'number' && Number.isInteger(w) && w > 0))) bad('"timeline.window" must be day, week, month or a number of rows');
    if (t.column !== null && t.column !== undefined && typeof t.column !== 'string') bad('"timeline.column" must be a column name or null');
    timeline = { column: (t.column as string | undefined) ?? null, window: w as Window };
  }
  return {
    columns, kinds: sorted(kinds), dateFormats: sorted(dateFormats), stattest: sorted(stattest), threshold: sorted(threshold),
    correction, datasetThreshold, decimal: decimal as DecimalSep | null, thousands: thousands as ThousandsSep | null, na, timeline,
  };
}
