// The multivariate signal of a report: PCA reconstruction error of the current set against the
// band of the reference's own chunks (mean ± 3σ), on the columns a person would feed a model.
import type { Table } from '../data/table.ts';
import { inferType } from './typing.ts';
import { band, outside, referenceChunksFor } from './bands.ts';
import { fitWithErrors, meanAt, rowErrors, type ReconstructionModel } from './multivariate.ts';
import type { KindOverride, MultivariateReport } from './types.ts';

export type { MultivariateReport };

/** Beyond this many columns the eigen-decomposition (O(d³)) is skipped, with a reason. */
export const MAX_COLUMNS = 120;


/** Columns for the reconstruction: numerical when numbers in both sets, categorical otherwise; datetime/id/text left out. */
export function multivariateColumns(ref: Table, cur: Table, names: string[], kinds: Record<string, KindOverride> = {}): { numerical: string[]; categorical: string[] } {
  const refBy = new Map(ref.columns.map((c) => [c.name, c]));
  const curBy = new Map(cur.columns.map((c) => [c.name, c]));
  const numerical: string[] = [];
  const categorical: string[] = [];
  for (const n of names) {
    const r = refBy.get(n);
    const c = curBy.get(n);
    if (!r || !c) continue;
    const kind = kinds[n] ?? inferType(r);
    if (kind === 'numerical' && r.kind === 'number' && c.kind === 'number') numerical.push(n);
    else if (kind === 'categorical' || kind === 'numerical') categorical.push(n);
  }
  return { numerical, categorical };
}

const empty = (columns: string[], reason: string): MultivariateReport => ({
  method: 'pca-reconstruction', columns, components: 0, explainedVariance: 0, value: null, referenceValue: null, band: null, chunkRows: 0, drift: false, reason,
});

/** Fits on the reference and scores the current set; a report with a reason when it cannot. */
export function multivariateDrift(ref: Table, cur: Table, names: string[], kinds?: Record<string, KindOverride>): { report: MultivariateReport; model: ReconstructionModel | null; refErrors: Float64Array | null } {
  const { numerical, categorical } = multivariateColumns(ref, cur, names, kinds);
  const columns = [...numerical, ...categorical];
  if (columns.length > MAX_COLUMNS) return { report: empty(columns, `${columns.length} columns: the reconstruction is computed for up to ${MAX_COLUMNS}`), model: null, refErrors: null };
  if (columns.length < 2) return { report: empty(columns, 'needs at least two numerical or categorical columns'), model: null, refErrors: null };
  if (ref.rowCount < 2 || cur.rowCount < 1) return { report: empty(columns, 'needs at least two reference rows and one current row'), model: null, refErrors: null };
  const { model, errors } = fitWithErrors(ref, numerical, categorical);
  const refErrors = errors!;
  const chunks = referenceChunksFor(ref.rowCount, cur.rowCount);
  const b = band(chunks.map((c) => meanAt(refErrors, c)), 0);
  const value = meanAt(rowErrors(model, cur));
  const explained = model.pca.explainedRatio.slice(0, model.pca.components.length).reduce((s, x) => s + x, 0);
  return {
    report: {
      method: 'pca-reconstruction', columns, components: model.pca.components.length, explainedVariance: explained,
      value, referenceValue: meanAt(refErrors), band: b, chunkRows: chunks[0]?.length ?? 0, drift: outside(b, value),
    },
    model, refErrors,
  };
}
