// The drift plan: ONE place that decides, from the two sets and the settings, each column's type,
// whether it is tested (and why not), the number locale and date order, and converts the columns
// to what the tests take. The CLI, the data worker and the report all go through it.
import { type Column, type NumberColumn, type StringColumn, type Table } from '../data/table.ts';
import { valueCounts, tokenFinding, typeColumn, type ColumnTyping } from './column-typing.ts';
import { parseDate, type DateOrder } from './sniff-date.ts';
import { describeLocale, parseLocaleNumber, sniffLocale, type LocaleEvidence, type NumberLocale } from './sniff-number.ts';
import type { DriftOptions, PlannedColumnInfo, QualityFinding, SemanticType } from './types.ts';

export interface DriftPlan {
  /** every column of both sets: shared ones first (reference order) */
  columns: PlannedColumnInfo[];
  quality: QualityFinding[];
  locale: { reference: LocaleEvidence; current: LocaleEvidence };
  onlyInReference: string[];
  onlyInCurrent: string[];
  /** shared datetime columns: candidates for the timeline */
  timeColumns: string[];
}

/**
 * The user's missing markers, applied to text values here too: CSV readers already read them as
 * missing, but JSON and Parquet strings are values until the settings say otherwise.
 */
function extraNa(na: string[] | undefined): ReadonlySet<string> | null {
  return na ? new Set(na.filter((m) => m !== '')) : null;
}

/** Number locale of one set: evidence from all its text columns, fixed parts from the settings. */
export function tableLocale(t: Table, opts: DriftOptions): LocaleEvidence {
  const na = extraNa(opts.na);
  const fixed: Partial<NumberLocale> = {};
  if (opts.decimal) fixed.decimal = opts.decimal;
  if (opts.thousands !== undefined) fixed.thousands = opts.thousands;
  const values = function* () {
    for (const c of t.columns) {
      if (c.kind !== 'string') continue;
      const vc = valueCounts(c, na);
      // A column whose first values are not number-like (dates, names) holds no locale evidence.
      if (vc.length > 200 && vc.slice(0, 200).filter(([v]) => NUMBER_START.test(v)).length < 100) continue;
      yield* vc;
    }
  };
  return sniffLocale(values(), fixed);
}

/** Text that could be a number: only digits, signs, separators and spaces. */
const NUMBER_START = /^\s*[-+]?[\d.,' \u00a0\u202f]+\s*$/;

const VERDICT_TYPES: ReadonlySet<SemanticType> = new Set(['numerical', 'categorical']);

function reasonFor(name: string, type: SemanticType, typing: ColumnTyping, overridden: boolean): string {
  if (type === 'datetime') {
    const fmt = typing.dates ? ` (${typing.dates.order})` : '';
    return `datetime${fmt}: left out of the verdict by default; use it as the timeline's time column, or set its type to numerical to test it (--kind ${name}=numerical)`;
  }
  if (overridden) return `set to ${type} in the settings: not tested`;
  return `${typing.why ?? type}: not tested; set its type to categorical to test it (--kind ${name}=categorical)`;
}

/** Plan the drift run: types, choices and exclusions for every column, and the quality findings of typing. */
export function planDrift(ref: Table, cur: Table, opts: DriftOptions = {}): DriftPlan {
  const locale = { reference: tableLocale(ref, opts), current: tableLocale(cur, opts) };
  const na = extraNa(opts.na);
  const curBy = new Map(cur.columns.map((c) => [c.name, c]));
  const refNames = new Set(ref.columns.map((c) => c.name));
  const chosen = opts.columns ? new Set(opts.columns) : null;
  const exclude = new Set([...(opts.exclude ?? []), ...(opts.timeline?.column ? [opts.timeline.column] : [])]);
  const columns: PlannedColumnInfo[] = [];
  const quality: QualityFinding[] = [];
  const timeColumns: string[] = [];
  for (const r of ref.columns) {
    const c = curBy.get(r.name);
    if (!c) continue;
    const override = opts.kinds?.[r.name];
    const typing = typeColumn(r, c, [locale.reference, locale.current], na, opts.dateFormats?.[r.name]);
    const type: SemanticType = override && override !== 'ignore' ? override : typing.inferred;
    if (type === 'datetime' && !typing.dates && r.kind === 'string') {
      // A datetime override on text that did not sniff as dates: parse what reads in any order.
      typing.dates = { order: opts.dateFormats?.[r.name] ?? 'iso', matched: 0, total: 0, dayFirst: 0, monthFirst: 0, ambiguous: true, evidence: 'set to datetime in the settings' };
    }
    if (typing.inferred === 'datetime' || type === 'datetime') timeColumns.push(r.name);
    let reason: string | null = null;
    if (override === 'ignore') reason = 'ignored in the settings';
    else if (exclude.has(r.name)) reason = "the timeline's time column";
    else if (chosen && !chosen.has(r.name)) reason = 'not chosen (--columns)';
    else if (!VERDICT_TYPES.has(type)) reason = reasonFor(r.name, type, typing, !!override);
    const tested = reason === null;
    if (tested && type === 'numerical') {
      const f = tokenFinding(r.name, typing.tokens);
      if (f) quality.push(f);
    }
    if (typing.dates?.ambiguous && (tested || typing.inferred === 'datetime')) {
      quality.push({ column: r.name, check: 'date-format', severity: 'warn', message: `dates in "${r.name}": ${typing.dates.evidence}`, details: { order: typing.dates.order, dayFirst: typing.dates.dayFirst, monthFirst: typing.dates.monthFirst } });
    }
    columns.push({
      name: r.name, inferred: typing.inferred, type, tested, reason,
      format: typing.dates?.order ?? null, evidence: typing.evidence ?? typing.why,
    });
  }
  const onlyInReference = ref.columns.map((c) => c.name).filter((n) => !curBy.has(n));
  const onlyInCurrent = cur.columns.map((c) => c.name).filter((n) => !refNames.has(n));
  return { columns, quality, locale, onlyInReference, onlyInCurrent, timeColumns };
}

/** Locale evidence of both sets in words (stored in the report). */
export function localeText(plan: DriftPlan): { reference: string; current: string } {
  return { reference: describeLocale(plan.locale.reference), current: describeLocale(plan.locale.current) };
}

function mapText(col: StringColumn, f: (s: string) => number, dtype: NumberColumn['dtype']): NumberColumn {
  const parsed = col.dictionary.map(f);
  const values = new Float64Array(col.codes.length);
  for (let i = 0; i < values.length; i++) values[i] = col.codes[i] < 0 ? NaN : parsed[col.codes[i]];
  return { name: col.name, kind: 'number', dtype, values };
}

/** A text column's values as numbers in `locale` (tokens and extra markers → NaN). */
export function asNumbers(col: Column, locale: NumberLocale, na: ReadonlySet<string> | null): Column {
  if (col.kind === 'number') return col;
  return mapText(col, (s) => (na?.has(s) ? NaN : parseLocaleNumber(s, locale) ?? NaN), 'float');
}

/** A column's values as timestamps (ms, UTC) in date `order`. */
export function asDates(col: Column, order: DateOrder): Column {
  if (col.kind === 'number') return col.dtype === 'datetime' ? col : { ...col, dtype: 'datetime' };
  return mapText(col, (s) => parseDate(s, order), 'datetime');
}

/** Categories with numbers and number-like text as one key: 3 and "3" are the same category. */
export function asCategories(col: Column, na: ReadonlySet<string> | null, other: Column): Column {
  if (col.kind === 'number' && other.kind === 'number') return col;
  if (col.kind === 'string' && other.kind === 'string' && !na) return col;
  const dict: string[] = [];
  const index = new Map<string, number>();
  const code = (k: string) => {
    let i = index.get(k);
    if (i === undefined) index.set(k, (i = dict.push(k) - 1));
    return i;
  };
  const canon = (s: string) => {
    const t = s.trim();
    const v = t === '' ? NaN : Number(t);
    return Number.isFinite(v) && other.kind === 'number' ? String(v) : s;
  };
  if (col.kind === 'number') {
    const codes = Int32Array.from(col.values, (v) => (v !== v ? -1 : code(col.dtype === 'bool' ? (v ? 'True' : 'False') : String(v))));
    return { name: col.name, kind: 'string', codes, dictionary: dict };
  }
  const map = col.dictionary.map((s) => (na?.has(s) ? -1 : code(canon(s))));
  return { name: col.name, kind: 'string', codes: Int32Array.from(col.codes, (c) => (c < 0 ? -1 : map[c])), dictionary: dict };
}

/**
 * Both sets' columns as the plan reads them: numerical ones as numbers (in each set's locale),
 * datetime ones as timestamps, categorical ones with one key per value. Untested columns other
 * than datetime ones are passed through unchanged.
 */
export function applyPlan(ref: Table, cur: Table, plan: DriftPlan, opts: DriftOptions = {}): { ref: Table; cur: Table } {
  const na = extraNa(opts.na);
  const byName = new Map(plan.columns.map((p) => [p.name, p]));
  const times = new Set([...(opts.exclude ?? []), ...(opts.timeline?.column ? [opts.timeline.column] : [])]);
  const convert = (t: Table, side: 'reference' | 'current', otherT: Table): Table => {
    const otherBy = new Map(otherT.columns.map((c) => [c.name, c]));
    const columns = t.columns.map((c) => {
      const p = byName.get(c.name);
      const o = otherBy.get(c.name);
      if (!p || !o) return c;
      const order = (p.format as DateOrder | null) ?? 'iso';
      // Dates are parsed only where they are used: the timeline's time column (or a datetime test).
      if (p.type === 'datetime') return times.has(c.name) ? asDates(c, order) : c;
      if (!p.tested) return c;
      if (p.type === 'numerical') return p.inferred === 'datetime' ? asDates(c, order) : asNumbers(c, plan.locale[side], na);
      return asCategories(c, na, o);
    });
    return { columns, rowCount: t.rowCount };
  };
  return { ref: convert(ref, 'reference', cur), cur: convert(cur, 'current', ref) };
}
