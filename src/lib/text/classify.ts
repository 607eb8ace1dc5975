// A text classifier's logits → label and confidence per text, with labels from config.json.
import type { PlainTensor } from '../tensors/types.ts';
import { softmax, toNumbers } from '../tensors/outputs.ts';

export interface TextPrediction {
  index: number;
  label: string;
  /** Softmax probability of the label, 0..1. */
  confidence: number;
  probabilities: number[];
}

/** One prediction per row of a [batch, classes] logits tensor (softmax applied here). */
export function classifyRows(logits: PlainTensor, labels: readonly string[] | null): TextPrediction[] {
  const [rows = 1, classes = logits.dims.at(-1) ?? 1] = logits.dims.length >= 2 ? logits.dims : [1, logits.dims[0] ?? 1];
  const all = toNumbers(logits);
  const out: TextPrediction[] = [];
  for (let r = 0; r < rows; r++) {
    const p = Array.from(softmax(all.subarray(r * classes, (r + 1) * classes)));
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    out.push({ index: best, label: labels?.[best] ?? `LABEL_${best}`, confidence: p[best]!, probabilities: p });
  }
  return out;
}

/** The logits output: the one named "logits", else the first output with 2 dims. */
export function logitsName(outputs: readonly { name: string; dims: readonly unknown[] }[]): string {
  return outputs.find((o) => o.name === 'logits')?.name ?? outputs.find((o) => o.dims.length === 2)?.name ?? outputs[0]!.name;
}
