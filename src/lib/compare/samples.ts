// Samples for a comparison from any source: JSONL of OIP requests, or a table (CSV/JSON/Parquet)
// whose columns are the model's features, with an optional label column.
import { parseSampleLines, type LabelledSample } from '../samples/jsonl.ts';
import { DataFormatError } from '../tensors/errors.ts';
import type { ElementType, PlainTensor, TensorMap, TypedArray } from '../tensors/types.ts';
import { stringAt, type Column, type Table } from '../data/table.ts';

/** One sample: the model inputs and, when known, the true class index and its name; a text
 * model's sample also keeps its text (its inputs are the token ids; a server may take the text). */
export type CompareSample = LabelledSample & { text?: string };

/**
 * Parse a JSONL of OIP request bodies, one per line, optionally with `label` (class index) and
 * `labelName` (the sample-set reader, src/lib/samples/jsonl.ts). Blank lines are skipped.
 * @throws DataFormatError naming the line, or when there are no samples.
 */
export function parseRequestsJsonl(text: string, source = 'samples'): CompareSample[] {
  return parseSampleLines(text, { source });
}

/** The model input a table feeds: one row becomes a [1, width] tensor of `type`. */
export interface TabularInput {
  name: string;
  type: ElementType;
  /** Features per row (the input's last dimension). */
  width: number;
}

export interface TableSamples {
  samples: CompareSample[];
  featureColumns: string[];
  labelColumn?: string;
}

const LABEL_NAMES = ['label', 'target', 'y', 'class'];

function labelColumnOf(table: Table, labels: readonly string[] | undefined, wanted?: string): Column | undefined {
  if (wanted !== undefined) {
    const c = table.columns.find((x) => x.name === wanted);
    if (!c) throw new DataFormatError(`label column "${wanted}" is not in the table; columns: ${table.columns.map((x) => x.name).join(', ')}`);
    return c;
  }
  const named = table.columns.find((c) => LABEL_NAMES.includes(c.name.toLowerCase()));
  if (named) return named;
  // A text column whose values are all class names (e.g. "weather": sun, rain, ...).
  if (labels && labels.length > 0) {
    return table.columns.find((c) => c.kind === 'string' && c.dictionary.length > 0 && c.dictionary.every((v) => labels.includes(v)));
  }
  return undefined;
}

function typedOf(type: ElementType, values: number[]): TypedArray {
  switch (type) {
    case 'float64': return Float64Array.from(values);
    case 'int32': return Int32Array.from(values);
    case 'int64': return BigInt64Array.from(values.map((v) => BigInt(Math.trunc(v))));
    case 'float32': return Float32Array.from(values);
    default: throw new DataFormatError(`a table can feed float32, float64, int32 or int64 inputs; this model's input is ${type}`);
  }
}

/**
 * Turn table rows into samples for a model with one [batch, width] input. Feature columns are
 * `featureNames` when given (the model card's), else the numeric columns other than the label.
 * The label column is `labelColumn`, else one named label/target/y/class, else a text column of
 * class names from `labels`.
 * @throws DataFormatError naming missing or extra columns and text in a feature column.
 */
export function tableToSamples(table: Table, input: TabularInput, opts: { featureNames?: string[]; labels?: readonly string[]; labelColumn?: string } = {}): TableSamples {
  const labelCol = labelColumnOf(table, opts.labels, opts.labelColumn);
  let features: Column[];
  if (opts.featureNames && opts.featureNames.length > 0) {
    const missing = opts.featureNames.filter((n) => !table.columns.some((c) => c.name === n));
    if (missing.length > 0) throw new DataFormatError(`the table lacks feature column${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}; it has ${table.columns.map((c) => `"${c.name}"`).join(', ')}`);
    features = opts.featureNames.map((n) => table.columns.find((c) => c.name === n)!);
  } else {
    features = table.columns.filter((c) => c !== labelCol && c.kind === 'number');
  }
  if (features.length !== input.width) {
    throw new DataFormatError(`input "${input.name}" takes ${input.width} features per row but the table gives ${features.length} (${features.map((c) => c.name).join(', ') || 'none'})${opts.featureNames ? '' : '; name the columns as the model card does, or drop the extra ones'}`);
  }
  const text = features.find((c) => c.kind !== 'number');
  if (text) throw new DataFormatError(`feature column "${text.name}" holds text; features must be numbers`);
  const samples: CompareSample[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const values = features.map((c) => (c.kind === 'number' ? c.values[r]! : NaN));
    const t: PlainTensor = { type: input.type, dims: [1, input.width], data: typedOf(input.type, values) };
    const s: CompareSample = { inputs: { [input.name]: t } };
    if (labelCol) {
      if (labelCol.kind === 'number') {
        const y = labelCol.values[r]!;
        if (Number.isInteger(y) && y >= 0) s.label = y;
      } else {
        const name = stringAt(labelCol, r);
        const idx = name === null || !opts.labels ? -1 : opts.labels.indexOf(name);
        if (name !== null) s.labelName = name;
        if (idx >= 0) s.label = idx;
      }
    }
    samples.push(s);
  }
  if (samples.length === 0) throw new DataFormatError('the table has no rows');
  const result: TableSamples = { samples, featureColumns: features.map((c) => c.name) };
  if (labelCol) result.labelColumn = labelCol.name;
  return result;
}

/** A deep copy of a sample's tensors (the engine takes ownership of buffers it is given). */
export function cloneInputs(inputs: TensorMap): TensorMap {
  const out: TensorMap = {};
  for (const [name, t] of Object.entries(inputs)) out[name] = { type: t.type, dims: t.dims.slice(), data: t.data.slice() as PlainTensor['data'] };
  return out;
}
