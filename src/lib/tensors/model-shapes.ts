// One concrete shape per model input, chosen once and used everywhere (Predict, Benchmark, Compare,
// Demo, the CLI): defaults a person would pick, free dims the user set, dims nobody can guess, and
// the checks that refuse a shape that cannot work before anything runs.
import type { Dim } from './types.ts';
import { dimKey, isFixedDim, resolveDims, type DefaultedDim, type ResolveOptions } from './shape.ts';
import { InputShapeError } from './errors.ts';

/** What shape choice needs to know about a model input. */
export interface ShapeInput {
  name: string;
  type: string;
  dims: readonly Dim[] | null;
}

/** Sizes the user chose for free dims, model-wide: a symbolic name applies to every input that
 * uses it (one `batch` for all); an unnamed dim is keyed `INPUT#INDEX`. */
export type DimChoices = Readonly<Record<string, number>>;

/** A free dim whose size nothing tells: it must be asked for. */
export interface UnknownDim {
  input: string;
  index: number;
  /** The key to set it under in DimChoices. */
  key: string;
  /** The name the file gives it (possibly exporter-made), or null. */
  name: string | null;
}

export interface ModelShapes {
  /** input name → concrete dims (unknown dims hold a placeholder 1 until chosen). */
  shapes: Record<string, number[]>;
  /** input name → dims that took a default. */
  defaulted: Record<string, DefaultedDim[]>;
  /** Dims that still need a size from the user. */
  unknown: UnknownDim[];
}

/** The DimChoices key of an input's free dim. */
export function choiceKey(input: string, d: Dim | undefined, index: number): string {
  return typeof d === 'string' && d !== '' ? d : `${input}#${index}`;
}

/** Concrete dims for every input: choices first, then hints by name, then name/layout defaults. */
export function modelShapes(inputs: readonly ShapeInput[], choices: DimChoices = {}, opts: ResolveOptions = {}): ModelShapes {
  const out: ModelShapes = { shapes: {}, defaulted: {}, unknown: [] };
  for (const inp of inputs) {
    const declared = inp.dims ?? [];
    const overrides: Record<string, number> = {};
    declared.forEach((d, i) => {
      const k = choiceKey(inp.name, d, i);
      if (!isFixedDim(d) && Object.hasOwn(choices, k)) overrides[dimKey(d, i)] = choices[k]!;
    });
    const r = resolveDims(declared, overrides, {}, opts);
    out.shapes[inp.name] = r.dims;
    out.defaulted[inp.name] = r.defaulted;
    for (const d of r.defaulted) {
      if (d.reason === 'unknown') out.unknown.push({ input: inp.name, index: d.index, key: choiceKey(inp.name, declared[d.index], d.index), name: d.name });
    }
  }
  return out;
}

/** "1×3×224×224"; a scalar is "scalar". */
export function formatShape(dims: readonly number[]): string {
  return dims.length === 0 ? 'scalar' : dims.join('×');
}

/** "x=1×3×224×224 y=1×5": the shapes a result ran at, for tables, legends and entry names. */
export function formatShapes(shapes: Readonly<Record<string, readonly number[]>>): string {
  return Object.entries(shapes).map(([n, d]) => `${n}=${formatShape(d)}`).join(' ');
}

/** The `--shape` argument that reproduces a shape: "x=1,3,224,224". */
export function shapeArgument(name: string, dims: readonly number[]): string {
  return `${name}=${dims.join(',')}`;
}

/** What asking for the unknown dims says, naming each and the flag that sets it. */
export function describeUnknown(unknown: readonly UnknownDim[], inputs: readonly ShapeInput[]): string {
  const parts = unknown.map((u) => {
    const decl = inputs.find((i) => i.name === u.input)?.dims ?? [];
    const shown = decl.map((d, i) => (i === u.index ? '?' : isFixedDim(d) ? String(d) : typeof d === 'string' && d !== '' ? d : '?'));
    return `input "${u.input}" dim ${u.index}${u.name ? ` (${u.name})` : ' (unnamed)'} of [${shown.join(', ')}]`;
  });
  return `nothing tells the size of ${parts.join('; ')}`;
}

/** Element-count ceiling onnxruntime accepts for one tensor (int32 indexing). */
export const MAX_ELEMENTS = 2 ** 31 - 1;
const ELEMENT_BYTES: Record<string, number> = {
  float64: 8, int64: 8, uint64: 8, float32: 4, int32: 4, uint32: 4, float16: 2, int16: 2, uint16: 2, bfloat16: 2,
};

/**
 * Refuse shapes that cannot work, by name, before anything runs: a missing or unknown input, a wrong
 * rank, a fixed dim changed, a negative or fractional size, more than 2^31 − 1 elements, or more
 * bytes in all than `maxBytes` (the memory the caller can give).
 * @throws InputShapeError naming the input and the problem.
 */
export function checkShapes(inputs: readonly ShapeInput[], shapes: Readonly<Record<string, readonly number[]>>, maxBytes = Infinity): void {
  let bytes = 0;
  for (const name of Object.keys(shapes)) {
    if (!inputs.some((i) => i.name === name)) throw new InputShapeError(`shape given for unknown input "${name}"; inputs: ${inputs.map((i) => i.name).join(', ')}`);
  }
  for (const inp of inputs) {
    const dims = shapes[inp.name];
    if (!dims) throw new InputShapeError(`no shape for input "${inp.name}"`);
    if (inp.dims && inp.dims.length !== dims.length) {
      throw new InputShapeError(`input "${inp.name}" has rank ${inp.dims.length} [${inp.dims.map((d) => d ?? '?').join(', ')}], the shape ${formatShape(dims)} has rank ${dims.length}`);
    }
    dims.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0) throw new InputShapeError(`input "${inp.name}" dim ${i} must be a non-negative integer, got ${v}`);
      const d = inp.dims?.[i];
      if (isFixedDim(d) && d !== v) throw new InputShapeError(`input "${inp.name}" dim ${i} is fixed at ${d} in the model, got ${v}`);
    });
    const count = dims.reduce((a, b) => a * b, 1);
    if (count > MAX_ELEMENTS) throw new InputShapeError(`input "${inp.name}" at ${formatShape(dims)} has ${count.toExponential(2)} elements, more than onnxruntime's 2^31 − 1`);
    bytes += count * (ELEMENT_BYTES[inp.type] ?? 1);
  }
  if (bytes > maxBytes) {
    throw new InputShapeError(`the inputs at these shapes need ${(bytes / 2 ** 20).toFixed(0)} MiB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB available`);
  }
}
