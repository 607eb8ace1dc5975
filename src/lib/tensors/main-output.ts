// Which of a run's outputs is the answer a person looks at first (the rest are shown folded):
// a class list (a "prob…" one before others), else what the Demo view would draw, else the first.
import type { TensorMap } from './types.ts';
import { classifierRow } from './outputs.ts';
import { outputView } from './output-view.ts';

/**
 * The main output's name, or null when there are no outputs. `skip`: outputs that are not answers
 * (a streaming model's next state, fed back over a sequence), chosen only when nothing else is left.
 * `labels`: the card's class names; a class list whose width matches them wins over one that does not.
 */
export function mainOutputName(outputs: TensorMap, labels: readonly string[] = [], skip: readonly string[] = []): string | null {
  const all = Object.keys(outputs);
  if (!all.length) return null;
  const names = all.filter((n) => !skip.includes(n));
  if (!names.length) return all[0]!;
  const classes = names.filter((n) => classifierRow(outputs[n]!) !== null);
  const fits = (n: string) => labels.length > 0 && outputs[n]!.dims.at(-1) === labels.length;
  const cls = classes.find((n) => /prob/i.test(n)) ?? classes.find(fits) ?? classes[0];
  if (cls) return cls;
  const kept: TensorMap = Object.fromEntries(names.map((n) => [n, outputs[n]!]));
  const view = outputView(kept, labels);
  return view.kind === 'none' ? names[0]! : view.output;
}

/** The outputs in display order: the main one first, then the others as the model lists them. */
export function outputsInOrder(outputs: TensorMap, labels: readonly string[] = [], skip: readonly string[] = []): { main: string | null; others: string[] } {
  const main = mainOutputName(outputs, labels, skip);
  return { main, others: Object.keys(outputs).filter((n) => n !== main) };
}
