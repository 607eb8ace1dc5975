// A text classifier's logits → label and confidence per text, with labels from config.json.
import type { PlainTensor } from '../tensors/types.ts';
import { softmax, toNumbers } from '../tensors/outputs.ts';

export interface TextPrediction {
  index: number;
  label: string;
  /** Softmax probability of the label, 0..1. */
  confidence: number;
  probabilities: number[];
  /** Log-odds of each class, log(p / (1 − p)), from the logits (stays finite when p rounds to 1). */
  logOdds: number[];
}

/** log(p_k / (1 − p_k)) for every k: z_k − logsumexp of the other logits. */
export function logOddsOf(z: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < z.length; k++) {
    let m = -Infinity;
    for (let j = 0; j < z.length; j++) if (j !== k) m = Math.max(m, z[j]!);
    let sum = 0;
    for (let j = 0; j < z.length; j++) if (j !== k) sum += Math.exp(z[j]! - m);
    out.push(z.length > 1 ? z[k]! - (m + Math.log(sum)) : Infinity);
  }
  return out;
}

/** One prediction per row of a [batch, classes] logits tensor (softmax applied here). */
export function classifyRows(logits: PlainTensor, labels: readonly string[] | null): TextPrediction[] {
  const [rows = 1, classes = logits.dims.at(-1) ?? 1] = logits.dims.length >= 2 ? logits.dims : [1, logits.dims[0] ?? 1];
  const all = toNumbers(logits);
  const out: TextPrediction[] = [];
  for (let r = 0; r < rows; r++) {
    const row = all.subarray(r * classes, (r + 1) * classes);
    const p = Array.from(softmax(row));
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    out.push({ index: best, label: labels?.[best] ?? `LABEL_${best}`, confidence: p[best]!, probabilities: p, logOdds: logOddsOf(row) });
  }
  return out;
}

/** The logits output: the one named "logits", else the first output with 2 dims. */
export function logitsName(outputs: readonly { name: string; dims: readonly unknown[] | null }[]): string {
  return outputs.find((o) => o.name === 'logits')?.name ?? outputs.find((o) => o.dims?.length === 2)?.name ?? outputs[0]!.name;
}
