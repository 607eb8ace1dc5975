// The demo's per-group drift and parity: the model's drift pair of tables (e.g. weather 2012 vs
// 2015) split by the fairness table's group, and the labelled samples sent to the optional server.
import { parseCsv } from '../../lib/data/csv.ts';
import type { Table } from '../../lib/data/table.ts';
import { driftReport } from '../../lib/drift/report.ts';
import type { DatasetReport } from '../../lib/drift/types.ts';
import { featureRows, rowsByGroup, selectRows } from '../../lib/fairness/index.ts';
import { runRemoteBaseline } from '../../lib/baseline/run.ts';
import type { TensorMap } from '../../lib/tensors/types.ts';
import { guardedFetch } from './allowed-origins.ts';
import { isDistribution, softmax } from '../../lib/tensors/outputs.ts';
import { loadSampleIndex, sampleText, type SampleSetEntry } from './sample-index.ts';
import { modelPair } from '../../lib/samples/index.ts';

export interface DriftPair {
  reference: { name: string; table: Table };
  current: { name: string; table: Table };
}

export interface GroupDrift {
  group: string;
  referenceRows: number;
  currentRows: number;
  dataset: DatasetReport;
  /** Columns that drifted in this group. */
  drifted: string[];
}

/** The model's CSV reference/current pair from public/samples/index.json, or null when it has none. */
export async function driftPair(modelId: string): Promise<DriftPair | null> {
  const pair = modelPair(await loadSampleIndex().catch(() => []), modelId, 'csv');
  if (!pair) return null;
  const read = async (e: SampleSetEntry) => ({ name: e.id, table: parseCsv(await sampleText(e)) });
  const [reference, current] = await Promise.all([read(pair.reference), read(pair.current)]);
  return { reference, current };
}

/**
 * Drift of the model's feature columns, reference vs current, within each group (`of` maps a
 * feature row to its group). `exclude` names columns not to test (the group's own column).
 * Null when the tables lack a feature.
 */
export function driftByGroup(pair: DriftPair, featureNames: string[], of: (row: ArrayLike<number>) => string, exclude: string[] = []): GroupDrift[] | null {
  const refRows = featureRows(pair.reference.table, featureNames);
  const curRows = featureRows(pair.current.table, featureNames);
  if (!refRows || !curRows) return null;
  const refGroups = rowsByGroup(refRows, of);
  const curGroups = rowsByGroup(curRows, of);
  const columns = featureNames.filter((n) => !exclude.includes(n));
  const collator = new Intl.Collator('en', { numeric: true });
  return [...refGroups.keys()].filter((g) => curGroups.has(g)).sort(collator.compare).map((group) => {
    const report = driftReport(selectRows(pair.reference.table, refGroups.get(group)!), selectRows(pair.current.table, curGroups.get(group)!), { columns, plots: false });
    return { group, referenceRows: report.rows.reference, currentRows: report.rows.current, dataset: report.dataset, drifted: report.columns.filter((c) => c.drift).map((c) => c.name) };
  });
}

/** Sends every sample to the OIP server (through the origin guard); its class probabilities per sample. */
export async function serverProbabilities(
  server: { url: string; model: string },
  samples: TensorMap[],
  output: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const run = await runRemoteBaseline({ protocol: 'oip', url: server.url, model: server.model, timeoutMs: 10_000 }, samples,
    { outputs: [output], onProgress, signal, fetch: guardedFetch as typeof fetch });
  return run.results.map((r) => {
    const row = Array.from(r.outputs[output]!.data as ArrayLike<number>, Number);
    return Float32Array.from(isDistribution(row) ? row : softmax(row));
  });
}
