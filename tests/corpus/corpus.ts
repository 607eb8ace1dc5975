// The bad-input corpus as data: every file, where it goes in, and the message it must produce.
// Files live beside this module (models/, tensors/, data/) or are reused from tests/fixtures/models/;
// scripts/fixtures/make_corpus.ts and make_corpus_models.py write them. The huge CSV is made by
// hugeCsv() at test time. Node-only (tests).
import { resolve } from 'node:path';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const here = import.meta.dirname;
const root = resolve(here, '../..');

/** Absolute path of a corpus entry (paths are relative to the repository root). */
export const corpusPath = (p: string) => resolve(root, p);

/** Markup and script that must only ever show up as text (also written into the corpus files). */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=1;alert(1)</script>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor(\'alert(1)\')()}}',
] as const;

export interface ModelCase { file: string; path: string; message: RegExp }

/** Model files: each must be refused with a ModelLoadError whose message matches. */
export const corpusModels: ModelCase[] = [
  ['empty.onnx', /empty/],
  ['truncated.onnx', /truncated/],
  ['random_bytes.onnx', /corrupt/],
  ['png_renamed.onnx', /PNG image/],
  ['zip_renamed.onnx', /ZIP archive/],
  ['html_page.onnx', /HTML page/],
  ['graphless.onnx', /no graph/],
  ['custom_op.onnx', /operator|custom|domain/i],
].map(([f, m]) => ({ file: f as string, path: `tests/fixtures/models/${f}`, message: m as RegExp }))
  .concat([
    ['unknown_operator.onnx', /TotallyMadeUpOp/],
    ['future_opset.onnx', /opset|99/i],
    ['missing_input.onnx', /W_not_there/],
    ['shape_mismatch.onnx', /MatMul|shape|dimension/i],
  ].map(([f, m]) => ({ file: f as string, path: `tests/corpus/models/${f}`, message: m as RegExp })));

export interface TensorCase {
  file: string;
  path: string;
  /** 'error': refused with errorName; 'flagged': runs, and the output reports the non-finite values. */
  expect: 'error' | 'flagged';
  errorName?: string;
  message: RegExp;
}

const tensor = (file: string, expect: TensorCase['expect'], message: RegExp, errorName?: string): TensorCase => ({ file, path: `tests/corpus/tensors/${file}`, expect, message, errorName });

/** OIP request files, pasted as the weather model's input (features: FP32 [batch, 5]). */
export const corpusTensors: TensorCase[] = [
  tensor('nan.json', 'flagged', /NaN/),
  tensor('infinity.json', 'flagged', /NaN|±Inf/),
  tensor('all_nonfinite.json', 'flagged', /NaN/),
  tensor('wrong_shape.json', 'error', /features.*\[1, 4\]|4.*5|dimension/i, 'InputShapeError'),
  tensor('shape_data_mismatch.json', 'error', /needs 5 elements, data has 3/, 'InputShapeError'),
  tensor('huge_shape.json', 'error', /needs 5000000000 elements/, 'InputShapeError'),
  tensor('negative_dim.json', 'error', /non-negative integers/, 'DataFormatError'),
  tensor('wrong_datatype.json', 'error', /int64|float32|type/i, 'InputShapeError'),
  tensor('unknown_datatype.json', 'error', /unknown datatype "FP128"/, 'DataFormatError'),
  tensor('text_in_data.json', 'error', /expected a number.*"two"/, 'DataFormatError'),
  tensor('html_input_name.json', 'error', /onerror|features/, 'InputShapeError'),
  tensor('html_in_data.json', 'error', /expected a number/, 'DataFormatError'),
  tensor('no_inputs.json', 'error', /features/, 'InputShapeError'),
  tensor('not_oip.json', 'error', /needs "inputs"/, 'DataFormatError'),
  tensor('not_json.json', 'error', /not valid JSON/, 'DataFormatError'),
  tensor('empty.json', 'error', /not valid JSON/, 'DataFormatError'),
];

export interface DataCase {
  file: string;
  path: string;
  /**
   * 'error': the reader refuses it with a DataFormatError; 'read': it is read, names kept literally;
   * 'hang': decoding never ends (a corrupt page), so it must be cancellable with the page usable after.
   */
  expect: 'error' | 'read' | 'hang';
  message?: RegExp;
  /** For 'read': the column names exactly as the file has them. */
  columns?: string[];
}

const data = (file: string, expect: DataCase['expect'], m?: RegExp | string[]): DataCase =>
  ({ file, path: `tests/corpus/data/${file}`, expect, ...(Array.isArray(m) ? { columns: m } : { message: m }) });

/** Sample-set files (CSV, Parquet) for the data readers and the drift screen. */
export const corpusData: DataCase[] = [
  data('ragged.csv', 'error', /line 3: expected 3 fields/),
  data('latin1.csv', 'error', /invalid UTF-8.*must be UTF-8/),
  data('invalid_utf8.csv', 'error', /invalid UTF-8/),
  data('utf16.csv', 'error', /invalid UTF-8/),
  data('png_renamed.csv', 'error', /invalid UTF-8/),
  data('empty.csv', 'error', /empty/),
  data('bom_only.csv', 'error', /empty/),
  data('unterminated_quote.csv', 'error', /never closed/),
  data('mistyped.csv', 'read', ['precipitation', 'temp_max', 'wind']),
  data('header_only.csv', 'read', ['precipitation', 'temp_max', 'temp_min', 'wind', 'weather']),
  data('nul_bytes.csv', 'read', ['a', 'b']),
  data('duplicate_columns.csv', 'read', ['wind', 'wind.1', 'wind.2']),
  data('html_columns.csv', 'read', [HOSTILE[0], HOSTILE[1], HOSTILE[2]]),
  data('html_values.csv', 'read', ['label', 'value']),
  data('truncated.parquet', 'error', /not a readable Parquet file/),
  data('footer_cut.parquet', 'error', /not a readable Parquet file/),
  data('magic_only.parquet', 'error', /not a readable Parquet file/),
  data('bad_footer_length.parquet', 'error', /not a readable Parquet file/),
  data('csv_renamed.parquet', 'error', /not a readable Parquet file/),
  data('empty.parquet', 'error', /not a readable Parquet file|empty/),
  data('endless_page.parquet', 'hang'),
  data('mistyped.parquet', 'read', ['precipitation', 'temp_max']),
  data('invalid_utf8.parquet', 'read', ['name']),
  data('html_columns.parquet', 'read', [HOSTILE[0], HOSTILE[1]]),
];

/**
 * Write a CSV of about `megabytes` MB (weather-like columns) to `path`, streaming, for the
 * "huge file" cases; never committed.
 */
export async function hugeCsv(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('date,precipitation,temp_max,temp_min,wind,weather\n');
  let bytes = 0;
  let i = 0;
  const kinds = ['sun', 'rain', 'drizzle', 'snow', 'fog'];
  while (bytes < megabytes * 1e6) {
    let chunk = '';
    for (let k = 0; k < 10_000; k++, i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
      chunk += `${day},${(i * 7 % 50) / 10},${(i * 13 % 300) / 10},${(i * 11 % 200) / 10 - 5},${(i * 3 % 90) / 10},${kinds[i % 5]}\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
