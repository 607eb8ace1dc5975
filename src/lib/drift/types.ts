// Plain-data types of a drift report (the JSON contract of `edgeprobe drift --json`) and its options.
import type { Correction } from '../stats/corrections.ts';
import type { Column } from '../data/table.ts';
import type { Band } from './bands.ts';

/** Statistical tests available per column. */
export type TestName = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

/** How a column is tested: numerically (ordered values) or as categories. */
export type TestKind = 'numerical' | 'categorical';

/** What a column looks like (inferred, or overridden by the user). */
export type SemanticType = 'numerical' | 'categorical' | 'datetime' | 'text' | 'id';

/** Override of a column's treatment: a semantic type, or 'ignore' to leave it out. */
export type KindOverride = SemanticType | 'ignore';

/** Histogram of both sets on shared bin edges (numerical columns). */
export interface HistogramPlot {
  edges: number[];
  ref: number[];
  cur: number[];
}

/** Both ECDFs evaluated at up to ~100 pooled points; the KS distance and where it occurs. */
export interface EcdfPlot {
  x: number[];
  ref: number[];
  cur: number[];
  ksDistance: number;
  ksLocation: number;
}

/** Category counts of both sets (most frequent first; the rest summed in `other`). */
export interface CategoryPlot {
  categories: { key: string; ref: number; cur: number }[];
  other: { ref: number; cur: number };
}

/** One column's result. `test` is null when the column was not tested; `reason` says why. */
export interface ColumnReport {
  name: string;
  kind: TestKind;
  inferredType: SemanticType;
  /** 'feature' for table columns; callers may inject e.g. 'prediction' columns */
  role: string;
  test: TestName | null;
  statistic: number | null;
  /** null for distance tests (and for columns not tested) */
  pValue: number | null;
  /** p-value after the multiple-testing correction (equals pValue when none) */
  pValueAdjusted: number | null;
  threshold: number | null;
  drift: boolean;
  /** why the column was not tested */
  reason?: string;
  /** remarks such as a storage-type mismatch between the two sets */
  note?: string;
  /** why the result deserves caution: small samples, chi-square expected counts below 5, unseen categories */
  warnings?: string[];
  /** current categories absent from the reference, most frequent first (chi-square columns; up to 10) */
  unseenCategories?: { value: string; count: number }[];
  /**
   * PSI on the reference's deciles (numerical columns), with its bin edges: a signal of its own,
   * not the 'psi' test (that one is Evidently's psi, on Sturges bins or categories)
   */
  psiDeciles: number | null;
  psiDecileEdges: number[] | null;
  missingRef: number;
  missingCur: number;
  /** missingCur − missingRef */
  missingShift: number;
  /** share of current non-missing values in categories never seen in the reference (categorical) */
  unseenShare: number | null;
  nRef: number;
  nCur: number;
  distinct: number;
  histogram?: HistogramPlot;
  ecdf?: EcdfPlot;
  categories?: CategoryPlot;
}

/** The dataset verdict: drift when driftShare >= threshold (shares over tested columns). */
export interface DatasetReport {
  driftShare: number;
  drifted: boolean;
  threshold: number;
  nColumns: number;
  nTested: number;
  nDrifted: number;
  correction: Correction;
}

/**
 * A data-quality finding (shared contract with the quality section): which column, which check,
 * pass/warn/fail, a sentence, and check-specific details (e.g. the non-numeric tokens with counts).
 */
export interface QualityFinding {
  column: string | null;
  check: string;
  severity: 'pass' | 'warn' | 'fail';
  message: string;
  details?: Record<string, unknown>;
}

/** How the plan treats one column: the type it chose, whether it is tested and why not. */
export interface PlannedColumnInfo {
  name: string;
  /** what the typing inferred from both sets */
  inferred: SemanticType;
  /** the type used (the inferred one, or the settings' override) */
  type: SemanticType;
  tested: boolean;
  /** why the column is left out of the verdict (null when tested) */
  reason: string | null;
  /** date order ('iso' | 'dmy' | 'mdy') for datetime columns, else null */
  format: string | null;
  /** how the type was decided, in words */
  evidence: string | null;
}

export interface DriftReport {
  columns: ColumnReport[];
  /** every shared column with its type and whether/why it is tested (absent on hand-made reports) */
  plan?: PlannedColumnInfo[];
  /** columns left out of the verdict, with the reason */
  excluded?: { name: string; type: SemanticType | null; reason: string }[];
  /** number locale per set, with evidence in words */
  locale?: { reference: string; current: string };
  /** the settings that produced this report; loadable again (--settings) */
  settings?: DriftSettings;
  dataset: DatasetReport;
  rows: { reference: number; current: number };
  /** column names present in only one of the two sets */
  mismatches: { onlyInReference: string[]; onlyInCurrent: string[] };
  timing: { computeMs: number };
  /**
   * data-quality findings, pass/warn/fail: typing (non-numeric tokens, ambiguous dates, …) and the
   * checks beside drift (columns gone/added, types, missing share, new categories, range, duplicates, constants)
   */
  quality: QualityFinding[];
  /** PCA reconstruction error of the joint distribution against the reference's chunks */
  multivariate: MultivariateReport | null;
  /** when and by which edgeprobe version the report was made */
  meta: ReportMeta;
}

/** The multivariate signal: PCA reconstruction error of the current rows against the reference's chunks. */
export interface MultivariateReport {
  method: 'pca-reconstruction';
  columns: string[];
  /** components kept and the share of the reference's variance they explain */
  components: number;
  explainedVariance: number;
  /** mean reconstruction error of the current rows (standardised units), null when not computed */
  value: number | null;
  /** mean error of the whole reference, and the band from its chunks */
  referenceValue: number | null;
  band: Band | null;
  chunkRows: number;
  drift: boolean;
  /** why there is no signal (fewer than two usable columns, no rows) */
  reason?: string;
}

export interface ReportMeta {
  /** ISO 8601 time the report was computed */
  generated: string;
  edgeprobe: string;
}

/** Extra columns injected by a caller (e.g. model predictions), tested like any other column. */
export interface ExtraColumn {
  name: string;
  role: string;
  reference: Column;
  current: Column;
}

export interface DriftOptions {
  /** columns to test (default: all columns present in both sets) */
  columns?: string[];
  /** per-column test override */
  stattest?: Record<string, TestName>;
  /** per-column threshold override */
  threshold?: Record<string, number>;
  /** per-column type override */
  kinds?: Record<string, KindOverride>;
  /** dataset drift when the drifted share reaches this (default 0.5) */
  datasetThreshold?: number;
  correction?: Correction;
  /** include histogram/ECDF/category data for plots (default true) */
  plots?: boolean;
  extra?: ExtraColumn[];
  /** columns excluded from testing (e.g. the time column of a timeline) */
  exclude?: string[];
  /** data-quality checks (default true) */
  quality?: boolean;
  /** multivariate PCA reconstruction signal (default true) */
  multivariate?: boolean;
  /** per-column date order override for datetime columns */
  dateFormats?: Record<string, import('./sniff-date.ts').DateOrder>;
  /** decimal separator of text numbers (sniffed when absent) */
  decimal?: import('./sniff-number.ts').DecimalSep;
  /** thousands separator of text numbers (sniffed when absent; '' for none) */
  thousands?: import('./sniff-number.ts').ThousandsSep;
  /** missing-value markers (default: pandas' list, MISSING_MARKERS) */
  na?: string[];
  /** the timeline's time column and window, stored with the settings */
  timeline?: { column: string | null; window: import('./windows.ts').Window } | null;
}

/** Drift settings as stored in a report and loaded again (see settings.ts for parsing and defaults). */
export interface DriftSettings {
  /** columns chosen by the user; null = the plan's default choice */
  columns: string[] | null;
  kinds: Record<string, KindOverride>;
  dateFormats: Record<string, import('./sniff-date.ts').DateOrder>;
  stattest: Record<string, TestName>;
  threshold: Record<string, number>;
  correction: Correction;
  datasetThreshold: number;
  /** null = sniffed from the data */
  decimal: import('./sniff-number.ts').DecimalSep | null;
  thousands: import('./sniff-number.ts').ThousandsSep | null;
  /** null = pandas' default missing markers */
  na: string[] | null;
  timeline: { column: string | null; window: import('./windows.ts').Window } | null;
}
