// Text samples for comparing a text model: JSONL objects or CSV rows with a text column (and an
// optional label), read strictly (invalid UTF-8, a missing column or an empty text are named errors).
import { parseCsv } from '../data/csv.ts';
import { stringAt, type Column } from '../data/table.ts';
import { decodeUtf8Strict } from '../text/utf8.ts';
import { DataFormatError } from '../tensors/errors.ts';

/** A samples file has no text column, or a sample lacks its text. */
export class TextColumnError extends Error {
  override name = 'TextColumnError';
}

/** One text with, when the file gives it, its true class index and name. */
export interface TextSample {
  text: string;
  label?: number;
  labelName?: string;
}

export interface TextSamples {
  samples: TextSample[];
  /** The column (CSV) or field (JSONL) the texts came from. */
  column: string;
  /** How the file was read, for display. */
  description: string;
}

export interface TextSampleOptions {
  /** The text column/field; default: one named text/sentence/description/…, else the only text column. */
  column?: string;
  /** Class names in score order (config.json id2label): a label given by name is mapped to its index. */
  labels?: readonly string[] | null;
}

/** Column names read as the text when none is given, in order of preference. */
export const TEXT_COLUMN_NAMES = ['text', 'sentence', 'description', 'content', 'review', 'comment', 'document', 'body'];
const LABEL_NAMES = ['label', 'labels', 'target', 'class', 'section', 'category', 'y'];

/** True for a file name this module reads (JSONL, CSV/TSV). */
export function isTextSampleFile(name: string): boolean {
  return /\.(jsonl|ndjson|csv|tsv)$/i.test(name);
}

function labelled(text: string, raw: unknown, labels: readonly string[] | null | undefined): TextSample {
  const s: TextSample = { text };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
    s.label = raw;
    if (labels?.[raw] !== undefined) s.labelName = labels[raw]!;
  } else if (typeof raw === 'string' && raw !== '') {
    s.labelName = raw;
    const i = labels ? labels.indexOf(raw) : -1;
    if (i >= 0) s.label = i;
  }
  return s;
}

function fromJsonl(body: string, file: string, opts: TextSampleOptions): TextSamples {
  const column = opts.column ?? 'text';
  const samples: TextSample[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new DataFormatError(`${file} line ${i + 1} is not valid JSON (${(e as Error).message}); expected {"${column}": "…", "label": …} per line`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DataFormatError(`${file} line ${i + 1} is not a JSON object; expected {"${column}": "…"}`);
    const o = obj as Record<string, unknown>;
    const text = o[column];
    if (typeof text !== 'string') {
      throw new TextColumnError(`${file} line ${i + 1} has no "${column}" string${text === undefined ? '' : ` (it is ${JSON.stringify(text)?.slice(0, 40)})`}; its fields are ${Object.keys(o).map((k) => `"${k}"`).join(', ') || 'none'}`);
    }
    if (text.trim() === '') throw new TextColumnError(`${file} line ${i + 1}: "${column}" is empty; every sample needs a text`);
    samples.push(labelled(text, o.label ?? o.labelName, opts.labels));
  });
  if (samples.length === 0) throw new DataFormatError(`${file} has no samples`);
  return { samples, column, description: `JSONL of texts ("${column}"), ${samples.length} samples${samples.some((s) => s.labelName !== undefined || s.label !== undefined) ? ' with labels' : ''}` };
}

function pickTextColumn(columns: readonly Column[], file: string, wanted?: string): Column {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  if (wanted !== undefined) {
    const c = columns.find((x) => x.name === wanted);
    if (!c) throw new TextColumnError(`${file} has no column "${wanted}"; its columns are ${names}`);
    return c;
  }
  const byName = TEXT_COLUMN_NAMES.map((n) => columns.find((c) => c.name.toLowerCase() === n)).find((c) => c !== undefined);
  if (byName) return byName;
  const strings = columns.filter((c) => c.kind === 'string');
  if (strings.length === 1) return strings[0]!;
  throw new TextColumnError(`${file}: which column holds the text? none is named ${TEXT_COLUMN_NAMES.slice(0, 4).join('/')}… and ${strings.length === 0 ? 'no column holds text' : `${strings.length} columns hold text`}; its columns are ${names} (name one with --text-column)`);
}

function fromCsv(body: string, file: string, opts: TextSampleOptions): TextSamples {
  const table = parseCsv(body);
  const col = pickTextColumn(table.columns, file, opts.column);
  if (col.kind !== 'string') throw new TextColumnError(`${file}: column "${col.name}" holds numbers, not text`);
  const labelCol = table.columns.find((c) => c !== col && LABEL_NAMES.includes(c.name.toLowerCase()));
  const samples: TextSample[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const text = stringAt(col, r);
    if (text === null || text.trim() === '') throw new TextColumnError(`${file} row ${r + 1}: column "${col.name}" is empty; every sample needs a text`);
    const raw = !labelCol ? undefined : labelCol.kind === 'number' ? labelCol.values[r] : stringAt(labelCol, r);
    samples.push(labelled(text, raw, opts.labels));
  }
  if (samples.length === 0) throw new DataFormatError(`${file} has no rows`);
  return { samples, column: col.name, description: `CSV of texts ("${col.name}"${labelCol ? `, label ${labelCol.name}` : ''}), ${samples.length} samples` };
}

/**
 * Read text samples from a file's bytes; the kind comes from its name (.jsonl/.ndjson or .csv/.tsv).
 * @throws InvalidUtf8Error, TextColumnError or DataFormatError naming the file and the line/row.
 */
export function readTextSamples(fileName: string, bytes: Uint8Array, opts: TextSampleOptions = {}): TextSamples {
  const body = decodeUtf8Strict(bytes, fileName);
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return fromJsonl(body, fileName, opts);
  if (/\.(csv|tsv)$/i.test(fileName)) return fromCsv(body, fileName, opts);
  throw new DataFormatError(`${fileName}: text samples are read from .jsonl (one {"text": "…"} per line) or .csv with a text column`);
}
