// NannyML-style thresholds for a timeline: every column's statistic (and the multivariate
// reconstruction error) on the reference's own chunks gives a band, mean ± 3σ; a window whose
// statistic leaves the band raises an alert. Windows below the minimum size stay low-confidence.
import type { Table } from '../data/table.ts';
import { columnDrift } from './column-drift.ts';
import { band, MIN_CHUNK_ROWS, outside, referenceChunks, type Band } from './bands.ts';
import { fitWithErrors, meanAt, type ReconstructionModel } from './multivariate.ts';
import { MAX_COLUMNS, multivariateColumns } from './multivariate-drift.ts';
import { gather, type Window } from './windows.ts';
import type { DriftOptions } from './types.ts';
import type { ColumnBand, DriftTimeline, TimelineWindow } from './timeline-types.ts';

/** The reconstruction fitted once per timeline (null with the reason when it cannot be). */
export interface TimelineModel {
  model: ReconstructionModel | null;
  refErrors: Float64Array | null;
  columns: string[];
  reason?: string;
}

/** Fits the multivariate reconstruction on the reference for a timeline's columns. */
export function timelineModel(ref: Table, cur: Table, names: string[], opts: DriftOptions): TimelineModel {
  if (opts.multivariate === false) return { model: null, refErrors: null, columns: [], reason: 'turned off' };
  const { numerical, categorical } = multivariateColumns(ref, cur, names, opts.kinds);
  const columns = [...numerical, ...categorical];
  if (columns.length < 2) return { model: null, refErrors: null, columns, reason: 'needs at least two numerical or categorical columns' };
  if (columns.length > MAX_COLUMNS) return { model: null, refErrors: null, columns, reason: `${columns.length} columns: the reconstruction is computed for up to ${MAX_COLUMNS}` };
  if (ref.rowCount < 2) return { model: null, refErrors: null, columns, reason: 'needs at least two reference rows' };
  const { model, errors } = fitWithErrors(ref, numerical, categorical);
  return { model, refErrors: errors, columns };
}

type RawTimeline = { timeColumn: string | null; window: Window; windows: TimelineWindow[]; skippedRows: number };

/** Bands from the reference chunks, per-window alerts and the window verdicts that follow. */
export function withReferenceBands(ref: Table, tl: RawTimeline, m: TimelineModel, opts: DriftOptions): DriftTimeline {
  const chunks = referenceChunks(ref, tl.window, tl.timeColumn, tl.windows.map((w) => w.rows));
  const sizes = chunks.map((c) => c.length).sort((a, b) => a - b);
  const refBy = new Map(ref.columns.map((c) => [c.name, c]));
  const names = tl.windows[0]?.columns.map((c) => c.name) ?? [];
  const bands: ColumnBand[] = names.map((name) => {
    // The test the windows used, forced on the chunks so the statistics are comparable.
    const test = tl.windows.map((w) => w.columns.find((c) => c.name === name)?.test).find((t) => t) ?? null;
    if (!test || chunks.length < 2) return { name, test, band: null };
    const col = refBy.get(name)!;
    const stats = chunks.map((idx) => columnDrift(name, col, gather(col, idx), { test, threshold: opts.threshold?.[name], kind: opts.kinds?.[name], plots: false }).statistic ?? NaN);
    return { name, test, band: band(stats, test === 'z' ? -Infinity : 0) };
  });
  const byName = new Map(bands.map((b) => [b.name, b.band]));
  const mvBand: Band | null = m.refErrors && chunks.length >= 2 ? band(chunks.map((c) => meanAt(m.refErrors!, c)), 0) : null;
  const banded = bands.filter((b) => b.band).length;
  const threshold = opts.datasetThreshold ?? 0.5;
  const windows = tl.windows.map((w) => {
    const columns = w.columns.map((c) => ({ ...c, alert: outside(byName.get(c.name) ?? null, c.statistic) }));
    const alerts = columns.filter((c) => c.alert).length;
    const alertShare = banded ? alerts / banded : null;
    const drifted = w.lowConfidence ? false : alertShare !== null ? alertShare >= threshold : w.drifted;
    return { ...w, columns, alerts, alertShare, drifted, multivariateAlert: !w.lowConfidence && outside(mvBand, w.multivariate) };
  });
  return {
    ...tl, windows, verdictBy: banded ? 'reference-bands' : 'test-thresholds',
    reference: { chunks: chunks.length, chunkRows: sizes[Math.floor(sizes.length / 2)] ?? 0, minChunkRows: MIN_CHUNK_ROWS },
    bands, multivariate: { columns: m.columns, band: mvBand, ...(m.reason ? { reason: m.reason } : {}) },
  };
}
