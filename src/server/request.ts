// Decodes and validates an infer request against the model: JSON (or JSON header + binary tensor
// data), input names, datatypes, ranks and fixed dims, element counts, and requested outputs.
import type { PlainTensor } from '../lib/tensors/types.ts';
import { checkedElementCount, oipToPlain, isOipDatatype, type OipTensor } from '../lib/tensors/oip.ts';
import { DataFormatError, InputShapeError } from '../lib/tensors/errors.ts';
import { decodeBinaryTensor } from './binary.ts';
import { firstInvalid } from '../lib/text/utf8.ts';
import { HttpError } from './errors.ts';
import type { LoadedModel, TensorSpec } from './models.ts';

/** A request ready to run: feeds in the model's input order, outputs to return. */
export interface InferRequest {
  id?: string;
  feeds: Record<string, PlainTensor>;
  outputs: string[];
  /** Outputs to send as binary tensor data (the extension), by name. */
  binaryOutputs: Set<string>;
}

function bad(message: string): HttpError {
  return new HttpError(400, message);
}

function describe(specs: readonly TensorSpec[]): string {
  return specs.map((s) => `${s.name} (${s.datatype} [${s.shape.join(', ')}])`).join(', ');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseJson(text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(`request body is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(json)) throw bad('request body must be a JSON object {"inputs": [{name, shape, datatype, data}]}');
  return json;
}

/** Check a decoded tensor against the model's declaration: datatype, rank, fixed dims. */
function checkAgainstSpec(t: PlainTensor, datatype: string, spec: TensorSpec): void {
  if (datatype !== spec.datatype) {
    throw new DataFormatError(`input "${spec.name}": datatype ${datatype}, but the model expects ${spec.datatype}`);
  }
  // Without a declared shape any rank may be valid: onnxruntime decides.
  if (!spec.rankKnown) return;
  const fits = t.dims.length === spec.shape.length && spec.shape.every((d, i) => d === -1 || d === t.dims[i]);
  if (!fits) {
    throw new InputShapeError(`input "${spec.name}": shape [${t.dims.join(', ')}] does not fit the model's [${spec.shape.join(', ')}] (-1 = any size)`);
  }
}

/**
 * Decode an infer body for `model`. `headerLength` is the Inference-Header-Content-Length value
 * when the binary extension is used.
 * @throws HttpError 400 naming the problem and what the model accepts.
 */
export function decodeInferRequest(body: Buffer, headerLength: number | undefined, model: LoadedModel): InferRequest {
  if (headerLength !== undefined && (!Number.isInteger(headerLength) || headerLength < 0 || headerLength > body.length)) {
    throw bad(`Inference-Header-Content-Length ${headerLength} is not an integer between 0 and the body length ${body.length}`);
  }
  const jsonEnd = headerLength ?? body.length;
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, jsonEnd));
  } catch {
    // Replacing bad bytes with U+FFFD would change a BYTES text without telling anyone.
    throw bad(`request body is not valid UTF-8 (InvalidUtf8Error: first invalid byte at offset ${firstInvalid(body.subarray(0, jsonEnd))}); JSON must be UTF-8`);
  }
  const obj = parseJson(header);
  let binaryOffset = jsonEnd;
  const inputs = obj.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw bad(`request needs "inputs": a non-empty array of {name, shape, datatype, data}; the model takes ${describe(model.inputs)}`);
  }
  const specs = new Map(model.inputs.map((s) => [s.name, s]));
  const feeds: Record<string, PlainTensor> = Object.create(null);
  try {
    inputs.forEach((raw: unknown, i) => {
      if (!isObject(raw) || typeof raw.name !== 'string') throw bad(`inputs[${i}] must be an object with a string "name"`);
      const spec = specs.get(raw.name);
      if (spec === undefined) throw bad(`unknown input "${raw.name}"; the model takes ${describe(model.inputs)}`);
      if (Object.hasOwn(feeds, raw.name)) throw bad(`input "${raw.name}" is given twice`);
      const params = isObject(raw.parameters) ? raw.parameters : {};
      let t: PlainTensor;
      if (params.binary_data_size !== undefined) {
        const size = params.binary_data_size;
        if (headerLength === undefined) throw bad(`input "${raw.name}" has binary_data_size but the request has no Inference-Header-Content-Length header`);
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || binaryOffset + size > body.length) {
          throw bad(`input "${raw.name}": binary_data_size ${JSON.stringify(size)} does not fit the ${body.length - binaryOffset} bytes left in the body`);
        }
        if (!isOipDatatype(raw.datatype)) throw new DataFormatError(`input "${raw.name}": unknown datatype ${JSON.stringify(raw.datatype)}`);
        const shape: unknown = raw.shape;
        if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
          throw new DataFormatError(`input "${raw.name}": shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
        }
        checkedElementCount(raw.name, shape as number[]);
        t = decodeBinaryTensor(raw.name, raw.datatype, shape as number[], body.subarray(binaryOffset, binaryOffset + size));
        binaryOffset += size;
      } else {
        try {
          t = oipToPlain(raw as unknown as OipTensor, { nullAsNaN: false });
        } catch (e) {
          // The shared converter flattens nested data recursively: absurd nesting overflows the stack.
          if (e instanceof RangeError) throw bad(`input "${raw.name}": "data" is nested too deeply; send it flat (row-major) or nested once per dim`);
          throw e;
        }
      }
      checkAgainstSpec(t, String(raw.datatype), spec);
      feeds[raw.name] = t;
    });
  } catch (e) {
    if (e instanceof DataFormatError || e instanceof InputShapeError) throw bad(e.message);
    throw e;
  }
  if (binaryOffset !== body.length) throw bad(`${body.length - binaryOffset} bytes of binary data are not claimed by any input's binary_data_size`);
  const missing = model.inputs.filter((s) => !Object.hasOwn(feeds, s.name));
  if (missing.length > 0) {
    throw bad(`missing input${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"${s.name}"`).join(', ')}; the model takes ${describe(model.inputs)}`);
  }
  const ordered: Record<string, PlainTensor> = {};
  for (const s of model.inputs) ordered[s.name] = feeds[s.name]!;
  const result: InferRequest = { feeds: ordered, ...decodeOutputs(obj, model) };
  if (obj.id !== undefined) {
    if (typeof obj.id !== 'string') throw bad(`"id" must be a string, got ${JSON.stringify(obj.id)}`);
    result.id = obj.id;
  }
  return result;
}

function decodeOutputs(obj: Record<string, unknown>, model: LoadedModel): { outputs: string[]; binaryOutputs: Set<string> } {
  const known = new Set(model.outputs.map((s) => s.name));
  const reqParams = isObject(obj.parameters) ? obj.parameters : {};
  const allBinary = reqParams.binary_data_output === true;
  const binaryOutputs = new Set<string>();
  // An absent or empty list means every output, as the protocol's clients expect.
  if (obj.outputs === undefined || (Array.isArray(obj.outputs) && obj.outputs.length === 0)) {
    const outputs = model.outputs.map((s) => s.name);
    if (allBinary) outputs.forEach((n) => binaryOutputs.add(n));
    return { outputs, binaryOutputs };
  }
  if (!Array.isArray(obj.outputs)) throw bad('"outputs" must be an array of {name}');
  const outputs: string[] = [];
  obj.outputs.forEach((o: unknown, i) => {
    const name = typeof o === 'string' ? o : isObject(o) ? o.name : undefined;
    if (typeof name !== 'string') throw bad(`outputs[${i}] needs a string "name"`);
    if (!known.has(name)) throw bad(`unknown output "${name}"; the model's outputs are ${describe(model.outputs)}`);
    if (!outputs.includes(name)) outputs.push(name);
    const p = isObject(o) && isObject(o.parameters) ? o.parameters : {};
    if (p.binary_data === true || (p.binary_data === undefined && allBinary)) binaryOutputs.add(name);
  });
  return { outputs, binaryOutputs };
}
