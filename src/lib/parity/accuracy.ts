// Accuracy of one side's predictions against labels: class scores [N, C] are reduced to their
// top-1 class; an integer tensor [N] (or [N, 1]) is taken as predicted labels directly.
import type { PlainTensor } from '../tensors/types.ts';
import { ParityInputError } from './errors.ts';
import { rowsAndClasses, topK } from './classifier.ts';
import { toFloat64, valueKind } from './values.ts';

/** Accuracy over the labelled rows. */
export interface Accuracy {
  /** Rows with a label (labels < 0, NaN or null are unlabelled and skipped). */
  labelled: number;
  correct: number;
  /** correct / labelled; NaN when nothing is labelled. */
  accuracy: number;
  /** Predicted class per row. */
  predicted: Int32Array;
}

/** Predicted class per row: top-1 of float scores, or the integer labels themselves. */
export function predictedClasses(pred: PlainTensor, name = 'output'): Int32Array {
  const kind = valueKind(pred.type);
  const values = toFloat64(pred, name);
  const labelLike = (kind === 'integer' || kind === 'bool') && (pred.dims.length <= 1 || pred.dims[pred.dims.length - 1] === 1);
  if (labelLike) return Int32Array.from(values);
  const { rows, classes } = rowsAndClasses(pred, name);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = topK(values, r * classes, classes, 1)[0]!;
  return out;
}

/**
 * Accuracy of `pred` against `labels` (one per row).
 * @throws ParityInputError when the number of labels differs from the number of rows.
 */
export function accuracyVsLabels(pred: PlainTensor, labels: ArrayLike<number | null>, name = 'output'): Accuracy {
  const predicted = predictedClasses(pred, name);
  if (labels.length !== predicted.length) {
    throw new ParityInputError(`${name}: ${labels.length} labels for ${predicted.length} predicted rows; give one label per row`);
  }
  let labelled = 0;
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) {
    const y = labels[i];
    if (y === null || y === undefined || !(y >= 0)) continue;
    labelled++;
    if (predicted[i] === y) correct++;
  }
  return { labelled, correct, accuracy: labelled > 0 ? correct / labelled : NaN, predicted };
}
