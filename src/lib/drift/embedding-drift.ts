// The embedding signal of text drift: a model's pooled output (e.g. a sentence embedding) on the
// reference and current sets compared by MMD with a permutation p-value (src/lib/stats/mmd.ts).
import { mmdTest, type MmdResult } from '../stats/mmd.ts';

/** As the JSON report carries it (`embedding`). */
export interface EmbeddingDrift extends MmdResult {
  /** The model output the vectors come from. */
  output: string;
  test: 'mmd';
  /** p-value threshold: drift when p < threshold. */
  threshold: number;
  drift: boolean;
}

export const EMBEDDING_P_THRESHOLD = 0.05;

/** Rows of a flat [n, dim] buffer. */
export function rowsOf(flat: Float32Array, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i + dim <= flat.length; i += dim) out.push(flat.subarray(i, i + dim));
  return out;
}

/**
 * MMD test of the two sets' vectors: 300 rows a side at most (a seeded subsample) and 200
 * permutations keep it to a few seconds (cost grows with rows² × permutations). Null below 2 rows a side.
 */
export function embeddingDrift(output: string, ref: readonly ArrayLike<number>[], cur: readonly ArrayLike<number>[]): EmbeddingDrift | null {
  if (ref.length < 2 || cur.length < 2) return null;
  const r = mmdTest(ref, cur, { permutations: 200, seed: 1, maxRows: 300 });
  return { ...r, output, test: 'mmd', threshold: EMBEDDING_P_THRESHOLD, drift: r.pValue < EMBEDDING_P_THRESHOLD };
}

/** One line for a terminal or a page. */
export function embeddingLine(e: EmbeddingDrift): string {
  return `embedding (${e.output}, MMD, Gaussian kernel σ ${e.sigma.toPrecision(3)}, ${e.permutations} permutations, ${e.n} vs ${e.m} rows): MMD² ${e.mmd2.toPrecision(3)}, p ${e.pValue.toPrecision(3)} — ${e.drift ? 'DRIFT' : 'no drift'} (p < ${e.threshold})`;
}
