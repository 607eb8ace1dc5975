// The model card as the demo view edits it: the parts people read (what it is for, the data, how
// well it does, where it fails), independent of the bundled card JSON's richer, technical fields.

export interface CardMetric {
  /** e.g. "accuracy" (Hugging Face metric type names). */
  type: string;
  value: number;
  /** The data it was measured on, in words (e.g. "219 held-out days"). */
  dataset: string;
}

export interface EditableCard {
  name: string;
  /** One paragraph: what the model does. */
  summary: string;
  intendedUse: string;
  outOfScope: string;
  trainingData: string;
  metrics: CardMetric[];
  limitations: string[];
  /** Class names in output order, when it is a classifier. */
  labels: string[];
  /** Hugging Face pipeline tag, e.g. "image-classification". */
  pipelineTag: string;
  /** SPDX id or "other". */
  license: string;
  tags: string[];
}

/** A card file that could not be read; the message says which field and what is valid. */
export class CardFormatError extends Error {
  override name = 'CardFormatError';
}

export function emptyCard(name = 'Untitled model'): EditableCard {
  return { name, summary: '', intendedUse: '', outOfScope: '', trainingData: '', metrics: [], limitations: [], labels: [], pipelineTag: '', license: 'other', tags: ['onnx'] };
}
