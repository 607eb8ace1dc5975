// Model outputs as drift columns: the predicted class and its score per row (softmax applied
// when a row is not already a distribution), and accuracy against a label column when one fits.
import { isDistribution, softmax, toNumbers } from '../tensors/outputs.ts';
import type { PlainTensor } from '../tensors/types.ts';
import type { Column, NumberColumn, StringColumn, Table } from '../data/table.ts';

export interface Predictions {
  /** predicted class index per row (−1 where the scores were NaN) */
  index: Int32Array;
  predicted: StringColumn;
  topScore: NumberColumn;
}

/** Predicted class and top probability of [N, C] score tensors concatenated in order. */
export function predictionColumns(outputs: PlainTensor[], labels: string[] | null, prefix = 'prediction'): Predictions {
  const rows: number[] = [];
  const scores: number[] = [];
  let classes = 0;
  for (const t of outputs) {
    const c = t.dims.at(-1) ?? 1;
    classes = Math.max(classes, c);
    const v = toNumbers(t);
    for (let r = 0; r + c <= v.length; r += c) {
      const row = v.subarray(r, r + c);
      const p = isDistribution(row) ? row : softmax(row);
      let best = 0;
      for (let k = 1; k < c; k++) if (p[k] > p[best]) best = k;
      // A row of NaN scores (e.g. from missing features) has no prediction.
      const ok = p[best] === p[best];
      rows.push(ok ? best : -1);
      scores.push(ok ? p[best] : NaN);
    }
  }
  const dictionary = Array.from({ length: classes }, (_, k) => labels?.[k] ?? String(k));
  const index = Int32Array.from(rows);
  return {
    index,
    predicted: { name: `${prefix}: class`, kind: 'string', codes: index.slice(), dictionary },
    topScore: { name: `${prefix}: top score`, kind: 'number', dtype: 'float', values: Float64Array.from(scores) },
  };
}

/** True class index per row (−1 where missing or not a known class) from `col`. */
function truthOf(col: Column, labels: string[] | null, classes: number): Int32Array | null {
  if (col.kind === 'number') {
    const v = col.values;
    for (let i = 0; i < v.length; i++) if (!(Number.isNaN(v[i]) || (Number.isInteger(v[i]) && v[i] >= 0 && v[i] < classes))) return null;
    return Int32Array.from(v, (x) => (Number.isNaN(x) ? -1 : x));
  }
  if (!labels) return null;
  const map = col.dictionary.map((s) => labels.indexOf(s));
  const known = map.filter((k) => k >= 0).length;
  if (known === 0 || known < 0.5 * map.length) return null;
  return Int32Array.from(col.codes, (c) => (c < 0 ? -1 : map[c]));
}

/**
 * The column holding true classes: 'labelName' or 'label' first, then any text column whose
 * values are mostly the model's labels (e.g. weather's `weather`). Null when none fits.
 */
export function findLabelColumn(table: Table, labels: string[] | null, classes: number): { name: string; truth: Int32Array } | null {
  const order = [...table.columns].sort((a, b) => rank(a.name) - rank(b.name));
  for (const col of order) {
    if (col.kind === 'number' && col.name !== 'label') continue;
    const truth = truthOf(col, labels, classes);
    if (truth) return { name: col.name, truth };
  }
  return null;
}

const rank = (n: string) => (n === 'labelName' ? 0 : n === 'label' ? 1 : 2);

/** Share of rows with a known truth where the prediction equals it; null when none has one. */
export function accuracy(predicted: Int32Array, truth: Int32Array): number | null {
  let n = 0;
  let right = 0;
  for (let i = 0; i < Math.min(predicted.length, truth.length); i++) {
    if (truth[i] < 0) continue;
    n++;
    if (predicted[i] === truth[i]) right++;
  }
  return n ? right / n : null;
}
