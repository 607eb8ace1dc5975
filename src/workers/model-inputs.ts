// Model input batches from a table (tabular [N, F] models: columns matched by the card's feature
// names) or from OIP samples (stacked along the batch dim when the model's batch dim is free).
import type { Table } from '../lib/data/table.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import type { ElementType, PlainTensor, TensorMap, TypedArray } from '../lib/tensors/types.ts';

type Batches = { batches: TensorMap[] } | { reason: string };

const FLOATS: Partial<Record<ElementType, (n: number) => TypedArray>> = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
};

/** [rows, F] batches of the feature columns, in the card's order; a reason when they do not fit. */
export function featureBatches(table: Table, plan: ModelPlan): Batches {
  const input = plan.inputs[0];
  if (!plan.features) {
    return { reason: plan.inputs.length === 1 && input.dims.length === 2
      ? 'the model card names no features for its input, so table columns cannot be matched to it'
      : 'the model does not take one [N, F] row of features; load OIP samples (JSONL) or images for it instead' };
  }
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = plan.features.filter((f) => !byName.has(f));
  if (missing.length) return { reason: `the set has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that the model needs (features: ${plan.features.join(', ')})` };
  const text = plan.features.filter((f) => byName.get(f)!.kind !== 'number');
  if (text.length) return { reason: `feature column${text.length > 1 ? 's' : ''} ${text.map((m) => `"${m}"`).join(', ')} hold${text.length > 1 ? '' : 's'} text; the model needs numbers` };
  const make = FLOATS[input.type];
  if (!make) return { reason: `the model's input "${input.name}" is ${input.type}; tables can feed float32 or float64 inputs` };
  const cols = plan.features.map((f) => (byName.get(f) as { values: Float64Array }).values);
  const F = cols.length;
  const per = input.dims[0] ?? plan.batchSize;
  const batches: TensorMap[] = [];
  for (let start = 0; start < table.rowCount; start += per) {
    const n = Math.min(per, table.rowCount - start);
    // A fixed batch dim gets a full batch: the tail is padded with zeros and its outputs ignored.
    const rows = input.dims[0] ?? n;
    const data = make(rows * F) as Float32Array | Float64Array;
    for (let r = 0; r < n; r++) for (let f = 0; f < F; f++) data[r * F + f] = cols[f][start + r];
    batches.push({ [input.name]: { type: input.type, dims: [rows, F], data } });
  }
  return { batches };
}

function concat(parts: PlainTensor[]): PlainTensor {
  // Always a copy: the batches are transferred away and the stored samples must stay intact.
  const first = parts[0];
  const total = parts.reduce((a, t) => a + t.data.length, 0);
  if (Array.isArray(first.data)) return { ...first, data: parts.flatMap((t) => t.data as string[]) };
  const Ctor = (first.data as TypedArray).constructor as new (n: number) => TypedArray;
  const data = new Ctor(total);
  let off = 0;
  for (const t of parts) {
    (data as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(t.data as ArrayLike<unknown>, off);
    off += t.data.length;
  }
  return { type: first.type, dims: [parts.reduce((a, t) => a + t.dims[0], 0), ...first.dims.slice(1)], data };
}

/** Batches of OIP samples; the model's input names must all be in each sample. */
export function sampleBatches(samples: TensorMap[], plan: ModelPlan): Batches {
  if (!samples.length) return { batches: [] };
  const names = plan.inputs.map((i) => i.name);
  const missing = names.filter((n) => !(n in samples[0]));
  if (missing.length) return { reason: `the samples have no input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; they have ${Object.keys(samples[0]).join(', ')}` };
  const stackable = plan.inputs.every((i) => i.dims[0] === null) &&
    samples.every((s) => names.every((n) => s[n].dims[0] === 1 && !Array.isArray(s[n].data) && s[n].type === samples[0][n].type));
  if (!stackable) return { batches: samples.map((s) => Object.fromEntries(names.map((n) => [n, concat([s[n]])]))) };
  const batches: TensorMap[] = [];
  for (let start = 0; start < samples.length; start += plan.batchSize) {
    const group = samples.slice(start, start + plan.batchSize);
    batches.push(Object.fromEntries(names.map((n) => [n, concat(group.map((s) => s[n]))])));
  }
  return { batches };
}
