// Resolving a model's declared (possibly symbolic) input shapes to concrete dims, and checking a
// given tensor against the declaration before it reaches onnxruntime (whose errors are cryptic).
import type { Dim, PlainTensor } from './types.ts';
import { InputShapeError } from './errors.ts';

/** Why a dimension got the value it has. 'unknown': nothing says what it is, so the value is a
 * placeholder (1) and the user must be asked for a size (the CLI exits 2 asking for --shape). */
export interface DefaultedDim {
  index: number;
  /** The symbolic name (dim_param), or null for an unnamed unknown dim. */
  name: string | null;
  value: number;
  reason: 'batch' | 'spatial' | 'sequence' | 'hint' | 'unknown';
}

export interface ResolvedDims {
  dims: number[];
  /** Dims that were neither fixed in the model nor overridden: the UI shows these as editable defaults. */
  defaulted: DefaultedDim[];
}

/** Options for the name/layout-based defaults. */
export interface ResolveOptions {
  /** Image size the preprocessing uses (px); free spatial dims of an image-like input take it. */
  imageSize?: { height: number; width: number };
  /** Tokens per text a text model's tokenizer gives (its maximum length): free sequence dims take it. */
  sequenceLength?: number;
}

const BATCH = /^(n|b|bs|batch|batch_?size|batches|num_?samples|none|-1|\?)$/i;
const HEIGHT = /^(h|height|img_?h|image_?height|in_?h|input_?height)$/i;
const WIDTH = /^(w|width|img_?w|image_?width|in_?w|input_?width)$/i;
const SEQUENCE = /^(t|l|s|seq|seq_?len|seq_?length|sequence|sequence_?length|time|time_?steps|steps|len|length|num_?tokens|tokens)$/i;
/** Names exporters make up for free dims (tf2onnx unk__N, paddle2onnx p2o.DynamicDimension.N,
 * torch s0/dim_0, plain numbers): they say nothing about the dim, so they count as unnamed. */
const MADE_UP = /^(unk__\d+|p2o\.dynamicdimension\.\d+|dynamicdimension\.?\d*|s\d+|dim_?\d+|d\d+|\d+|\?|-1|none)$/i;

/** Default sizes for free dims by role: batch 1; image height/width 224 (the common vision input
 * size) unless the preprocessing says otherwise; sequence/time length 16. */
export const DEFAULT_DIM_SIZES = { batch: 1, spatial: 224, sequence: 16 } as const;

/** Largest dim onnxruntime can be handed: it reports unknown dims as 4294967295 (uint32 −1). */
const MAX_DIM = 2 ** 31 - 1;

/** True for a dim with a real fixed size; false for symbolic, unknown (null), negative (−1) and
 * 4294967295 (how onnxruntime-web reports a dim with neither value nor name). */
export function isFixedDim(d: Dim | undefined): d is number {
  return typeof d === 'number' && d >= 0 && d < MAX_DIM;
}

/** The dim's name when it is a real one (not empty, not an exporter-made placeholder), else null. */
export function meaningfulName(d: Dim | undefined): string | null {
  if (typeof d !== 'string') return null;
  const bare = d.trim().replace(/[\s-]+/g, '_');
  return bare === '' || MADE_UP.test(bare) ? null : bare;
}

/** Where the height and width sit in an image-like input: rank 4 with 1 or 3 channels fixed
 * (NCHW or NHWC), or dims named like height/width. null when the input does not look like an image. */
export function imageLayout(declared: readonly Dim[]): { h: number; w: number } | null {
  const hi = declared.findIndex((d) => HEIGHT.test(meaningfulName(d) ?? ''));
  const wi = declared.findIndex((d) => WIDTH.test(meaningfulName(d) ?? ''));
  if (hi >= 0 && wi >= 0) return { h: hi, w: wi };
  if (declared.length !== 4) return null;
  const ch = (d: Dim | undefined) => isFixedDim(d) && (d === 1 || d === 3);
  if (ch(declared[1]) && !ch(declared[3])) return { h: 2, w: 3 };
  if (ch(declared[3]) && !ch(declared[1])) return { h: 1, w: 2 };
  if (ch(declared[1])) return { h: 2, w: 3 };
  return null;
}

function guess(declared: readonly Dim[], index: number, opts: ResolveOptions): Pick<DefaultedDim, 'value' | 'reason'> {
  const name = meaningfulName(declared[index]);
  const layout = imageLayout(declared);
  if (layout && (index === layout.h || index === layout.w)) {
    const size = opts.imageSize ? (index === layout.h ? opts.imageSize.height : opts.imageSize.width) : DEFAULT_DIM_SIZES.spatial;
    return { value: size, reason: 'spatial' };
  }
  if (name !== null) {
    if (BATCH.test(name) || (index === 0 && /batch/i.test(name))) return { value: DEFAULT_DIM_SIZES.batch, reason: 'batch' };
    if (SEQUENCE.test(name)) return { value: opts.sequenceLength ?? DEFAULT_DIM_SIZES.sequence, reason: 'sequence' };
    return { value: 1, reason: 'unknown' };
  }
  // A free leading dim without a meaningful name is almost always the batch.
  if (index === 0 && declared.length > 1) return { value: DEFAULT_DIM_SIZES.batch, reason: 'batch' };
  return { value: 1, reason: 'unknown' };
}

/** The key an override uses for a free dim: its symbolic name, or its index for an unnamed one. */
export function dimKey(d: Dim | undefined, index: number): string {
  return typeof d === 'string' && d !== '' ? d : String(index);
}

/**
 * Turn declared dims into concrete ones. `overrides` maps a symbolic name (dim_param) — or, for an
 * unnamed dim, its index as a decimal string — to a size; `hints` (e.g. from model metadata or a
 * preprocessing spec) are used before the name/layout-based defaults. Fixed dims are kept as declared.
 * Dims reported as −1 or 4294967295 are free, like symbolic ones.
 * @throws InputShapeError when an override is not a non-negative integer.
 */
export function resolveDims(
  declared: readonly Dim[],
  overrides: Readonly<Record<string, number>> = {},
  hints: Readonly<Record<string, number>> = {},
  opts: ResolveOptions = {},
): ResolvedDims {
  const dims: number[] = [];
  const defaulted: DefaultedDim[] = [];
  declared.forEach((d, index) => {
    if (isFixedDim(d)) {
      dims.push(d);
      return;
    }
    const name = typeof d === 'string' && d !== '' ? d : null;
    const key = dimKey(d, index);
    if (Object.hasOwn(overrides, key)) {
      const v = overrides[key]!;
      if (!Number.isInteger(v) || v < 0 || v > MAX_DIM) {
        throw new InputShapeError(`dimension "${key}" must be a non-negative integer below 2^31, got ${v}`);
      }
      dims.push(v);
      return;
    }
    const g = name !== null && Object.hasOwn(hints, name) ? { value: hints[name]!, reason: 'hint' as const } : guess(declared, index, opts);
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

const fmt = (dims: readonly Dim[]) => `[${dims.map((d) => (isFixedDim(d) ? String(d) : typeof d === 'string' && d !== '' ? d : '?')).join(', ')}]`;

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
    if (isFixedDim(d) && d !== g) {
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
