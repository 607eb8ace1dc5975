// Shared types of the explanation functions: a model seen as "rows in, output rows out", so the
// caller decides how rows reach the model (the app batches them through the engine worker).

/**
 * Runs the model on a batch of flat input rows (one Float32Array per sample, row-major, the
 * sample's full input) and resolves to one output row per input (e.g. class probabilities).
 */
export type PredictRows = (rows: readonly Float32Array[]) => Promise<Float32Array[]>;

/** Told after each batch: rows evaluated so far and rows in total. */
export type ExplainProgress = (done: number, total: number) => void;

export interface EvalOptions {
  /** Index in each output row of the number being explained (e.g. the predicted class). */
  target: number;
  /** Rows per predict call (default 512): bigger is faster, smaller reports progress more often. */
  batchSize?: number;
  onProgress?: ExplainProgress;
  signal?: AbortSignal;
}

/** Bad arguments to an explanation (empty background, wrong row length, …). */
export class ExplainError extends Error {
  override name = 'ExplainError';
}

/** The explanation was stopped through its AbortSignal. */
export { CancelledError } from '../cancel.ts';

/** Signed per-feature attributions of one output; `base + Σ values` is the explained output for SHAP. */
export interface Attribution {
  /** One value per feature, in the output's units (e.g. probability). */
  values: Float64Array;
  /** Expected output over the background set (the answer "for a typical input"). */
  base: number;
  /** The model's output for the explained input. */
  output: number;
  /** Model evaluations used (rows). */
  evaluations: number;
  method: 'kernel-shap' | 'permutation';
  /** True when every coalition was enumerated (the values are the exact Shapley values). */
  exact: boolean;
}
