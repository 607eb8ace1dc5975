// Held-out samples named by a bundled model card: OIP request lines with their true label.
import { parseOipRequest } from '../../lib/tensors/oip.ts';
import type { TensorMap } from '../../lib/tensors/types.ts';
import type { ModelCard } from './catalog.ts';

export interface LabelledSample {
  inputs: TensorMap;
  label?: number;
  labelName?: string;
}

const cache = new Map<string, Promise<LabelledSample[]>>();

/** Parse a JSONL file of OIP request bodies (optionally with "label"/"labelName" fields). */
export function parseSamplesJsonl(text: string): LabelledSample[] {
  const out: LabelledSample[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let obj: { label?: number; labelName?: string };
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
    out.push({ inputs: parseOipRequest(obj).inputs, label: obj.label, labelName: obj.labelName });
  });
  return out;
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
