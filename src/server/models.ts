// Loads the models the server was started with: one onnxruntime-node session per file, created
// once at start, plus the tensor metadata (OIP datatypes, -1 for dynamic dims) the endpoints report.
import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { ElementType } from '../lib/tensors/types.ts';
import { ELEMENT_TO_OIP, type OipDatatype } from '../lib/tensors/oip.ts';

/** One input or output as the model declares it. `shape` uses -1 for a dynamic or unknown dim. */
export interface TensorSpec {
  name: string;
  type: ElementType;
  datatype: OipDatatype;
  shape: number[];
}

/** A loaded model. Only version "1" exists: each file is one model. */
export interface LoadedModel {
  name: string;
  version: string;
  path: string;
  session: ort.InferenceSession;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** Model names are safe URL segments: letters, digits, `.`, `_`, `-`, not starting with a dot. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** A model that cannot be served: unreadable file, invalid ONNX, bad or duplicate name. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** `models/digits-cnn.onnx` -> `digits-cnn`; `NAME=path.onnx` names the model explicitly. */
export function modelNameFromArg(arg: string): { name: string; path: string } {
  const eq = arg.indexOf('=');
  // An `=` before any path separator is a NAME=PATH pair; otherwise it is part of the path.
  if (eq > 0 && !arg.slice(0, eq).includes('/')) return { name: arg.slice(0, eq), path: arg.slice(eq + 1) };
  return { name: basename(arg).replace(/\.onnx$/i, ''), path: arg };
}

function specsOf(meta: readonly ort.InferenceSession.ValueMetadata[], model: string): TensorSpec[] {
  return meta.map((m) => {
    if (!m.isTensor) throw new ModelLoadError(`model "${model}": value "${m.name}" is not a tensor; only tensor inputs/outputs are served`);
    const type = m.type as ElementType;
    const datatype = ELEMENT_TO_OIP[type];
    if (datatype === undefined) throw new ModelLoadError(`model "${model}": "${m.name}" has type ${m.type}, which the Open Inference Protocol cannot carry`);
    // Symbolic dims come back as strings (names, or "" when unnamed): the protocol writes -1.
    const shape = m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
    return { name: m.name, type, datatype, shape };
  });
}

/**
 * Create one session per model argument (`path.onnx` or `NAME=path.onnx`).
 * @throws ModelLoadError naming the file and what is wrong with it.
 */
export async function loadModels(args: readonly string[]): Promise<Map<string, LoadedModel>> {
  if (args.length === 0) throw new ModelLoadError('no model given: pass one or more .onnx files');
  const models = new Map<string, LoadedModel>();
  for (const arg of args) {
    const { name, path } = modelNameFromArg(arg);
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new ModelLoadError(`model name "${name}" (from ${arg}) is not valid: use letters, digits, ".", "_" and "-"`);
    }
    if (models.has(name)) throw new ModelLoadError(`two models are named "${name}": rename one file or use NAME=PATH`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new ModelLoadError(`cannot read model file ${path}: ${(e as Error).message}`);
    }
    let session: ort.InferenceSession;
    try {
      // Errors are reported to the client as 500s; onnxruntime's own log would repeat them on stderr.
      session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
    } catch (e) {
      throw new ModelLoadError(`onnxruntime cannot load ${path}: ${(e as Error).message}`);
    }
    models.set(name, {
      name, version: '1', path, session,
      inputs: specsOf(session.inputMetadata, name),
      outputs: specsOf(session.outputMetadata, name),
    });
  }
  return models;
}
