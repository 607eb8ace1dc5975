// Text descriptors for drift: a free-text column becomes four numeric columns — length in
// characters, length in words, share of words unseen in the reference, share of non-letter
// characters — that are tested like any numeric column (as Evidently's text descriptors are).
import type { Column, NumberColumn, StringColumn } from '../data/table.ts';

/** Suffixes of the descriptor columns, after the text column's name and " · ". */
export const DESCRIPTORS = ['length (chars)', 'length (words)', 'unseen words share', 'non-letters share'] as const;

/** Role of a descriptor column in the report. */
export const DESCRIPTOR_ROLE = 'text descriptor';

/** Lower-cased words: runs of letters and digits (any script). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Share (0..1) of non-whitespace characters that are not letters; NaN for an empty text. */
export function nonLetterShare(text: string): number {
  let all = 0;
  let other = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    all++;
    if (!/\p{L}/u.test(ch)) other++;
  }
  return all ? other / all : NaN;
}

const num = (name: string, values: Float64Array): NumberColumn => ({ name, kind: 'number', dtype: 'float', values });

/** Rows per dictionary entry of a text column (missing rows, code −1, are not counted). */
function entryCounts(col: StringColumn): Int32Array {
  const n = new Int32Array(col.dictionary.length);
  for (const c of col.codes) if (c >= 0) n[c]!++;
  return n;
}

/** Rows containing each word (document frequency). */
function documentFrequency(col: StringColumn, words: string[][]): Map<string, number> {
  const counts = entryCounts(col);
  const df = new Map<string, number>();
  words.forEach((ws, e) => {
    if (!counts[e]) return;
    for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + counts[e]!);
  });
  return df;
}

/**
 * The four descriptor columns of one text column on each side. "Unseen" is against the reference's
 * words; for a reference row, against the *other* reference rows (leave-one-out), so the reference
 * is not 0 by construction. Missing texts are NaN in every descriptor.
 */
export function textDescriptorColumns(name: string, ref: StringColumn, cur: StringColumn): { name: string; reference: NumberColumn; current: NumberColumn }[] {
  const refWords = ref.dictionary.map(wordsOf);
  const curWords = cur.dictionary.map(wordsOf);
  const df = documentFrequency(ref, refWords);
  const perEntry = (col: StringColumn, words: string[][], unseen: (ws: string[]) => number) => {
    const chars = col.dictionary.map((s) => [...s].length);
    const nonLetters = col.dictionary.map(nonLetterShare);
    const out = DESCRIPTORS.map(() => new Float64Array(col.codes.length));
    col.codes.forEach((c, i) => {
      const ws = c >= 0 ? words[c]! : null;
      out[0]![i] = ws ? chars[c]! : NaN;
      out[1]![i] = ws ? ws.length : NaN;
      out[2]![i] = ws && ws.length ? unseen(ws) : NaN;
      out[3]![i] = ws ? nonLetters[c]! : NaN;
    });
    return out;
  };
  const share = (ws: string[], seen: (w: string) => boolean) => ws.filter((w) => !seen(w)).length / ws.length;
  const r = perEntry(ref, refWords, (ws) => share(ws, (w) => (df.get(w) ?? 0) > 1));
  const c = perEntry(cur, curWords, (ws) => share(ws, (w) => df.has(w)));
  return DESCRIPTORS.map((d, k) => ({ name: `${name} · ${d}`, reference: num(`${name} · ${d}`, r[k]!), current: num(`${name} · ${d}`, c[k]!) }));
}

/** Descriptor pairs for free-text column pairs (the caller picks them: plan.ts types them 'text'). */
export function textDescriptorPairs(pairs: readonly { name: string; ref: Column; cur: Column }[]): { name: string; role: string; ref: Column; cur: Column }[] {
  return pairs.flatMap((p) =>
    p.ref.kind === 'string' && p.cur.kind === 'string'
      ? textDescriptorColumns(p.name, p.ref, p.cur).map((d) => ({ name: d.name, role: DESCRIPTOR_ROLE, ref: d.reference, cur: d.current }))
      : [],
  );
}

/** Says on each descriptor column what it is and that it stays out of the dataset share. */
export function noteDescriptors(columns: { role: string; note?: string }[]): void {
  for (const c of columns) if (c.role === DESCRIPTOR_ROLE) c.note ??= 'text descriptor: tested like a numeric column, not counted in the dataset share';
}

