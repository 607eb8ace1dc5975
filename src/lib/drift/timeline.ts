// Drift over time (NannyML-style chunks): the current set is cut into windows by a timestamp
// column (day, ISO week, month) or into chunks of N rows, and each window is tested against the
// whole reference.
import type { Column, Table } from '../data/table.ts';
import { DataFormatError } from '../data/table.ts';
import { columnDrift } from './column-drift.ts';
import { datasetVerdict } from './report.ts';
import type { DriftOptions, TestName } from './types.ts';
import { gather, timestamps, windowLabel, type Window } from './windows.ts';

export { gather, timestamps, windowLabel, type Window };

export interface TimelineColumn {
  name: string;
  test: TestName | null;
  statistic: number | null;
  pValue: number | null;
  drift: boolean;
}

export interface TimelineWindow {
  label: string;
  /** first and last timestamp in the window (ms since epoch), null for row windows without time */
  start: number | null;
  end: number | null;
  rows: number;
  driftShare: number;
  drifted: boolean;
  columns: TimelineColumn[];
}

export interface DriftTimeline {
  timeColumn: string | null;
  window: Window;
  windows: TimelineWindow[];
  /** current rows left out because their timestamp is missing or unparseable */
  skippedRows: number;
}

/**
 * Timeline of drift. `timeColumn` is required for calendar windows; for row windows it only
 * labels them. Options are those of driftReport (tests, thresholds, correction per window).
 */
export function driftTimeline(ref: Table, cur: Table, window: Window, timeColumn: string | null, opts: DriftOptions = {}): DriftTimeline {
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
  const exclude = new Set([...(opts.exclude ?? []), ...(timeColumn ? [timeColumn] : [])]);
  const names = (opts.columns ?? cur.columns.map((c) => c.name)).filter((n) => refBy.has(n) && !exclude.has(n) && opts.kinds?.[n] !== 'ignore');
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
    return {
      label, start, end, rows: idx.length, driftShare: verdict.driftShare, drifted: verdict.drifted,
      columns: cols.map((c) => ({ name: c.name, test: c.test, statistic: c.statistic, pValue: c.pValueAdjusted, drift: c.drift })),
    };
  });
  return { timeColumn, window, windows, skippedRows: skipped };
}
