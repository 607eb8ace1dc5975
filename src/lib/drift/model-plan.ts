// What it takes to run a model over a data set for prediction drift: its inputs, the feature
// names of a tabular model (from its card), an image spec for image models, the output to read
// and the class labels. Pure: the data worker builds the tensors from this plan.
import type { ImageSpec } from '../preprocess/image.ts';
import type { ElementType } from '../tensors/types.ts';

export interface PlanInput {
  name: string;
  type: ElementType;
  /** declared dims: numbers, or null where symbolic/unknown */
  dims: (number | null)[];
}

/** A model as the data worker needs to know it. */
export interface ModelPlan {
  inputs: PlanInput[];
  /** column names in input order for a tabular [N, F] model (from the card's featureNames) */
  features: string[] | null;
  /** preprocessing for a 4-D image input */
  image: ImageSpec | null;
  /** output read for predictions (a [N, C] score tensor) */
  output: string;
  labels: string[] | null;
  /** rows per run when the batch dim is free; fixed batch dims are honoured */
  batchSize: number;
}

interface InfoLike {
  inputs: { name: string; type: string; dims: (number | string | null)[] | null }[];
  outputs: { name: string; type: string; dims: (number | string | null)[] | null }[];
}
interface CardLike {
  labels?: string[];
  inputs?: { featureNames?: string[]; features?: { name: string }[] }[];
}

const ELEMENT: ReadonlySet<string> = new Set(['float32', 'float64', 'float16', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool']);

/**
 * The plan for a loaded model, or a reason it cannot give prediction drift (no classifier-like
 * output, non-tensor inputs). Output: 'probabilities' when present, else the first output with
 * a last dim of at least 2 (scores per class).
 */
export function planModel(info: InfoLike, card: CardLike | null, image: ImageSpec | null, batchSize = 256): { plan: ModelPlan | null; reason: string | null } {
  if (!info.inputs.length) return { plan: null, reason: 'the model has no inputs to feed' };
  const bad = info.inputs.find((i) => !ELEMENT.has(i.type) || !i.dims);
  if (bad) return { plan: null, reason: `input "${bad.name}" is ${bad.type} with ${bad.dims ? 'a shape' : 'no declared shape'}; only numeric tensors of known rank can be fed from data` };
  const scoreLike = (o: InfoLike['outputs'][number]) => ELEMENT.has(o.type) && !!o.dims && o.dims.length <= 2 && (typeof o.dims.at(-1) !== 'number' || (o.dims.at(-1) as number) >= 2);
  const out = info.outputs.find((o) => o.name === 'probabilities' && scoreLike(o)) ?? info.outputs.find(scoreLike);
  if (!out) return { plan: null, reason: 'no output looks like class scores ([N, C] with C ≥ 2)' };
  const inputs: PlanInput[] = info.inputs.map((i) => ({
    name: i.name, type: i.type as ElementType, dims: i.dims!.map((d) => (typeof d === 'number' ? d : null)),
  }));
  const first = inputs[0];
  const cardInput = card?.inputs?.[0];
  const names = cardInput?.featureNames ?? cardInput?.features?.map((f) => f.name) ?? null;
  const features = inputs.length === 1 && first.dims.length === 2 && names && names.length === first.dims[1] ? names : null;
  const isImage = inputs.length === 1 && first.dims.length === 4;
  return {
    plan: { inputs, features, image: isImage ? image : null, output: out.name, labels: card?.labels ?? null, batchSize },
    reason: null,
  };
}
