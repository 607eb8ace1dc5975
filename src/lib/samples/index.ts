// The bundled sample-set index (public/samples/index.json): its one type, a checked parse, and the
// questions the screens ask of it (the sets of a model, drift pairs). Fetching lives in the app.

/** Kinds of sample set: OIP request lines, a CSV table, or a folder of images. */
export type SampleKind = 'oip-jsonl' | 'csv' | 'images';

/** One entry of samples/index.json. `file` is relative to the index; a folder ends in '/'. */
export interface SampleSetEntry {
  id: string;
  file: string;
  kind: SampleKind;
  /** The bundled model the set is for (its catalog id). */
  model: string;
  /** heldout = the model card's held-out set; reference/current = one side of a drift pair. */
  role: 'heldout' | 'reference' | 'current' | string;
  rows: number;
  /** The id of the other side of a drift pair. */
  pair?: string;
  description?: string;
  columns?: string[];
  /** A text set's column holding the text (text models). */
  textColumn?: string;
  /** A text set's column holding the true label. */
  labelColumn?: string;
  /** The files of an image folder, with their labels. */
  files?: { file: string; label?: number; labelName?: string }[];
}

/** A reference set and the current set it pairs with. */
export interface SamplePair {
  reference: SampleSetEntry;
  current: SampleSetEntry;
}

export class SampleIndexError extends Error {
  override name = 'SampleIndexError';
}

const KINDS: readonly string[] = ['oip-jsonl', 'csv', 'images'];

/** Check the parsed JSON of samples/index.json; entries of an unknown kind are dropped (a newer index). */
export function parseSampleIndex(json: unknown): SampleSetEntry[] {
  const list = (json as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(list)) throw new SampleIndexError('the sample index has no "samples" list');
  return list.filter((e, i): e is SampleSetEntry => {
    const o = e as Partial<SampleSetEntry> | null;
    if (!o || typeof o.id !== 'string' || typeof o.file !== 'string' || typeof o.model !== 'string' || typeof o.role !== 'string') {
      throw new SampleIndexError(`sample index entry ${i + 1} needs string id, file, model and role`);
    }
    return KINDS.includes(o.kind as string);
  });
}

/** The sets of one model, optionally of one kind. */
export function setsOfModel(entries: readonly SampleSetEntry[], model: string, kind?: SampleKind): SampleSetEntry[] {
  return entries.filter((e) => e.model === model && (kind === undefined || e.kind === kind));
}

/** Every reference set with the current set its `pair` names, in index order. */
export function samplePairs(entries: readonly SampleSetEntry[]): SamplePair[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: SamplePair[] = [];
  for (const e of entries) {
    const other = e.pair ? byId.get(e.pair) : undefined;
    if (e.role === 'reference' && other) out.push({ reference: e, current: other });
  }
  return out;
}

/**
 * The model's reference/current pair of one kind: the pair its reference names, else the first
 * current set of that kind; null when it has none.
 */
export function modelPair(entries: readonly SampleSetEntry[], model: string, kind: SampleKind): SamplePair | null {
  const sets = setsOfModel(entries, model, kind);
  const reference = sets.find((e) => e.role === 'reference');
  const current = reference && sets.find((e) => e.role === 'current' && (!reference.pair || e.id === reference.pair));
  return reference && current ? { reference, current } : null;
}
