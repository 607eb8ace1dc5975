// Held-out samples named by a bundled model card: OIP request lines with their true label.
import { parseSampleLines, type LabelledSample } from '../../lib/samples/jsonl.ts';
import type { ModelCard } from './catalog.ts';

export type { LabelledSample };

const cache = new Map<string, Promise<LabelledSample[]>>();

/** Parse a JSONL file of OIP request bodies (optionally with "label"/"labelName" fields); [] when blank. */
export function parseSamplesJsonl(text: string): LabelledSample[] {
  return parseSampleLines(text, { allowEmpty: true });
}

/** The card's held-out samples (cached), or an empty list when the card names none. */
export function heldoutSamples(card: ModelCard | null): Promise<LabelledSample[]> {
  const rel = (card?.files as { heldoutSamples?: string } | undefined)?.heldoutSamples;
  if (!rel) return Promise.resolve([]);
  const url = new URL(rel, new URL(`${import.meta.env.BASE_URL}models/`, location.href)).href;
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`could not read ${url}: HTTP ${r.status}`);
      return parseSamplesJsonl(await r.text());
    });
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

/** One of the card's held-out samples at random, or null when it has none. */
export async function randomHeldout(card: ModelCard | null): Promise<LabelledSample | null> {
  const all = await heldoutSamples(card);
  return all.length ? all[Math.floor(Math.random() * all.length)]! : null;
}
