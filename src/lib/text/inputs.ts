// Token ids → the tensors a text model declares: input_ids, attention_mask, token_type_ids
// (and position_ids), padded to the longest text of the batch or to a fixed sequence dim.
import type { Dim, TensorMap, PlainTensor } from '../tensors/types.ts';
import type { TextEncoding, TokenFeed } from './tokenizer.ts';
import { ModelFolderError } from './errors.ts';
import { textInputRole, type TextInputRole } from './input-names.ts';

export interface DeclaredTextInput {
  name: string;
  /** Element type as onnxruntime names it: int64 or int32 for token inputs. */
  type: string;
  dims: readonly Dim[] | null;
}

type Fill = (row: TextEncoding, pos: number, padId: number) => number;

/** How each known input is filled at a position (positions past a text's end are padding). */
const FILLERS: Record<TextInputRole, Fill> = {
  input_ids: (r, p, pad) => (p < r.ids.length ? r.ids[p]! : pad),
  attention_mask: (r, p) => (p < r.ids.length ? 1 : 0),
  token_type_ids: () => 0,
  position_ids: (_r, p) => p,
};

/** Which filler an input name means (also "ids", "input", "tokens" for the ids). */
function fillerFor(name: string): Fill | undefined {
  const role = textInputRole(name);
  return role ? FILLERS[role] : undefined;
}

/** Sequence length for the batch: the declared fixed dim, else `chosen` (a shape the user set), else the longest encoding. */
export function sequenceLength(encodings: readonly TextEncoding[], inputs: readonly DeclaredTextInput[], chosen?: number): number {
  const fixed = inputs.map((i) => i.dims?.[1]).find((d): d is number => typeof d === 'number' && d > 0 && d < 2 ** 31 - 1);
  return fixed ?? chosen ?? Math.max(1, ...encodings.map((e) => e.ids.length));
}

/** The feeds for a batch of encodings, padded to `chosen` tokens when given; throws ModelFolderError for an input it cannot fill. */
export function textInputs(encodings: readonly TextEncoding[], inputs: readonly DeclaredTextInput[], padId: number, chosen?: number): TensorMap {
  const seq = sequenceLength(encodings, inputs, chosen);
  const over = encodings.find((e) => e.ids.length > seq);
  if (over) throw new ModelFolderError(`A text takes ${over.ids.length} tokens but the model's sequence dim is fixed at ${seq}.`);
  const out: TensorMap = {};
  for (const input of inputs) {
    const fill = fillerFor(input.name);
    if (!fill) throw new ModelFolderError(`The model's input "${input.name}" is not a text input (valid: input_ids, attention_mask, token_type_ids, position_ids).`);
    const values = new Array<number>(encodings.length * seq);
    encodings.forEach((e, b) => {
      for (let p = 0; p < seq; p++) values[b * seq + p] = fill(e, p, padId);
    });
    out[input.name] = toTensor(input.type, [encodings.length, seq], values);
  }
  return out;
}

/** The feed cut to `length` tokens (specials kept at the end), or whole when it is shorter. */
export function feedEncoding(feed: TokenFeed, length: number): TextEncoding {
  if (feed.ids.length <= length) return { ids: feed.ids.slice(), tokens: [], fullLength: feed.ids.length, truncated: false };
  const keep = Math.max(0, length - feed.suffix);
  const ids = [...feed.ids.slice(0, keep), ...feed.ids.slice(feed.ids.length - feed.suffix)].slice(0, length);
  return { ids, tokens: [], fullLength: feed.ids.length, truncated: true };
}

function toTensor(type: string, dims: number[], values: number[]): PlainTensor {
  if (type === 'int64') return { type: 'int64', dims, data: BigInt64Array.from(values, (v) => BigInt(v)) };
  if (type === 'int32') return { type: 'int32', dims, data: Int32Array.from(values) };
  if (type === 'float32') return { type: 'float32', dims, data: Float32Array.from(values) };
  throw new ModelFolderError(`A text input must be int64, int32 or float32; this one is ${type}.`);
}
