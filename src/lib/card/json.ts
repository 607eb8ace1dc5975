// Model card ⇄ JSON: the editable card as a plain object, read back with every field checked.
import { CardFormatError, emptyCard, type EditableCard } from './types.ts';

export function cardToJson(c: EditableCard): string {
  return `${JSON.stringify({ format: 'edgeprobe-model-card/1', ...c }, null, 2)}\n`;
}

/** Parses card JSON; unknown fields are ignored, wrong types are a CardFormatError naming the field. */
export function cardFromJson(text: string): EditableCard {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new CardFormatError(`the card is not valid JSON: ${(e as Error).message}`);
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new CardFormatError('a card must be a JSON object with at least "name"');
  const r = o as Record<string, unknown>;
  if (typeof r.name !== 'string' || !r.name) throw new CardFormatError('the card needs "name": a non-empty string');
  const card = emptyCard(r.name);
  for (const k of ['summary', 'intendedUse', 'outOfScope', 'trainingData', 'pipelineTag', 'license'] as const) {
    if (r[k] === undefined) continue;
    if (typeof r[k] !== 'string') throw new CardFormatError(`"${k}" must be a string, got ${JSON.stringify(r[k])}`);
    card[k] = r[k];
  }
  for (const k of ['limitations', 'labels', 'tags'] as const) {
    if (r[k] === undefined) continue;
    if (!Array.isArray(r[k]) || !(r[k] as unknown[]).every((v) => typeof v === 'string')) throw new CardFormatError(`"${k}" must be a list of strings`);
    card[k] = r[k] as string[];
  }
  if (r.metrics !== undefined) {
    if (!Array.isArray(r.metrics)) throw new CardFormatError('"metrics" must be a list of {type, value, dataset}');
    card.metrics = r.metrics.map((m: unknown, i) => {
      const x = m as Record<string, unknown> | null;
      if (typeof x?.type !== 'string' || typeof x.value !== 'number' || !Number.isFinite(x.value)) throw new CardFormatError(`metrics[${i}] needs "type" (string) and "value" (a finite number)`);
      return { type: x.type, value: x.value, dataset: typeof x.dataset === 'string' ? x.dataset : '' };
    });
  }
  return card;
}
