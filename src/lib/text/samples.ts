// Text samples from a file, for the text box's examples: a CSV with a text column (and a label
// column), JSONL objects {"text", "label"}, or plain lines. Strict UTF-8: bad bytes are named.
import { decodeUtf8Strict } from './utf8.ts';
import { parseCsv } from '../data/csv.ts';
import { DataFormatError, stringAt, type StringColumn } from '../data/table.ts';

/** One sample: the text and, when the file says, its true label. */
export interface TextSample {
  text: string;
  label: string | null;
}

const TEXT_NAMES = /^(text|sentence|description|review|comment|content|document|body)s?$/i;
const LABEL_NAMES = /^(label|labels|class|category|section|target|y)$/i;

/** Mean length of a string column's values (characters): the text column is the longest one. */
function meanLength(c: StringColumn): number {
  let sum = 0;
  for (const code of c.codes) sum += code < 0 ? 0 : c.dictionary[code]!.length;
  return sum / Math.max(1, c.codes.length);
}

function fromCsv(body: string, what: string): TextSample[] {
  const table = parseCsv(body);
  const strings = table.columns.filter((c): c is StringColumn => c.kind === 'string');
  const text = strings.find((c) => TEXT_NAMES.test(c.name)) ?? [...strings].sort((a, b) => meanLength(b) - meanLength(a))[0];
  if (!text) throw new DataFormatError(`${what} has no text column (columns: ${table.columns.map((c) => c.name).join(', ')}); name one "text".`);
  const label = strings.find((c) => c !== text && LABEL_NAMES.test(c.name)) ?? null;
  const out: TextSample[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const t = stringAt(text, i);
    if (t !== null && t.trim() !== '') out.push({ text: t, label: label ? stringAt(label, i) : null });
  }
  return out;
}

function fromLines(body: string, what: string): TextSample[] {
  return body.split(/\r?\n/).filter((l) => l.trim() !== '').map((l, i) => {
    if (!l.trimStart().startsWith('{')) return { text: l, label: null };
    let v: { text?: unknown; label?: unknown };
    try {
      v = JSON.parse(l) as typeof v;
    } catch (e) {
      throw new DataFormatError(`${what} line ${i + 1} starts like JSON but is not: ${(e as Error).message}`);
    }
    if (typeof v.text !== 'string') throw new DataFormatError(`${what} line ${i + 1}: a JSON line needs a "text" string`);
    return { text: v.text, label: v.label === undefined || v.label === null ? null : String(v.label) };
  });
}

/**
 * Samples from a file's bytes: `.csv` (or `.tsv`) by its columns, anything else as one text per
 * line or JSONL. InvalidUtf8Error names the first bad byte; DataFormatError says what else is wrong.
 */
export function parseTextSamples(bytes: Uint8Array, fileName: string): TextSample[] {
  const what = `"${fileName}"`;
  const body = decodeUtf8Strict(bytes, what);
  const samples = /\.(csv|tsv)$/i.test(fileName) ? fromCsv(body, what) : fromLines(body, what);
  if (!samples.length) throw new DataFormatError(`${what} holds no texts.`);
  return samples;
}

/** Up to `n` samples, one per label first (so every class is shown), in file order. */
export function pickExamples(samples: readonly TextSample[], n: number): TextSample[] {
  const picked = new Map<string, TextSample>();
  samples.forEach((s, i) => {
    if (picked.size < n && !picked.has(s.label ?? `#${i}`)) picked.set(s.label ?? `#${i}`, s);
  });
  return [...picked.values()];
}
