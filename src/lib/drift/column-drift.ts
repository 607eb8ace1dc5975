// Drift of one column: choose the test as Evidently's defaults (and drift_reference.py) do, run
// it, and add PSI, missing-rate shift, unseen-category share and plot data.
import type { Column } from '../data/table.ts';
import { ks2sampSorted, ksStatisticSorted } from '../stats/ks.ts';
import { chiSquare } from '../stats/chi2.ts';
import { twoProportionZ } from '../stats/ztest.ts';
import { normalizedWassersteinSorted } from '../stats/wasserstein.ts';
import { jensenShannon } from '../stats/jensenshannon.ts';
import { psiSorted } from '../stats/psi.ts';
import { evidentlyPsi } from '../stats/psi-evidently.ts';
import { histogramSorted, sturgesEdges } from '../stats/histogram.ts';
import { categoricalSides, firstKeyIndex, numericSides, textToNumbers, type CategoricalSides, type NumericSides } from './prepare.ts';
import { categoryPlot, ecdfPlot, histogramPlot } from './plots.ts';
import { inferType } from './typing.ts';
import { chiSquareWarnings, smallSampleWarning, unseenCategories } from './warnings.ts';
import type { ColumnReport, KindOverride, SemanticType, TestName } from './types.ts';

/** Default thresholds: p-value tests 0.05, distances 0.1. */
export const DEFAULT_THRESHOLD: Record<TestName, number> = {
  ks: 0.05, chisquare: 0.05, z: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.1,
};

/** Tests that return a p-value (drift when p is small) rather than a distance. */
export const P_VALUE_TESTS: ReadonlySet<TestName> = new Set(['ks', 'chisquare', 'z']);
const NUMERIC_ONLY: ReadonlySet<TestName> = new Set(['ks', 'wasserstein']);

/**
 * Evidently's default test: reference <= 1000 rows: KS (numerical, > 5 distinct over both sets),
 * else chi-square (> 2 distinct), else z; larger references: normalised Wasserstein (numerical,
 * > 5 distinct), else Jensen–Shannon.
 */
export function defaultTest(numeric: boolean, nRef: number, distinct: number): TestName {
  if (nRef <= 1000) {
    if (numeric && distinct > 5) return 'ks';
    return distinct > 2 ? 'chisquare' : 'z';
  }
  return numeric && distinct > 5 ? 'wasserstein' : 'jensenshannon';
}

/** Drift decision: KS at p <= threshold, chi-square and z at p < threshold, distances at >= threshold. */
export function isDrift(test: TestName, value: number, threshold: number): boolean {
  if (test === 'ks') return value <= threshold;
  if (test === 'chisquare' || test === 'z') return value < threshold;
  return value >= threshold;
}

export interface ColumnDriftOptions {
  test?: TestName;
  threshold?: number;
  kind?: KindOverride;
  role?: string;
  plots?: boolean;
}

function numericCategorical(s: NumericSides): CategoricalSides {
  // Categories of a numerical column (few distinct values): run-lengths of the sorted samples.
  const keys = new Map<number, { ref: number; cur: number }>();
  for (const [arr, side] of [[s.ref, 'ref'], [s.cur, 'cur']] as const) {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i] === 0 ? 0 : arr[i];
      let e = keys.get(v);
      if (!e) keys.set(v, (e = { ref: 0, cur: 0 }));
      e[side]++;
    }
  }
  const names = [...keys.keys()].map(String);
  return { keys: names, first: firstKeyIndex(names), refCounts: Float64Array.from(keys.values(), (e) => e.ref),
    curCounts: Float64Array.from(keys.values(), (e) => e.cur), nRef: s.ref.length, nCur: s.cur.length,
    refRows: s.refRows, curRows: s.curRows, refDistinct: s.refDistinct };
}

/**
 * Shares binned as Evidently's get_binned_data (Jensen–Shannon and psi): Sturges bins over the
 * pooled range when the reference has > 20 distinct numbers, else one bin per category.
 */
function binnedShares(num: NumericSides | null, cat: CategoricalSides | null): [Float64Array, Float64Array] {
  if (num && num.refDistinct > 20) {
    const lo = Math.min(num.ref[0], num.cur[0]);
    const hi = Math.max(num.ref[num.ref.length - 1], num.cur[num.cur.length - 1]);
    const edges = sturgesEdges(lo, hi, num.ref.length + num.cur.length);
    const r = histogramSorted(num.ref, edges).map((c) => c / num.ref.length);
    const c = histogramSorted(num.cur, edges).map((x) => x / num.cur.length);
    return [r, c];
  }
  return [cat!.refCounts.map((x) => x / cat!.nRef), cat!.curCounts.map((x) => x / cat!.nCur)];
}

/** Report for one reference/current column pair. */
export function columnDrift(name: string, refCol: Column, curCol: Column, opts: ColumnDriftOptions = {}): ColumnReport {
  let inferred: SemanticType = inferType(refCol);
  if (opts.kind && opts.kind !== 'ignore') inferred = opts.kind;
  let ref = refCol;
  let cur = curCol;
  if (opts.kind === 'numerical' || opts.kind === 'datetime') {
    ref = textToNumbers(refCol, opts.kind === 'datetime');
    cur = textToNumbers(curCol, opts.kind === 'datetime');
  }
  const forceCategorical = opts.kind === 'categorical' || opts.kind === 'text' || opts.kind === 'id';
  const numeric = ref.kind === 'number' && cur.kind === 'number' && !forceCategorical;
  const num = numeric ? numericSides(ref as never, cur as never) : null;
  const lazyCat = (): CategoricalSides => (num ? (num.distinct <= 1000 ? categoricalSides(ref, cur, true) : numericCategorical(num)) : categoricalSides(ref, cur, false));
  let cat: CategoricalSides | null = num ? null : lazyCat();
  const nRef = num ? num.ref.length : cat!.nRef;
  const nCur = num ? num.cur.length : cat!.nCur;
  const refRows = num ? num.refRows : cat!.refRows;
  const curRows = num ? num.curRows : cat!.curRows;
  const missingRef = 1 - nRef / Math.max(refRows, 1);
  const missingCur = 1 - nCur / Math.max(curRows, 1);
  const distinct = num ? num.distinct : cat!.keys.length;
  const out: ColumnReport = {
    name, kind: numeric ? 'numerical' : 'categorical', inferredType: inferred, role: opts.role ?? 'feature',
    test: null, statistic: null, pValue: null, pValueAdjusted: null, threshold: null, drift: false,
    psiDeciles: null, psiDecileEdges: null, missingRef, missingCur, missingShift: missingCur - missingRef,
    unseenShare: null, nRef, nCur, distinct,
  };
  if (num && nRef > 0 && nCur > 0) {
    const p = psiSorted(num.ref, num.cur);
    out.psiDeciles = p.value;
    out.psiDecileEdges = p.edges;
  }
  if (!num && nCur > 0) {
    let unseen = 0;
    for (let i = 0; i < cat!.keys.length; i++) if (cat!.refCounts[i] === 0) unseen += cat!.curCounts[i];
    out.unseenShare = unseen / nCur;
  }
  if (ref.kind !== cur.kind) {
    out.note = `${ref.kind === 'number' ? 'numbers' : 'text'} in the reference, ${cur.kind === 'number' ? 'numbers' : 'text'} in the current set: tested as categories`;
  }
  const isDatetime = (c: Column) => c.kind === 'number' && c.dtype === 'datetime';
  if ((isDatetime(ref) || isDatetime(cur)) && opts.kind !== 'numerical' && opts.kind !== 'categorical') {
    out.reason = 'datetime column: not tested by default (use it as the time column of a timeline, or --kind col=numerical)';
    return out;
  }
  if (nRef === 0 || nCur === 0) {
    out.reason = refRows === 0 ? 'the reference set has no rows' : curRows === 0 ? 'the current set has no rows'
      : nRef === 0 ? 'all reference values are missing' : 'all current values are missing';
    return out;
  }
  const small = smallSampleWarning(nRef, nCur);
  if (small) out.warnings = [small];
  const test = opts.test ?? defaultTest(numeric, nRef, distinct);
  if (NUMERIC_ONLY.has(test) && !num) {
    out.reason = `test '${test}' needs a numerical column; '${name}' is categorical`;
    return out;
  }
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD[test];
  out.test = test;
  out.threshold = threshold;
  if (test === 'ks') {
    const r = ks2sampSorted(num!.ref, num!.cur);
    out.statistic = r.statistic;
    out.pValue = r.pValue;
  } else if (test === 'wasserstein') {
    out.statistic = normalizedWassersteinSorted(num!.ref, num!.cur);
  } else if (test === 'psi') {
    if (!(num && num.refDistinct > 20)) cat ??= lazyCat();
    const [r, c] = binnedShares(num, cat);
    out.statistic = evidentlyPsi(r, c);
  } else {
    cat ??= lazyCat();
    if (test === 'chisquare') {
      const r = chiSquare(cat.refCounts, cat.curCounts);
      out.statistic = r.statistic;
      out.pValue = r.pValue;
      out.unseenCategories = unseenCategories(cat);
      const w = chiSquareWarnings(cat, out.unseenCategories);
      if (w.length) out.warnings = [...(out.warnings ?? []), ...w];
    } else if (test === 'z') {
      // Share of the first category in sorted order, as Evidently and drift_reference.py do.
      const r = twoProportionZ(cat.refCounts[cat.first], cat.nRef, cat.curCounts[cat.first], cat.nCur);
      out.statistic = r.statistic;
      out.pValue = r.pValue;
    } else {
      const [r, c] = binnedShares(num, cat);
      out.statistic = jensenShannon(r, c);
    }
  }
  out.pValueAdjusted = out.pValue;
  out.drift = isDrift(test, P_VALUE_TESTS.has(test) ? out.pValue! : out.statistic!, threshold);
  if (opts.plots !== false) {
    if (num) {
      out.histogram = histogramPlot(num.ref, num.cur);
      const ks = ksStatisticSorted(num.ref, num.cur);
      out.ecdf = ecdfPlot(num.ref, num.cur, ks.d, ks.location);
    } else {
      out.categories = categoryPlot(cat!);
    }
  }
  return out;
}
