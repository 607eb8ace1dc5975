// The JSON text of a drift report, written the same way by `edgeprobe drift --json` and the
// app's export: file names, the report (plan, exclusions, quality, settings), timeline and
// prediction summaries; ±Infinity as the strings "Infinity"/"-Infinity", NaN as null.
import type { DriftTimeline } from './timeline.ts';
import type { DriftReport } from './types.ts';

export interface PredictionSummaryJson {
  rows: number;
  accuracy: number | null;
  labelColumn: string | null;
}

export interface ReportJsonExtras {
  /** file names of the two sets */
  reference: string;
  current: string;
  timeline?: DriftTimeline | null;
  predictions?: { reference: PredictionSummaryJson | null; current: PredictionSummaryJson | null } | null;
}

/** JSON text of a report (2-space indented). */
export function driftReportJson(r: DriftReport, extras: ReportJsonExtras): string {
  const body = {
    reference: extras.reference, current: extras.current, ...r, timeline: extras.timeline ?? null,
    predictions: extras.predictions ?? { reference: null, current: null },
  };
  return JSON.stringify(body, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v, 2);
}
