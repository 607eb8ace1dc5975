// The drift timeline computed a few windows at a time, so a long timeline (92 days of 1.5M rows)
// reports progress and can be cancelled between steps. Each window is still computed by
// driftTimeline on exactly its rows, so the result equals one driftTimeline call; the reference
// bands and the multivariate model are computed once.
import type { Table } from '../lib/data/table.ts';
import { throwIfAborted } from '../lib/data/table.ts';
import { driftTimeline, gather, timelineColumns, timelineWindows, timestamps, windowLabel, type DriftTimeline, type Window } from '../lib/drift/timeline.ts';
import { timelineModel, withReferenceBands } from '../lib/drift/timeline-bands.ts';
import type { DriftOptions } from '../lib/drift/types.ts';

/** Windows per driftTimeline call. */
const STEP = 4;

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * driftTimeline in steps for calendar windows (row windows and missing time columns go in one
 * call); `onProgress(done, total)` counts windows. Throws CancelledError when `signal` fires.
 */
export async function timelineInSteps(
  ref: Table, cur: Table, window: Window, timeColumn: string | null, opts: DriftOptions,
  signal: AbortSignal, onProgress: (done: number, total: number) => void,
): Promise<DriftTimeline> {
  const tcol = timeColumn === null ? undefined : cur.columns.find((c) => c.name === timeColumn);
  if (typeof window === 'number' || !tcol) return driftTimeline(ref, cur, window, timeColumn, opts);
  const ts = timestamps(tcol);
  const groups = new Map<string, number[]>();
  let skipped = 0;
  for (let i = 0; i < ts.length; i++) {
    if (!Number.isFinite(ts[i])) {
      skipped++;
      continue;
    }
    const key = windowLabel(ts[i], window);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const labels = [...groups.keys()].sort();
  const model = timelineModel(ref, cur, timelineColumns(ref, cur, timeColumn, opts), opts);
  const out: Parameters<typeof withReferenceBands>[1] = { timeColumn, window, windows: [], skippedRows: skipped };
  for (let k = 0; k < labels.length; k += STEP) {
    const idx = Int32Array.from(labels.slice(k, k + STEP).flatMap((l) => groups.get(l)!)).sort();
    const part: Table = { columns: cur.columns.map((c) => gather(c, idx)), rowCount: idx.length };
    out.windows.push(...timelineWindows(ref, part, window, timeColumn, opts, model.model).windows);
    onProgress(Math.min(k + STEP, labels.length), labels.length);
    await tick();
    throwIfAborted(signal);
  }
  return withReferenceBands(ref, out, model, opts);
}
