// A served text model: a Hugging Face-style folder (model.onnx + tokenizer.json + config.json)
// served with one BYTES input, "text"; the server tokenizes with the folder's own tokenizer.json
// (the same tokenizer library as the app) and feeds the model's token inputs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFolder, type TextModelFolder } from '../lib/text/folder.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { textInputs } from '../lib/text/inputs.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import { DataFormatError } from '../lib/tensors/errors.ts';

/** The BYTES input a text model is served with. */
export const TEXT_INPUT = 'text';

/** Largest file of a folder read besides model.onnx (tokenizer/config JSON), bytes. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** What the server keeps for a text model: the tokenizer and the model's own token inputs. */
export interface ServedText {
  tokenizer: TextTokenizer;
  /** The ONNX model's inputs (input_ids, attention_mask, …) as onnxruntime declares them. */
  tokenInputs: { name: string; type: string; dims: (number | string | null)[] | null }[];
  labels: string[] | null;
}

/** True when `path` is a directory (a model folder), not a file. */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * Read a folder's tokenizer and config (the model file itself is loaded by the session pool).
 * @throws TokenizerMissingError / ModelFolderError / VocabularyMismatchError from src/lib/text.
 */
export function readServedFolder(dir: string): { modelPath: string; folder: Omit<TextModelFolder, 'model'> } {
  const files = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const onnx = files.includes('model.onnx') ? 'model.onnx' : files.find((n) => n.endsWith('.onnx'));
  // model.onnx is not read here (the pool reads it): an empty stand-in keeps readModelFolder's checks.
  const read = files
    .filter((n) => n.endsWith('.json') || n === onnx)
    .map((n) => ({ name: n, data: n === onnx ? new Uint8Array(0) : readJson(join(dir, n)) }));
  const folder = readModelFolder(read);
  return { modelPath: join(dir, folder.modelName), folder };
}

function readJson(path: string): Uint8Array {
  if (statSync(path).size > MAX_JSON_BYTES) throw new DataFormatError(`${path} is over ${MAX_JSON_BYTES} bytes: not a tokenizer or config file`);
  return readFileSync(path);
}

/**
 * The token feeds for a BYTES text tensor of shape [N]: each text tokenized (cut to the model's
 * maximum length) and the batch padded to its longest text.
 * @throws DataFormatError when the tensor is not a flat list of texts.
 */
export function tokenFeeds(text: ServedText, t: PlainTensor): Record<string, PlainTensor> {
  if (t.type !== 'string' || t.dims.length !== 1) throw new DataFormatError(`input "${TEXT_INPUT}" must be BYTES of shape [N] (one text each); got ${t.type} [${t.dims.join(', ')}]`);
  const texts = t.data as string[];
  if (texts.length === 0) throw new DataFormatError(`input "${TEXT_INPUT}" holds no text`);
  const encodings = texts.map((s) => text.tokenizer.encode(String(s)));
  return textInputs(encodings, text.tokenInputs, text.tokenizer.padId);
}
