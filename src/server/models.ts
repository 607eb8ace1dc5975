// Loads the models the server was started with: onnxruntime-node sessions created once at start
// (in the worker pool), plus the tensor metadata (OIP datatypes, -1 for dynamic dims) it reports.
import { basename } from 'node:path';
import { readModelFile } from './model-file.ts';
import { SessionPool, type RawValueMetadata } from '../engine-node/pool.ts';
import { inspectModel } from '../lib/model/onnx.ts';
import { ModelLoadError } from '../lib/model/errors.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import type { ElementType } from '../lib/tensors/types.ts';
import { ELEMENT_TO_OIP, type OipDatatype } from '../lib/tensors/oip.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { isFolder, readServedFolder, TEXT_INPUT, type ServedText } from './text-model.ts';

/** One input or output as the model declares it. `shape` uses -1 for a dynamic or unknown dim. */
export interface TensorSpec {
  name: string;
  type: ElementType;
  datatype: OipDatatype;
  shape: number[];
  /** False when the model declares no shape at all (then any rank is passed to onnxruntime). */
  rankKnown: boolean;
}

/** A loaded model. Only version "1" exists: each file is one model. */
export interface LoadedModel {
  name: string;
  version: string;
  /** The real path of the file (symlinks resolved). */
  path: string;
  /** The path given, when it was a symbolic link to `path`. */
  linkedFrom?: string;
  /** File size, bytes. */
  bytes: number;
  /** Lowercase hex SHA-256 of the model file. */
  sha256: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** A model folder served with a BYTES "text" input: the server tokenizes (src/server/text-model.ts). */
  text?: ServedText;
}

/** Model names are safe URL segments: letters, digits, `.`, `_`, `-`, not starting with a dot. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

export { ModelLoadError };

/** `models/digits-cnn.onnx` -> `digits-cnn`; `NAME=path.onnx` names the model explicitly. */
export function modelNameFromArg(arg: string): { name: string; path: string } {
  const eq = arg.indexOf('=');
  // An `=` before any path separator is a NAME=PATH pair; otherwise it is part of the path.
  if (eq > 0 && !arg.slice(0, eq).includes('/')) return { name: arg.slice(0, eq), path: arg.slice(eq + 1) };
  return { name: basename(arg).replace(/\.onnx$/i, ''), path: arg };
}

function specsOf(meta: readonly RawValueMetadata[], model: string, declared: ModelInfo['inputs']): TensorSpec[] {
  return meta.map((m) => {
    if (!m.isTensor) throw new ModelLoadError(`model "${model}": value "${m.name}" is not a tensor; only tensor inputs/outputs are served`);
    const type = m.type as ElementType;
    const datatype = ELEMENT_TO_OIP[type];
    if (datatype === undefined) throw new ModelLoadError(`model "${model}": "${m.name}" has type ${m.type}, which the Open Inference Protocol cannot carry`);
    // Symbolic dims come back as strings (names, or "" when unnamed): the protocol writes -1.
    const shape = (m.shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
    // The ONNX file tells a scalar ([]) from an undeclared shape (null); onnxruntime reports [] for both.
    const dims = declared.find((v) => v.name === m.name)?.dims;
    const rankKnown = dims === undefined ? shape.length > 0 : dims !== null;
    return { name: m.name, type, datatype, shape, rankKnown };
  });
}

/** Where the sessions live; `workers` threads each hold one session per model. */
export interface LoadOptions {
  workers: number;
  intraOpThreads: number;
  /** Largest model file, bytes (default DEFAULT_MAX_MODEL_BYTES). */
  maxModelBytes?: number;
}

/**
 * Load every model argument (`path.onnx` or `NAME=path.onnx`) into a pool of worker threads.
 * @throws ModelLoadError naming the file and what is wrong with it.
 */
export async function loadModels(args: readonly string[], opts: LoadOptions): Promise<{ models: Map<string, LoadedModel>; pool: SessionPool }> {
  if (args.length === 0) throw new ModelLoadError('no model given: pass one or more .onnx files');
  const entries: { name: string; path: string; linkedFrom?: string; bytes: number; info: ModelInfo; folder?: ReturnType<typeof readServedFolder>['folder'] }[] = [];
  for (const arg of args) {
    const named = modelNameFromArg(arg);
    const { name } = named;
    let path = named.path;
    let folder: (typeof entries)[number]['folder'];
    if (isFolder(path)) {
      // A model folder: served with a BYTES text input, tokenized here with its tokenizer.json.
      try {
        ({ modelPath: path, folder } = readServedFolder(named.path));
      } catch (e) {
        throw new ModelLoadError(`${named.path}: ${(e as Error).message}`);
      }
    }
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new ModelLoadError(`model name "${name}" (from ${arg}) is not valid: use letters, digits, ".", "_" and "-"`);
    }
    if (entries.some((e) => e.name === name)) throw new ModelLoadError(`two models are named "${name}": rename one file or use NAME=PATH`);
    const file = await readModelFile(path, opts.maxModelBytes);
    let info: ModelInfo;
    try {
      // Checked here first: its messages say what a non-ONNX file is, onnxruntime's do not.
      info = await inspectModel(file.bytes);
    } catch (e) {
      throw new ModelLoadError(`${file.linkedFrom ? `${path} (a symbolic link to ${file.path})` : path}: ${(e as Error).message}`);
    }
    const entry: (typeof entries)[number] = { name, path: file.path, bytes: file.size, info, ...(folder ? { folder } : {}) };
    if (file.linkedFrom !== undefined) entry.linkedFrom = file.linkedFrom;
    entries.push(entry);
  }
  let created: Awaited<ReturnType<typeof SessionPool.create>>;
  try {
    created = await SessionPool.create(entries.map(({ name, path }) => ({ name, path })), opts.workers, opts.intraOpThreads);
  } catch (e) {
    throw new ModelLoadError(`onnxruntime cannot load the models: ${(e as Error).message}`);
  }
  const models = new Map<string, LoadedModel>();
  try {
    for (const { name, path, linkedFrom, bytes, info, folder } of entries) {
      const meta = created.metadata[name]!;
      const model: LoadedModel = {
        name, version: '1', path, bytes, sha256: info.sha256,
        inputs: specsOf(meta.inputs, name, info.inputs), outputs: specsOf(meta.outputs, name, info.outputs),
      };
      if (folder) {
        model.text = {
          tokenizer: new TextTokenizer(folder.tokenizer, folder.config.maxLength),
          tokenInputs: model.inputs.map((i) => ({ name: i.name, type: i.type, dims: i.shape })),
          labels: folder.config.labels,
        };
        model.inputs = [{ name: TEXT_INPUT, type: 'string', datatype: 'BYTES', shape: [-1], rankKnown: true }];
      }
      if (linkedFrom !== undefined) model.linkedFrom = linkedFrom;
      models.set(name, model);
    }
  } catch (e) {
    await created.pool.close();
    throw e;
  }
  return { models, pool: created.pool };
}
