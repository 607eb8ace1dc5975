// `edgeprobe compare DIR --samples TEXTS`: a model folder's text samples (JSONL "text" field or a
// CSV text column) tokenized here with the folder's tokenizer.json into [1, L] token tensors, L
// from --shape (else the tokenizer's maximum length); each sample keeps its text for a BYTES server.
import { join } from 'node:path';
import type { TextModelFolder } from '../lib/text/folder.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { textFeedsPerSample } from '../lib/text/pipeline.ts';
import { readTextSamples } from '../lib/compare/text-samples.ts';
import type { CompareSample } from '../lib/compare/samples.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import { readUserFile } from './io.ts';

export interface TextCompareSamples {
  samples: CompareSample[];
  description: string;
  /** The token shapes the samples are at (input name → [1, L]). */
  shapes: Record<string, number[]>;
  /** Where the folder's model file is (the device side loads it). */
  modelPath: string;
  labels: string[] | null;
}

/**
 * Read and tokenize text samples for a folder's model.
 * @param sequence tokens per text (padding and truncation), from --shape; default the tokenizer's maximum length.
 * @throws TextColumnError / InvalidUtf8Error / DataFormatError naming the file and line or row.
 */
export function textCompareSamples(dir: string, folder: TextModelFolder, info: Pick<ModelInfo, 'inputs'>, samplesFile: string, opts: { column?: string; sequence?: number }): TextCompareSamples {
  const read = readTextSamples(samplesFile, readUserFile(samplesFile, 'samples'), { labels: folder.config.labels, ...(opts.column ? { column: opts.column } : {}) });
  const tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
  const sequence = opts.sequence ?? folder.config.maxLength;
  const { feeds, truncated } = textFeedsPerSample(tok, info.inputs, read.samples.map((s) => s.text), sequence);
  const samples: CompareSample[] = read.samples.map((s, i) => ({ ...s, inputs: feeds[i]! }));
  const shapes: Record<string, number[]> = {};
  for (const [name, t] of Object.entries(feeds[0] ?? {})) shapes[name] = t.dims.slice();
  const cut = truncated ? `; ${truncated} cut to ${sequence} tokens` : '';
  return { samples, description: `${read.description}, tokenized to ${sequence} tokens${cut}`, shapes, modelPath: join(dir, folder.modelName), labels: folder.config.labels };
}

/** The sequence length --shape asks for: the second dim of any token input given. */
export function sequenceFromShapes(info: Pick<ModelInfo, 'inputs'>, given: Readonly<Record<string, number[]>> | undefined): number | undefined {
  for (const i of info.inputs) {
    const d = given?.[i.name];
    if (d && d.length === 2) return d[1];
  }
  return undefined;
}
