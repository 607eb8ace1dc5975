// The one definition of a table-row model's features: a model whose first input is [N, F] with a
// fixed F has F named fields (the card's names and units, else "feature i"). Every form, the
// Demo's explanations, its fairness groups and its feedback export read them from here.
import type { ModelInfo } from '../../lib/model/types.ts';
import type { ModelCard } from './catalog.ts';

export interface TableFeatures {
  /** The input the row goes to. */
  inputName: string;
  /** One name per column, in input order. */
  names: string[];
  /** Unit per feature name, where the card gives one. */
  units: Record<string, string>;
}

/** The features of a [N, F] first input, or null when the model does not take table rows. */
export function tableFeatures(m: { info: Pick<ModelInfo, 'inputs'>; card: ModelCard | null } | null | undefined): TableFeatures | null {
  const input = m?.info.inputs[0];
  const width = input?.dims?.length === 2 && typeof input.dims[1] === 'number' && input.dims[1] > 0 ? input.dims[1] : 0;
  if (!input || !width) return null;
  const cardInput = m.card?.inputs?.find((i) => i.name === input.name) ?? (m.card?.inputs?.length === 1 ? m.card.inputs[0] : undefined);
  const names = Array.from({ length: width }, (_, i) => cardInput?.featureNames?.[i] ?? `feature ${i}`);
  return { inputName: input.name, names, units: { ...(cardInput?.units ?? {}) } };
}
