// Resolving a model's declared (possibly symbolic) input shapes to concrete dims, and checking a
// given tensor against the declaration before it reaches onnxruntime (whose errors are cryptic).
import type { Dim, PlainTensor } from './types.ts';
import { InputShapeError } from './errors.ts';

/** Why a dimension got the value it has. */
export interface DefaultedDim {
  index: number;
  /** The symbolic name (dim_param), or null for an unnamed unknown dim. */
  name: string | null;
  value: number;
  reason: 'batch' | 'spatial' | 'sequence' | 'hint' | 'fallback';
}

export interface ResolvedDims {
  dims: number[];
  /** Dims that were neither fixed in the model nor overridden: the UI shows these as editable defaults. */
  defaulted: DefaultedDim[];
}

const BATCH = /^(n|b|bs|batch|batch_?size|batches|num_?samples|none|-1|\?)$/i;
const SPATIAL = /^(h|w|height|width|img_?h|img_?w|image_?height|image_?width|in_?h|in_?w|input_?height|input_?width)$/i;
const SEQUENCE = /^(t|l|s|seq|seq_?len|seq_?length|sequence|sequence_?length|time|time_?steps|steps|len|length|num_?tokens|tokens)$/i;

/** Default sizes for symbolic dims by role: batch 1; image height/width 224 (the common vision
 * input size); sequence/time length 16; anything else 1. */
export const DEFAULT_DIM_SIZES = { batch: 1, spatial: 224, sequence: 16, fallback: 1 } as const;

function guess(name: string | null, index: number, rank: number): Pick<DefaultedDim, 'value' | 'reason'> {
  if (name === null) {
    // An unnamed unknown leading dim is almost always the batch.
    return index === 0 && rank > 1 ? { value: 1, reason: 'batch' } : { value: 1, reason: 'fallback' };
  }
  const bare = name.trim().replace(/[\s-]+/g, '_');
  if (BATCH.test(bare) || (index === 0 && /^(unk__\d+$|.*batch)/i.test(bare))) return { value: DEFAULT_DIM_SIZES.batch, reason: 'batch' };
  if (SPATIAL.test(bare)) return { value: DEFAULT_DIM_SIZES.spatial, reason: 'spatial' };
  if (SEQUENCE.test(bare)) return { value: DEFAULT_DIM_SIZES.sequence, reason: 'sequence' };
  return { value: DEFAULT_DIM_SIZES.fallback, reason: 'fallback' };
}

/**
 * Turn declared dims into concrete ones. `overrides` maps a symbolic name (dim_param) — or, for an
 * unnamed dim, its index as a decimal string — to a size; `hints` (e.g. from model metadata or a
 * preprocessing spec) are used before the name-based defaults. Fixed dims are kept as declared.
 * @throws InputShapeError when an override is not a non-negative integer.
 */
export function resolveDims(
  declared: readonly Dim[],
  overrides: Readonly<Record<string, number>> = {},
  hints: Readonly<Record<string, number>> = {},
): ResolvedDims {
  const dims: number[] = [];
  const defaulted: DefaultedDim[] = [];
  declared.forEach((d, index) => {
    if (typeof d === 'number' && d >= 0) {
      dims.push(d);
      return;
    }
    const name = typeof d === 'string' && d !== '' ? d : null;
    const key = name ?? String(index);
    if (Object.hasOwn(overrides, key)) {
      const v = overrides[key]!;
      if (!Number.isInteger(v) || v < 0) {
        throw new InputShapeError(`dimension "${key}" must be a non-negative integer, got ${v}`);
      }
      dims.push(v);
      return;
    }
    const g = name !== null && Object.hasOwn(hints, name) ? { value: hints[name]!, reason: 'hint' as const } : guess(name, index, declared.length);
    dims.push(g.value);
    defaulted.push({ index, name, ...g });
  });
  return { dims, defaulted };
}

/** What `checkInput` needs to know about a declared model input. */
export interface DeclaredInput {
  name: string;
  /** Element type name as the model declares it (e.g. 'float32', 'int64', 'bfloat16'). */
  type: string;
  /** Declared dims, or null when the model does not declare a rank. */
  dims: readonly Dim[] | null;
}

const fmt = (dims: readonly Dim[]) => `[${dims.map((d) => (d === null ? '?' : typeof d === 'string' ? d : String(d))).join(', ')}]`;

/**
 * Check a tensor against its declared input: element type, rank, fixed dims, and (via `bindings`,
 * shared across the inputs of one call) that a symbolic dim has one size across inputs.
 * @throws InputShapeError naming the input, the declared and the given type/shape.
 */
export function checkInput(declared: DeclaredInput, tensor: PlainTensor, bindings: Map<string, number> = new Map()): void {
  const where = `input "${declared.name}"`;
  if (declared.type !== tensor.type) {
    throw new InputShapeError(`${where} expects element type ${declared.type}, got ${tensor.type}`);
  }
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.data.length) {
    throw new InputShapeError(`${where}: dims [${tensor.dims.join(', ')}] need ${count} elements, data has ${tensor.data.length}`);
  }
  if (declared.dims === null) return;
  const want = declared.dims;
  const given = `[${tensor.dims.join(', ')}]`;
  if (want.length !== tensor.dims.length) {
    throw new InputShapeError(`${where} expects rank ${want.length} ${fmt(want)}, got rank ${tensor.dims.length} ${given}`);
  }
  want.forEach((d, i) => {
    const g = tensor.dims[i]!;
    if (typeof d === 'number' && d >= 0 && d !== g) {
      throw new InputShapeError(`${where} expects shape ${fmt(want)}, got ${given} (dim ${i} must be ${d})`);
    }
    if (typeof d === 'string' && d !== '') {
      const bound = bindings.get(d);
      if (bound !== undefined && bound !== g) {
        throw new InputShapeError(`${where} has ${d}=${g} at dim ${i}, but another input set ${d}=${bound}`);
      }
      bindings.set(d, g);
    }
  });
}

/**
 * Check a whole feed: every declared input present, no unknown names, each tensor matching.
 * @throws InputShapeError naming the missing/unknown/mismatching input and listing the valid names.
 */
export function checkInputs(declared: readonly DeclaredInput[], tensors: Readonly<Record<string, PlainTensor>>): void {
  const names = declared.map((d) => d.name);
  for (const name of Object.keys(tensors)) {
    if (!names.includes(name)) throw new InputShapeError(`unknown input "${name}"; the model's inputs are: ${names.join(', ')}`);
  }
  const bindings = new Map<string, number>();
  for (const d of declared) {
    const t = tensors[d.name];
    if (t === undefined) throw new InputShapeError(`missing input "${d.name}" ${d.type} ${fmt(d.dims ?? [])}; the model's inputs are: ${names.join(', ')}`);
    checkInput(d, t, bindings);
  }
}
