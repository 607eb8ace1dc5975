// Samples from a user's file, by its name: JSONL/JSON of OIP requests for any model; CSV, JSON
// rows or Parquet for a model with one [batch, width] numeric input. Shared by the app and the CLI.
import { DataFormatError } from '../tensors/errors.ts';
import type { ElementType } from '../tensors/types.ts';
import type { Dim } from '../tensors/types.ts';
import { parseCsv } from '../data/csv.ts';
import { parseJsonArray } from '../data/json.ts';
import { readParquet } from '../data/parquet.ts';
import type { Table } from '../data/table.ts';
import { parseRequestsJsonl, tableToSamples, type CompareSample, type TabularInput } from './samples.ts';

/** The model inputs as declared (ModelInfo/LoadResult inputs fit). */
export interface DeclaredInputs {
  inputs: { name: string; type: string; dims: Dim[] | null }[];
}

/** What a model card adds for tables: feature column names and class names. */
export interface CardHints {
  featureNames?: string[];
  labels?: readonly string[];
  labelColumn?: string;
}

export interface LoadedSamples {
  samples: CompareSample[];
  /** How the file was read, for display: e.g. "CSV, features precipitation…month, label weather". */
  description: string;
}

/** The single [batch, width] input a table can feed, or null when the model has another shape. */
export function tabularInput(model: DeclaredInputs): TabularInput | null {
  if (model.inputs.length !== 1) return null;
  const i = model.inputs[0]!;
  const width = i.dims?.[i.dims.length - 1];
  if (!i.dims || i.dims.length !== 2 || typeof width !== 'number' || width < 1) return null;
  if (!['float32', 'float64', 'int32', 'int64'].includes(i.type)) return null;
  return { name: i.name, type: i.type as ElementType, width };
}

function fromTable(table: Table, kind: string, model: DeclaredInputs, hints: CardHints): LoadedSamples {
  const input = tabularInput(model);
  if (!input) {
    const shapes = model.inputs.map((i) => `${i.name} [${(i.dims ?? []).join(', ')}]`).join(', ');
    throw new DataFormatError(`a ${kind} table can feed only a model with one [batch, features] input; this model takes ${shapes}: give a JSONL of OIP requests instead`);
  }
  const t = tableToSamples(table, input, hints);
  return { samples: t.samples, description: `${kind}, ${t.samples.length} rows, features ${t.featureColumns.join(', ')}${t.labelColumn ? `, label ${t.labelColumn}` : ''}` };
}

/**
 * Read samples from a file's bytes; the kind comes from the file name.
 * @throws DataFormatError naming the file and what was expected.
 */
export async function samplesFromFile(fileName: string, bytes: Uint8Array, model: DeclaredInputs, hints: CardHints = {}): Promise<LoadedSamples> {
  const lower = fileName.toLowerCase();
  const text = () => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DataFormatError(`${fileName} is not UTF-8 text`);
    }
  };
  const named = (e: unknown): never => {
    const err = e as Error;
    if (err.message.startsWith(fileName)) throw err;
    throw Object.assign(new DataFormatError(`${fileName}: ${err.message}`), { name: err.name === 'InputShapeError' ? 'InputShapeError' : 'DataFormatError' });
  };
  try {
    if (/\.(jsonl|ndjson)$/.test(lower)) {
      const samples = parseRequestsJsonl(text(), fileName);
      return { samples, description: `JSONL of OIP requests, ${samples.length} samples${samples.some((s) => s.label !== undefined) ? ' with labels' : ''}` };
    }
    if (lower.endsWith('.json')) {
      const t = text();
      const first = t.trimStart()[0];
      // One OIP request object (or JSONL saved as .json) vs an array of row objects.
      if (first === '{') {
        let whole: string | undefined;
        try {
          whole = JSON.stringify(JSON.parse(t));
        } catch {
          whole = undefined; // several objects: read it line by line
        }
        const samples = parseRequestsJsonl(whole ?? t, fileName);
        return { samples, description: `OIP request${samples.length > 1 ? 's' : ''}, ${samples.length} sample${samples.length > 1 ? 's' : ''}` };
      }
      return fromTable(parseJsonArray(t), 'JSON', model, hints);
    }
    if (/\.(csv|tsv|txt)$/.test(lower)) return fromTable(parseCsv(text()), 'CSV', model, hints);
    if (lower.endsWith('.parquet')) return fromTable(await readParquet(bytes), 'Parquet', model, hints);
  } catch (e) {
    named(e);
  }
  throw new DataFormatError(`${fileName}: unknown sample file type; give .jsonl (OIP requests, any model), or .csv/.json/.parquet rows (tabular models)`);
}
