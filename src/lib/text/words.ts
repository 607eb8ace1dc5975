// Word-level occlusion for text classifiers: each word left out in turn; a word's attribution is
// how much the predicted class's log-odds fall without it (positive = the word supports it). Log-odds,
// not probability: a confident model's probability barely moves when one word goes.

export interface WordSpan {
  word: string;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
}

/** Whitespace-separated words with their offsets. */
export function splitWords(text: string): WordSpan[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }));
}

/** The text with each word removed in turn (one variant per word, in order). */
export function occludedTexts(text: string, words: readonly WordSpan[]): string[] {
  return words.map((w) => (text.slice(0, w.start) + text.slice(w.end)).replace(/\s+/g, ' ').trim());
}

export interface WordAttribution extends WordSpan {
  /** log-odds(class | text) − log-odds(class | text without the word). */
  attribution: number;
}

/** Attributions from the full text's log-odds and each variant's log-odds of the same class. */
export function wordAttributions(words: readonly WordSpan[], full: number, without: readonly number[]): WordAttribution[] {
  return words.map((w, i) => ({ ...w, attribution: full - (without[i] ?? full) }));
}
