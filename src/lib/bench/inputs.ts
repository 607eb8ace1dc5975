// Benchmark inputs: seeded random tensors for every model input, with the batch size set on a
// dynamic leading dim and whole shapes overridable by name (the CLI's --shape NAME=D1,D2,…).
import { generateInput } from '../tensors/generate.ts';
import { dimKey, isFixedDim, resolveDims } from '../tensors/shape.ts';
import { choiceKey, type DimChoices } from '../tensors/model-shapes.ts';
import type { Dim, ElementType, TensorMap } from '../tensors/types.ts';
import { BenchOptionsError } from './protocol.ts';
import { scalarHint, scalarTensor } from '../sequence/scalars.ts';

export interface DeclaredTensor {
  name: string;
  type: string;
  dims: Dim[] | null;
}

/** True when every input has a leading dim that is symbolic or unknown (so batch size can vary). */
export function hasDynamicBatch(inputs: readonly DeclaredTensor[]): boolean {
  return inputs.length > 0 && inputs.every((i) => i.dims !== null && i.dims.length > 0 && !isFixedDim(i.dims[0]));
}

/** Parse "NAME=D1,D2,…" into [name, dims]; throws BenchOptionsError naming the valid form. */
export function parseShapeOption(s: string): [string, number[]] {
  const eq = s.lastIndexOf('=');
  const name = s.slice(0, eq).trim();
  const dims = s.slice(eq + 1).split(/[,x×]/).map((d) => Number(d.trim()));
  if (eq <= 0 || dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new BenchOptionsError(`--shape "${s}" is not NAME=D1,D2,… with non-negative integer dims (e.g. image=1,1,28,28)`);
  }
  return [name, dims];
}

/**
 * Concrete shapes for one config: an explicit shape wins; otherwise free dims take the sizes in
 * `choices` (model-wide, keyed as DimChoices: symbolic name or `INPUT#INDEX`), else their defaults,
 * with the leading (batch) dim set to `batch` and a free dim at index 1 (a text model's sequence)
 * set to `seqLen` when given.
 * @throws BenchOptionsError for a shape naming an unknown input or with the wrong rank.
 */
export function benchShapes(
  inputs: readonly DeclaredTensor[], batch: number | null, shapes: Readonly<Record<string, number[]>> = {}, choices: DimChoices = {},
  seqLen: number | null = null,
): Record<string, number[]> {
  for (const name of Object.keys(shapes)) {
    if (!inputs.some((i) => i.name === name)) {
      throw new BenchOptionsError(`--shape names unknown input "${name}"; inputs: ${inputs.map((i) => i.name).join(', ')}`);
    }
  }
  const out: Record<string, number[]> = {};
  for (const i of inputs) {
    const given = shapes[i.name];
    if (given) {
      if (i.dims && i.dims.length !== given.length) {
        throw new BenchOptionsError(`--shape ${i.name} has rank ${given.length}, but the model declares rank ${i.dims.length} [${i.dims.join(', ')}]`);
      }
      out[i.name] = given.slice();
      continue;
    }
    const dims = i.dims ?? [];
    const overrides: Record<string, number> = {};
    dims.forEach((d, k) => {
      const key = choiceKey(i.name, d, k);
      if (!isFixedDim(d) && Object.hasOwn(choices, key)) overrides[dimKey(d, k)] = choices[key]!;
    });
    if (batch !== null && dims.length > 0 && !isFixedDim(dims[0])) overrides[dimKey(dims[0], 0)] = batch;
    if (seqLen !== null && dims.length > 1 && !isFixedDim(dims[1])) overrides[dimKey(dims[1], 1)] = seqLen;
    out[i.name] = resolveDims(dims, overrides).dims;
  }
  return out;
}

/** What the model says about its scalar inputs' values (its metadata_props and doc_string). */
export interface ScalarSource {
  metadata?: Readonly<Record<string, string>>;
  docString?: string;
}

/**
 * Seeded random tensors (reproducible across runtimes) for the given shapes; a scalar input with a
 * hint (a sample rate `sr` → 16000, or the value the model's metadata gives) holds that value, as in
 * Predict and `edgeprobe run`: a random sample rate is no input the model was made for.
 */
export function benchInputs(inputs: readonly DeclaredTensor[], shapes: Readonly<Record<string, number[]>>, seed = 0, model: ScalarSource = {}): TensorMap {
  const out: TensorMap = {};
  inputs.forEach((i, k) => {
    const hint = scalarHint(i, model);
    out[i.name] = hint
      ? scalarTensor(i.type, shapes[i.name]!, hint.value)
      : generateInput({ type: i.type as ElementType, dims: shapes[i.name]! }, 'random', seed + k);
  });
  return out;
}
