// Plain-data types of a drift timeline (the `timeline` of `edgeprobe drift --json`).
import type { Band } from './bands.ts';
import type { TestName } from './types.ts';
import type { Window } from './windows.ts';

export interface TimelineColumn {
  name: string;
  test: TestName | null;
  statistic: number | null;
  pValue: number | null;
  drift: boolean;
  /** statistic outside the band of the reference's own chunks (false when there is no band) */
  alert: boolean;
}

export interface TimelineWindow {
  label: string;
  /** first and last timestamp in the window (ms since epoch), null for row windows without time */
  start: number | null;
  end: number | null;
  rows: number;
  /** share of tested columns whose test drifted (p-value or distance threshold) */
  driftShare: number;
  /** columns whose statistic left the reference band */
  alerts: number;
  /** alerts over the columns that have a band (null without bands): what the verdict compares with the threshold */
  alertShare: number | null;
  /**
   * the window's verdict: by the reference bands (alerts / banded columns ≥ dataset threshold) when
   * the reference gives bands, else by the tests' thresholds; never for a low-confidence window
   */
  drifted: boolean;
  /** fewer rows than MIN_CHUNK_ROWS: shown, but not called drifted */
  lowConfidence: boolean;
  /** mean PCA reconstruction error of the window's rows, and whether it left the reference band */
  multivariate: number | null;
  multivariateAlert: boolean;
  columns: TimelineColumn[];
}

/** A column's band over the reference chunks, for the test its windows used. */
export interface ColumnBand {
  name: string;
  test: TestName | null;
  band: Band | null;
}

export interface DriftTimeline {
  timeColumn: string | null;
  window: Window;
  windows: TimelineWindow[];
  /** current rows left out because their timestamp is missing or unparseable */
  skippedRows: number;
  /** how window verdicts were reached: NannyML-style reference bands, or the tests' thresholds */
  verdictBy: 'reference-bands' | 'test-thresholds';
  /** the reference chunks behind the bands: how many, their median size, the low-confidence limit */
  reference: { chunks: number; chunkRows: number; minChunkRows: number };
  bands: ColumnBand[];
  /** band of the multivariate signal, the columns it covers, or why it is missing */
  multivariate: { columns: string[]; band: Band | null; reason?: string };
}

