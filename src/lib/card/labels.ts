// Class labels (or a sequence model's keys) as people keep them: one per line, typed in the card
// editor or read from a labels.txt / keys.txt file.
import { CardFormatError } from './types.ts';

/** More lines than any labels/keys file we know of (CJK OCR keys have ~7k); beyond is not a labels file. */
export const MAX_LABELS = 100_000;

/**
 * One label per line. A BOM and CR line ends are dropped; empty lines are skipped (a trailing
 * newline, a blank line typed by accident), but a line of spaces is kept: a keys file may list
 * the space character as a key. Throws CardFormatError for binary data or too many lines.
 */
export function parseLabels(text: string): string[] {
  if (text.includes('\u0000')) throw new CardFormatError('this is not a text file: a labels file has one label per line');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length > MAX_LABELS) throw new CardFormatError(`${lines.length} lines is more than a labels file holds (at most ${MAX_LABELS})`);
  return lines;
}

/** The labels as the editor shows them: one per line. */
export function labelsToText(labels: readonly string[]): string {
  return labels.join('\n');
}
