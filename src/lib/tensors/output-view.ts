// How a model's answer can be shown to people when it is not a class list: an image-shaped output
// (a mask or a map) drawn as an image, a single score, a sequence decoded step by step — or, when
// none fits, the reason in words. The Demo view picks its panel from this.
import type { PlainTensor, TensorMap } from './types.ts';

export type OutputView =
  | { kind: 'image'; output: string; width: number; height: number; data: Float32Array; min: number; max: number; mask: boolean; others: string[] }
  | { kind: 'score'; output: string; value: number; others: string[] }
  | { kind: 'sequence'; output: string; steps: number[]; text: string | null; others: string[] }
  | { kind: 'none'; reason: string };

const numeric = (t: PlainTensor) => !Array.isArray(t.data) && t.type !== 'int64' && t.type !== 'uint64';
const shape = (t: PlainTensor) => `[${t.dims.join(', ')}]`;

/** Height and width when the dims are an image: [H, W], [1, H, W] or [1, 1, H, W] with H, W ≥ 2. */
export function imageDims(dims: readonly number[]): { height: number; width: number } | null {
  const lead = dims.slice(0, -2);
  if (dims.length < 2 || dims.length > 4 || lead.some((d) => d !== 1)) return null;
  const [height, width] = dims.slice(-2) as [number, number];
  return height >= 2 && width >= 2 ? { height, width } : null;
}

/** Argmax per step of a [1, T, C] (or [T, C]) score tensor. */
export function argmaxSteps(t: PlainTensor): number[] {
  const c = t.dims.at(-1)!;
  const d = t.data as ArrayLike<number>;
  const steps = d.length / c;
  return Array.from({ length: steps }, (_, s) => {
    let best = 0;
    for (let k = 1; k < c; k++) if (Number(d[s * c + k]) > Number(d[s * c + best])) best = k;
    return best;
  });
}

/** True when every step's row is a probability distribution (non-negative, sums to 1 ± 1e-3). */
function stepDistributions(t: PlainTensor): boolean {
  const c = t.dims.at(-1)!;
  const d = t.data as ArrayLike<number>;
  for (let s = 0; s < d.length; s += c) {
    let sum = 0;
    for (let k = 0; k < c; k++) {
      const v = Number(d[s + k]);
      if (!(v >= 0)) return false;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) return false;
  }
  return d.length > 0;
}

/** CTC-style decoding: merge repeats, drop the blank (index 0), map indices to labels. */
export function ctcCollapse(steps: readonly number[], labels: readonly string[], blank = 0): string {
  let out = '';
  let prev = -1;
  for (const s of steps) {
    if (s !== prev && s !== blank) out += labels[s] ?? `⟨${s}⟩`;
    prev = s;
  }
  return out;
}

/**
 * Pick what to show for a run's outputs (the caller handles class lists first). Main output: the
 * first numeric one that fits; the rest are listed as `others` (shown folded).
 * `labels`: a labels/keys list; with it a sequence is CTC-decoded to text.
 */
export function outputView(outputs: TensorMap, labels: readonly string[] = []): OutputView {
  const entries = Object.entries(outputs).filter(([, t]) => numeric(t));
  const others = (name: string) => Object.keys(outputs).filter((n) => n !== name);
  // A [1, T, C] output whose rows are distributions over C (or whose C matches the labels) is a
  // sequence, not a picture, even though [1, H, W] would also fit.
  for (const [name, t] of entries) {
    if (t.dims.length === 3 && t.dims[0] === 1 && t.dims[2]! >= 2 && (stepDistributions(t) || (labels.length > 0 && (t.dims[2] === labels.length || t.dims[2] === labels.length + 1)))) {
      const steps = argmaxSteps(t);
      // A keys file without the blank (PaddleOCR's) lists classes 1…C−1.
      const keys = t.dims[2] === labels.length + 1 ? ['', ...labels] : labels;
      return { kind: 'sequence', output: name, steps, text: labels.length ? ctcCollapse(steps, keys) : null, others: others(name) };
    }
  }
  for (const [name, t] of entries) {
    const img = imageDims(t.dims);
    if (img) {
      const data = Float32Array.from(t.data as ArrayLike<number>, Number);
      let min = Infinity;
      let max = -Infinity;
      for (const v of data) if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; }
      return { kind: 'image', output: name, ...img, data, min, max, mask: min >= 0 && max <= 1, others: others(name) };
    }
  }
  for (const [name, t] of entries) {
    if (t.data.length === 1) return { kind: 'score', output: name, value: Number((t.data as ArrayLike<number>)[0]), others: others(name) };
  }
  for (const [name, t] of entries) {
    const r = t.dims.length;
    if ((r === 3 && t.dims[0] === 1) || r === 2) {
      if ((t.dims.at(-1) ?? 0) >= 2 && (t.dims.at(-2) ?? 0) >= 2) {
        const steps = argmaxSteps(t);
        return { kind: 'sequence', output: name, steps, text: labels.length ? ctcCollapse(steps, labels) : null, others: others(name) };
      }
    }
  }
  if (!Object.keys(outputs).length) return { kind: 'none', reason: 'the model returned no outputs' };
  const list = Object.entries(outputs).map(([n, t]) => `${n} ${t.type} ${shape(t)}`).join(', ');
  return { kind: 'none', reason: `no output is a class list, an image ([H, W], [1, H, W], [1, 1, H, W]), a single score or a [1, T, C] sequence (${list}); the Predict screen shows every value` };
}
