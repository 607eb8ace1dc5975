// Baseline files: a JSONL of OIP responses (one line per sample, in sample order or paired by `id`) or a CSV of
// outputs (one row per sample; a column per element: `probs_0`, `probs[1]`, … or `score`).
import { parseOipResponse } from '../tensors/oip.ts';
import type { TensorMap } from '../tensors/types.ts';
import { parseCsv } from '../data/csv.ts';
import type { Table } from '../data/table.ts';
import { BaselineError } from './errors.ts';
import type { BaselineResult } from './types.ts';

/** Kind of a baseline file, from its name: `.jsonl`/`.ndjson`/`.json` → jsonl, `.csv`/`.tsv` → csv. */
export function baselineFileKind(fileName: string): 'jsonl' | 'csv' {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  throw new BaselineError('file', `baseline file "${fileName}" must be .jsonl (OIP responses, one per line) or .csv (outputs, one row per sample)`);
}

/**
 * Parse a JSONL of OIP response bodies: `{"model_name", "outputs": [{name, shape, datatype, data}]}`
 * per line, blank lines skipped. Each failure names the file and line.
 */
export function parseResponsesJsonl(text: string, source = 'baseline file'): BaselineResult[] {
  const out: BaselineResult[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new BaselineError('file', `${source} line ${i + 1} is not valid JSON (${(e as Error).message}); expected one OIP response object per line`);
    }
    try {
      const r = parseOipResponse(json);
      out.push(r.id === undefined ? { outputs: r.outputs } : { outputs: r.outputs, id: r.id });
    } catch (e) {
      throw new BaselineError('file', `${source} line ${i + 1}: ${(e as Error).message}`);
    }
  }
  if (out.length === 0) throw new BaselineError('file', `${source} holds no responses; expected one OIP response object per line`);
  return out;
}

/** What a CSV baseline must provide per sample: each output's name and its dims for one sample. */
export interface CsvOutputSpec {
  name: string;
  dims: number[];
}

function columnFor(table: Table, name: string, i: number): Table['columns'][number] | undefined {
  const wanted = [`${name}_${i}`, `${name}[${i}]`, `${name}.${i}`, `${name}:${i}`];
  return table.columns.find((c) => wanted.includes(c.name));
}

/**
 * Read a CSV of outputs: per output of `n` elements per sample, columns `name_0 … name_{n-1}`
 * (or `name[i]`, `name.i`, `name:i`), or one column `name` when n = 1. Empty cells become NaN.
 * @throws BaselineError 'missing-output' naming the absent columns; 'file' for text or bad CSV.
 */
export function parseOutputsCsv(text: string, outputs: readonly CsvOutputSpec[], source = 'baseline file'): BaselineResult[] {
  let table: Table;
  try {
    table = parseCsv(text);
  } catch (e) {
    throw new BaselineError('file', `${source}: ${(e as Error).message}`);
  }
  const columns: [string, number[], Float64Array[]][] = [];
  const absent: string[] = [];
  for (const spec of outputs) {
    const n = spec.dims.reduce((a, b) => a * b, 1);
    const cols: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const col = (n === 1 ? table.columns.find((c) => c.name === spec.name) : undefined) ?? columnFor(table, spec.name, i);
      if (!col) {
        absent.push(n === 1 ? spec.name : `${spec.name}_${i}`);
        continue;
      }
      if (col.kind !== 'number') throw new BaselineError('file', `${source}: column "${col.name}" holds text, expected numbers`);
      cols.push(col.values);
    }
    columns.push([spec.name, spec.dims, cols]);
  }
  if (absent.length > 0) {
    const shown = absent.slice(0, 6).map((c) => `"${c}"`).join(', ') + (absent.length > 6 ? ` and ${absent.length - 6} more` : '');
    throw new BaselineError('missing-output', `${source} lacks the column${absent.length > 1 ? 's' : ''} ${shown}; it has ${table.columns.map((c) => `"${c.name}"`).slice(0, 12).join(', ')}. Name a column per element: OUTPUT_0, OUTPUT_1, …`);
  }
  const results: BaselineResult[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const map: TensorMap = {};
    for (const [name, dims, cols] of columns) {
      const data = new Float64Array(cols.length);
      for (let i = 0; i < cols.length; i++) data[i] = cols[i]![r]!;
      map[name] = { type: 'float64', dims: dims.slice(), data };
    }
    results.push({ outputs: map });
  }
  return results;
}
