// Drift over time (NannyML-style chunks): the current set is cut into windows by a timestamp
// column (day, ISO week, month) or into chunks of N rows, and each window is tested against the
// whole reference.
import type { Column, Table } from '../data/table.ts';
import { DataFormatError } from '../data/table.ts';
import { columnDrift } from './column-drift.ts';
import { datasetVerdict } from './report.ts';
import type { DriftOptions, TestName } from './types.ts';
import { gather, timestamps, windowLabel, type Window } from './windows.ts';
import { MIN_CHUNK_ROWS } from './bands.ts';
import type { ColumnBand, DriftTimeline, TimelineColumn, TimelineWindow } from './timeline-types.ts';
import { meanAt, rowErrors, type ReconstructionModel } from './multivariate.ts';
import { timelineModel, withReferenceBands } from './timeline-bands.ts';

export { gather, timestamps, windowLabel, type Window };

export type { ColumnBand, DriftTimeline, TimelineColumn, TimelineWindow };

/** Feature columns of a timeline: requested (or all current) columns in the reference, minus exclusions and the time column. */
export function timelineColumns(ref: Table, cur: Table, timeColumn: string | null, opts: DriftOptions): string[] {
  const refNames = new Set(ref.columns.map((c) => c.name));
  const exclude = new Set([...(opts.exclude ?? []), ...(timeColumn ? [timeColumn] : [])]);
  return (opts.columns ?? cur.columns.map((c) => c.name)).filter((n) => refNames.has(n) && !exclude.has(n) && opts.kinds?.[n] !== 'ignore');
}

/**
 * Timeline of drift. `timeColumn` is required for calendar windows; for row windows it only
 * labels them. Options are those of driftReport (tests, thresholds, correction per window).
 * Window verdicts use bands from the reference's own chunks (mean ± 3σ) where it has them.
 */
export function driftTimeline(ref: Table, cur: Table, window: Window, timeColumn: string | null, opts: DriftOptions = {}): DriftTimeline {
  const model = timelineModel(ref, cur, timelineColumns(ref, cur, timeColumn, opts), opts);
  return withReferenceBands(ref, timelineWindows(ref, cur, window, timeColumn, opts, model.model), model, opts);
}

/** The windows alone (no reference bands yet): every column tested against the whole reference. */
export function timelineWindows(ref: Table, cur: Table, window: Window, timeColumn: string | null, opts: DriftOptions, model: ReconstructionModel | null): { timeColumn: string | null; window: Window; windows: TimelineWindow[]; skippedRows: number } {
  if (typeof window === 'number' && !(Number.isInteger(window) && window > 0)) {
    throw new DataFormatError(`window ${window} must be a positive whole number of rows, or day, week or month`);
  }
  const tcol = timeColumn === null ? undefined : cur.columns.find((c) => c.name === timeColumn);
  if (timeColumn !== null && !tcol) throw new DataFormatError(`time column "${timeColumn}" is not in the current set`);
  if (typeof window !== 'number' && !tcol) throw new DataFormatError(`a ${window} window needs --time-column`);
  const ts = tcol ? timestamps(tcol) : null;
  const groups = new Map<string, number[]>();
  let skipped = 0;
  for (let i = 0; i < cur.rowCount; i++) {
    let key: string;
    if (typeof window === 'number') key = `rows ${Math.floor(i / window) * window + 1}–${Math.min(cur.rowCount, (Math.floor(i / window) + 1) * window)}`;
    else {
      const t = ts![i];
      if (!Number.isFinite(t)) {
        skipped++;
        continue;
      }
      key = windowLabel(t, window);
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const labels = [...groups.keys()];
  if (typeof window !== 'number') labels.sort();
  const refBy = new Map(ref.columns.map((c) => [c.name, c]));
  const names = timelineColumns(ref, cur, timeColumn, opts);
  const curBy = new Map(cur.columns.map((c) => [c.name, c]));
  const windows = labels.map((label) => {
    const idx = Int32Array.from(groups.get(label)!);
    let start: number | null = null;
    let end: number | null = null;
    if (ts) {
      for (const i of idx) {
        const t = ts[i];
        if (!Number.isFinite(t)) continue;
        if (start === null || t < start) start = t;
        if (end === null || t > end) end = t;
      }
    }
    const cols = names.map((n) =>
      columnDrift(n, refBy.get(n)!, gather(curBy.get(n)!, idx), {
        test: opts.stattest?.[n], threshold: opts.threshold?.[n], kind: opts.kinds?.[n], plots: false,
      }),
    );
    const verdict = datasetVerdict(cols, opts);
    const lowConfidence = idx.length < MIN_CHUNK_ROWS;
    return {
      label, start, end, rows: idx.length, driftShare: verdict.driftShare, alerts: 0, alertShare: null, drifted: verdict.drifted && !lowConfidence, lowConfidence,
      multivariate: model ? meanAt(rowErrors(model, cur, idx)) : null, multivariateAlert: false,
      columns: cols.map((c) => ({ name: c.name, test: c.test, statistic: c.statistic, pValue: c.pValueAdjusted, drift: c.drift, alert: false })),
    };
  });
  return { timeColumn, window, windows, skippedRows: skipped };
}
