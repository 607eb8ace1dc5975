// Evaluates many input rows through a PredictRows callback in batches, keeping one output number
// per row, with progress and cancellation between batches.
import { CancelledError, ExplainError, type EvalOptions, type PredictRows } from './types.ts';

/** The target output of every row, in order. Rows are passed to `predict` in batches of `batchSize`. */
export async function evaluateRows(rows: readonly Float32Array[], predict: PredictRows, opts: EvalOptions): Promise<Float64Array> {
  const size = Math.max(1, opts.batchSize ?? 512);
  const out = new Float64Array(rows.length);
  for (let start = 0; start < rows.length; start += size) {
    if (opts.signal?.aborted) throw new CancelledError('The explanation was cancelled.');
    const batch = rows.slice(start, start + size);
    const answers = await predict(batch);
    if (answers.length !== batch.length) {
      throw new ExplainError(`predict returned ${answers.length} output rows for ${batch.length} input rows; it must return one per input`);
    }
    answers.forEach((row, i) => {
      if (opts.target < 0 || opts.target >= row.length) throw new ExplainError(`target output ${opts.target} is out of range: output rows have ${row.length} values`);
      out[start + i] = row[opts.target]!;
    });
    opts.onProgress?.(Math.min(rows.length, start + size), rows.length);
  }
  return out;
}

/** Checks that x and every background row have the same, non-zero length; returns it. */
export function checkRows(x: Float32Array, background: readonly Float32Array[]): number {
  const f = x.length;
  if (f === 0) throw new ExplainError('the input to explain has no features');
  if (background.length === 0) throw new ExplainError('the background set is empty: give at least one reference row (e.g. held-out samples)');
  background.forEach((b, i) => {
    if (b.length !== f) throw new ExplainError(`background row ${i} has ${b.length} values; the input has ${f}`);
  });
  return f;
}

/** Mean of a slice of values. */
export function mean(values: ArrayLike<number>, start = 0, end = values.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += values[i]!;
  return s / (end - start);
}
