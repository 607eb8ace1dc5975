// A Hugging Face-style model folder (model.onnx + tokenizer.json + tokenizer_config.json +
// special_tokens_map.json + config.json) read from plain files: which file is which, labels,
// maximum length, and the checks that stop a tokenizer that cannot fit the model.
import { decodeUtf8Strict } from './utf8.ts';
import { ModelFolderError, TokenizerMissingError, VocabularyMismatchError } from './errors.ts';
import { isTokenIdsInput } from './input-names.ts';
import { embeddingRows } from '../model/embedding.ts';

/** One file of a folder: its path inside the folder (or just its name) and bytes. */
export interface FolderFile {
  name: string;
  data: Uint8Array;
}

/** What the tokenizer needs, as parsed JSON (plain data: crosses the worker boundary). */
export interface TokenizerFiles {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

/** The parts of config.json edgeprobe uses. */
export interface TextModelConfig {
  /** Class names by output index (config.json id2label); null when the folder has none. */
  labels: string[] | null;
  /** Rows of the model's embedding table (config.json vocab_size), when declared. */
  vocabSize: number | null;
  /** Tokens per text after truncation (incl. [CLS]/[SEP]). */
  maxLength: number;
  /** Output holding a pooled sentence embedding, when the model has one. */
  pooledOutput: string | null;
}

export interface TextModelFolder {
  modelName: string;
  model: Uint8Array;
  /** Other non-JSON files (external weights), by their name in the folder. */
  externalData: { path: string; data: Uint8Array }[];
  tokenizer: TokenizerFiles;
  config: TextModelConfig;
  /** Entries in the tokenizer's vocabulary (model vocab + added tokens; highest id + 1). */
  tokenizerVocabSize: number;
}

/** Used when neither config.json nor tokenizer_config.json gives a limit (BERT's). */
export const DEFAULT_MAX_LENGTH = 512;

const base = (name: string) => name.split(/[\\/]/).pop() ?? name;

function json(file: FolderFile | undefined, what: string): Record<string, unknown> | undefined {
  if (!file) return undefined;
  const text = decodeUtf8Strict(file.data, what);
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new ModelFolderError(`${what} is not a JSON object (${(e as Error).message}).`);
  }
}

/** True when these files look like a model folder (an .onnx with a tokenizer or config beside it). */
export function isModelFolder(files: readonly FolderFile[]): boolean {
  const names = files.map((f) => base(f.name));
  return names.some((n) => n.endsWith('.onnx')) && names.some((n) => n === 'tokenizer.json' || n === 'config.json');
}

/** Highest id + 1 over the WordPiece/BPE/Unigram vocabulary and the added tokens. */
export function tokenizerVocabSize(tokenizerJson: Record<string, unknown>): number {
  const model = tokenizerJson.model as { vocab?: Record<string, number> | [string, number][] } | undefined;
  let max = -1;
  const vocab = model?.vocab;
  if (Array.isArray(vocab)) max = vocab.length - 1; // Unigram: [piece, score][] indexed by position
  else if (vocab) for (const id of Object.values(vocab)) max = Math.max(max, id);
  for (const t of (tokenizerJson.added_tokens as { id: number }[] | undefined) ?? []) max = Math.max(max, t.id);
  return max + 1;
}

function positive(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 1e9 ? v : null;
}

/** config.json + tokenizer_config.json → labels, embedding rows, maximum length, pooled output. */
export function readConfig(config: Record<string, unknown> | undefined, tokenizerConfig: Record<string, unknown>): TextModelConfig {
  const id2label = config?.id2label as Record<string, string> | undefined;
  let labels: string[] | null = null;
  if (id2label && typeof id2label === 'object') {
    const ids = Object.keys(id2label).map(Number).filter((n) => Number.isInteger(n) && n >= 0);
    labels = Array.from({ length: Math.max(-1, ...ids) + 1 }, (_, i) => String(id2label[String(i)] ?? `LABEL_${i}`));
  }
  // model_max_length is 1e30 in tokenizers that set no limit: positive() ignores it.
  const limits = [positive(tokenizerConfig.model_max_length), positive(config?.max_position_embeddings)].filter((v): v is number => v !== null);
  return {
    labels,
    vocabSize: positive(config?.vocab_size),
    maxLength: limits.length ? Math.min(...limits) : DEFAULT_MAX_LENGTH,
    pooledOutput: typeof config?.pooled_output === 'string' ? config.pooled_output : null,
  };
}

/** Sorts a folder's files into model, tokenizer and config; throws a named error for what is missing. */
export function readModelFolder(files: readonly FolderFile[]): TextModelFolder {
  const byName = new Map(files.map((f) => [base(f.name), f]));
  const onnx = byName.get('model.onnx') ?? files.find((f) => base(f.name).endsWith('.onnx'));
  if (!onnx) {
    throw new ModelFolderError(`No .onnx model among the files (${[...byName.keys()].join(', ') || 'none'}); a model folder holds model.onnx, tokenizer.json and config.json.`);
  }
  const tokenizerJson = json(byName.get('tokenizer.json'), 'tokenizer.json');
  if (!tokenizerJson || typeof tokenizerJson.model !== 'object') {
    throw new TokenizerMissingError(
      tokenizerJson
        ? 'tokenizer.json has no "model" section: it is not a Hugging Face tokenizer file.'
        : `The folder has ${base(onnx.name)} but no tokenizer.json, so text cannot be turned into token ids. Add the tokenizer.json the model was trained with (vocab.txt alone is not read).`,
    );
  }
  const tokenizerConfig = json(byName.get('tokenizer_config.json'), 'tokenizer_config.json') ?? {};
  const special = json(byName.get('special_tokens_map.json'), 'special_tokens_map.json') ?? {};
  const config = readConfig(json(byName.get('config.json'), 'config.json'), tokenizerConfig);
  const vocabSize = tokenizerVocabSize(tokenizerJson);
  if (config.vocabSize !== null && vocabSize > config.vocabSize) {
    throw new VocabularyMismatchError(
      `tokenizer.json has ${vocabSize} tokens but the model embeds only ${config.vocabSize} (config.json vocab_size): ids ≥ ${config.vocabSize} would index past the embedding table. Use the tokenizer the model was trained with.`,
    );
  }
  checkGraphEmbedding(onnx.data, vocabSize);
  const externalData = files
    .filter((f) => f !== onnx && !base(f.name).endsWith('.json') && !/\.(md|txt)$/i.test(base(f.name)))
    .map((f) => ({ path: base(f.name), data: f.data }));
  return {
    modelName: base(onnx.name),
    model: onnx.data,
    externalData,
    // special_tokens_map.json entries fill what tokenizer_config.json leaves out (pad_token, …).
    tokenizer: { tokenizerJson, tokenizerConfig: { ...special, ...tokenizerConfig } },
    config,
    tokenizerVocabSize: vocabSize,
  };
}

/**
 * The check that does not trust config.json: the rows of the embedding table the model's token-id
 * input indexes, read from the graph (embeddingRows). Bytes that do not parse as a model are left
 * to the model inspector, which names what they are.
 */
function checkGraphEmbedding(model: Uint8Array, vocabSize: number): void {
  let rows: Map<string, number>;
  try {
    rows = embeddingRows(model);
  } catch {
    return;
  }
  for (const [input, n] of rows) {
    if (isTokenIdsInput(input) && vocabSize > n) {
      throw new VocabularyMismatchError(
        `tokenizer.json has ${vocabSize} tokens (ids up to ${vocabSize - 1}) but the model's embedding for "${input}" has only ${n} rows (read from the model graph): ids ≥ ${n} would index past the table. Use the tokenizer the model was trained with.`,
      );
    }
  }
}
