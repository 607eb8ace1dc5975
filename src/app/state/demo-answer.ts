// The Demo's answer in words, read from a run's outputs: the class list's best class, its
// confidence and the runners-up; or, when the model does not answer with classes, what to show
// instead (a mask, a map, a score, a sequence) or why nothing can be shown.
import type { TensorMap } from '../../lib/tensors/types.ts';
import { outputView, type OutputView } from '../../lib/tensors/output-view.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';
import { isDistribution, softmax } from '../../lib/tensors/outputs.ts';

/** The output that holds class scores: one named like "prob…", else the first [N, C] float output. */
export function classOutputName(outputs: TensorMap, classes?: number): string | null {
  const ok = ([, t]: [string, PlainTensor]) => !Array.isArray(t.data) && t.dims.length <= 2 && (t.dims.at(-1) ?? 0) >= 2 && (!classes || t.dims.at(-1) === classes);
  const entries = Object.entries(outputs).filter(ok);
  return (entries.find(([n]) => /prob/i.test(n)) ?? entries[0])?.[0] ?? null;
}

/** Class probabilities of a score row: the row itself when it is a distribution, else its softmax. */
export function toProbabilities(row: ArrayLike<number>): Float32Array {
  return Float32Array.from(isDistribution(row) ? Array.from(row) : softmax(row));
}

export interface Answer {
  output: string;
  probs: Float32Array;
  best: number;
  label: string;
  confidence: number;
  /** The top classes, best first, for the "runner-up" line. */
  top: { index: number; label: string; p: number }[];
}

/** The class answer of a run, or null when no output is a class list. */
export function readAnswer(outputs: TensorMap, labels: readonly string[]): Answer | null {
  const output = classOutputName(outputs, labels.length || undefined);
  if (!output) return null;
  const t = outputs[output]!;
  const c = t.dims.at(-1)!;
  const probs = toProbabilities((t.data as Float32Array).subarray(0, c));
  const order = Array.from(probs.keys()).sort((a, b) => probs[b]! - probs[a]!);
  const best = order[0]!;
  return {
    output, probs, best, label: labels[best] ?? String(best), confidence: probs[best]!,
    top: order.slice(0, 3).map((i) => ({ index: i, label: labels[i] ?? String(i), p: probs[i]! })),
  };
}

/** What to show when there is no class answer (see outputView). */
export function readView(outputs: TensorMap, labels: readonly string[]): OutputView {
  return outputView(outputs, labels);
}
