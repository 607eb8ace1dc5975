// Open Inference Protocol (KServe v2) tensor JSON <-> PlainTensor. This is the one place where
// JSON tensor data is validated and converted; the CLI, server, parity and the UI editor all use it.
import type { ElementType, OipDatatype, PlainTensor } from './types.ts';
import { DataFormatError, InputShapeError } from './errors.ts';
import { float16BitsToFloat32 } from './float16.ts';
import { convertOipValues } from './oip-convert.ts';

export type { OipDatatype };

/** Parameters attached to a tensor or request (free-form per the spec). */
export type OipParameters = Record<string, string | number | boolean>;

/** One tensor in OIP JSON form. `data` is flat row-major (nested arrays are accepted on input). */
export interface OipTensor {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  data: unknown[];
  parameters?: OipParameters;
}

/** OIP datatype -> PlainTensor element type. */
export const OIP_TO_ELEMENT: Readonly<Record<OipDatatype, ElementType>> = {
  BOOL: 'bool', UINT8: 'uint8', UINT16: 'uint16', UINT32: 'uint32', UINT64: 'uint64',
  INT8: 'int8', INT16: 'int16', INT32: 'int32', INT64: 'int64',
  FP16: 'float16', FP32: 'float32', FP64: 'float64', BYTES: 'string',
};

/** PlainTensor element type -> OIP datatype. */
export const ELEMENT_TO_OIP: Readonly<Record<ElementType, OipDatatype>> = {
  bool: 'BOOL', uint8: 'UINT8', uint16: 'UINT16', uint32: 'UINT32', uint64: 'UINT64',
  int8: 'INT8', int16: 'INT16', int32: 'INT32', int64: 'INT64',
  float16: 'FP16', float32: 'FP32', float64: 'FP64', string: 'BYTES',
};

const DATATYPES = Object.keys(OIP_TO_ELEMENT) as OipDatatype[];

/** True when `s` is one of the OIP datatype names (case-sensitive, as the spec writes them). */
export function isOipDatatype(s: unknown): s is OipDatatype {
  return typeof s === 'string' && Object.hasOwn(OIP_TO_ELEMENT, s);
}

/** Number of elements for `dims` (1 for a scalar, `[]`). */
export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * elementCount for a shape from outside: every dim and the product must be exact (safe) integers,
 * else DataFormatError "does not fit" (JSON numbers past 2^53 are already rounded).
 */
export function checkedElementCount(name: string, dims: readonly number[]): number {
  const n = elementCount(dims);
  if (!dims.every((d) => Number.isSafeInteger(d)) || !Number.isSafeInteger(n)) {
    throw new DataFormatError(`tensor "${name}": shape [${dims.join(', ')}] has an element count that does not fit (over 2^53 - 1 elements)`);
  }
  return n;
}

/** How oipToPlain reads values. */
export interface OipReadOptions {
  /**
   * Read `null` in a float tensor as NaN (what JSON.stringify writes for NaN: files from other
   * tools). Default true; the server sets false, so a null in a request is a 400 naming its index.
   */
  nullAsNaN?: boolean;
}

/**
 * Row-major flattening with an explicit stack, so hostile nesting cannot overflow the call stack.
 * The spec allows `data` flat or nested like the shape: nesting deeper than the shape's rank is
 * refused (a DataFormatError naming the tensor).
 */
function flatten(name: string, data: unknown[], rank: number, out: unknown[]): void {
  const maxDepth = Math.max(1, rank);
  const stack: [unknown[], number][] = [[data, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [arr, i] = top;
    if (i >= arr.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const v = arr[i];
    if (!Array.isArray(v)) out.push(v);
    else if (stack.length >= maxDepth) {
      throw new DataFormatError(`tensor "${name}": data is nested too deeply (more than the shape's ${rank} dims); send it flat or nested like the shape`);
    } else stack.push([v, 0]);
  }
}

function hasNested(data: unknown[]): boolean {
  for (const v of data) if (Array.isArray(v)) return true;
  return false;
}

/**
 * Validate one OIP tensor and convert it to a PlainTensor. Nested `data` arrays are flattened
 * row-major. INT64/UINT64 accept numbers or decimal strings; FP16 numbers become float16 bits;
 * BOOL accepts true/false/1/0; floats accept null/"NaN"/"Infinity"/"-Infinity".
 * @throws DataFormatError for a bad structure, unknown datatype or bad value;
 *         InputShapeError when the element count differs from the product of `shape`.
 */
export function oipToPlain(t: OipTensor, opts: OipReadOptions = {}): PlainTensor {
  if (t === null || typeof t !== 'object') {
    throw new DataFormatError(`expected a tensor object {name, shape, datatype, data}, got ${JSON.stringify(t)}`);
  }
  const name = typeof t.name === 'string' ? t.name : '?';
  if (!isOipDatatype(t.datatype)) {
    throw new DataFormatError(
      `tensor "${name}": unknown datatype ${JSON.stringify(t.datatype)}; valid: ${DATATYPES.join(', ')}`,
    );
  }
  const shape: unknown = t.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new DataFormatError(
      `tensor "${name}": shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`,
    );
  }
  let flat: unknown[];
  // Typed arrays are accepted too (callers building requests in code), read as plain values.
  if (ArrayBuffer.isView(t.data) && !(t.data instanceof DataView)) flat = Array.from(t.data as ArrayLike<unknown>);
  else if (Array.isArray(t.data)) flat = t.data;
  else throw new DataFormatError(`tensor "${name}": data must be an array, got ${t.data === null ? 'null' : typeof t.data}`);
  if (hasNested(flat)) {
    const nested = flat;
    flat = [];
    flatten(name, nested, (shape as number[]).length, flat);
  }
  const dims = (shape as number[]).slice();
  const expected = checkedElementCount(name, dims);
  if (flat.length !== expected) {
    throw new InputShapeError(
      `tensor "${name}": shape [${dims.join(', ')}] needs ${expected} elements, data has ${flat.length}`,
    );
  }
  return { type: OIP_TO_ELEMENT[t.datatype], dims, data: convertOipValues(name, t.datatype, flat, opts.nullAsNaN ?? true) };
}

function jsonFloat(v: number): number | string {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/**
 * Convert a PlainTensor to OIP JSON form. int64/uint64 become numbers when they are safe integers
 * and decimal strings otherwise; float16 bits become numbers; bool becomes true/false; non-finite
 * floats become "NaN"/"Infinity"/"-Infinity" (JSON cannot carry them as numbers).
 */
export function plainToOip(name: string, t: PlainTensor): OipTensor {
  const datatype = ELEMENT_TO_OIP[t.type];
  if (datatype === undefined) throw new DataFormatError(`tensor "${name}": unknown element type ${JSON.stringify(t.type)}`);
  const src = t.data;
  const n = src.length;
  const data: unknown[] = new Array(n);
  if (t.type === 'string') {
    for (let i = 0; i < n; i++) data[i] = String(src[i]);
  } else if (t.type === 'bool') {
    for (let i = 0; i < n; i++) data[i] = src[i] !== 0;
  } else if (t.type === 'float16') {
    for (let i = 0; i < n; i++) data[i] = jsonFloat(float16BitsToFloat32(src[i] as number));
  } else if (t.type === 'int64' || t.type === 'uint64') {
    for (let i = 0; i < n; i++) {
      const b = src[i] as bigint;
      data[i] = b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString();
    }
  } else if (t.type === 'float32' || t.type === 'float64') {
    for (let i = 0; i < n; i++) data[i] = jsonFloat(src[i] as number);
  } else {
    for (let i = 0; i < n; i++) data[i] = src[i];
  }
  return { name, shape: t.dims.slice(), datatype, data };
}

/** A parsed OIP inference request. */
export interface OipRequest {
  inputs: Record<string, PlainTensor>;
  /** Requested output names, when the request lists them. */
  outputs?: string[];
  id?: string;
}

/** A parsed OIP inference response. */
export interface OipResponse {
  modelName?: string;
  modelVersion?: string;
  id?: string;
  outputs: Record<string, PlainTensor>;
}

function asObject(json: unknown, what: string): Record<string, unknown> {
  let v = json;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new DataFormatError(`${what} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new DataFormatError(`${what} must be a JSON object, got ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`);
  }
  return v as Record<string, unknown>;
}

function tensorList(obj: Record<string, unknown>, key: 'inputs' | 'outputs', what: string): Record<string, PlainTensor> {
  const list = obj[key];
  if (!Array.isArray(list)) {
    throw new DataFormatError(`${what} needs "${key}": an array of {name, shape, datatype, data}; got ${JSON.stringify(list)}`);
  }
  // A null-prototype map: a tensor named "__proto__" is a key like any other.
  const out: Record<string, PlainTensor> = Object.create(null);
  list.forEach((t: unknown, i) => {
    const name = (t as OipTensor | null)?.name;
    if (typeof name !== 'string' || name === '') {
      throw new DataFormatError(`${what} ${key}[${i}] needs a non-empty string "name"`);
    }
    if (Object.hasOwn(out, name)) throw new DataFormatError(`${what} lists tensor "${name}" twice in "${key}"`);
    out[name] = oipToPlain(t as OipTensor);
  });
  return out;
}

function optionalString(obj: Record<string, unknown>, key: string, what: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DataFormatError(`${what} "${key}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Parse an OIP request body (an object, or its JSON text) into named PlainTensors.
 * `outputs`, when present, is `[{name}]` per the spec (plain strings are accepted too).
 * @throws DataFormatError / InputShapeError naming the offending tensor.
 */
export function parseOipRequest(json: unknown): OipRequest {
  const obj = asObject(json, 'OIP request');
  const result: OipRequest = { inputs: tensorList(obj, 'inputs', 'OIP request') };
  const id = optionalString(obj, 'id', 'OIP request');
  if (id !== undefined) result.id = id;
  if (obj.outputs !== undefined) {
    if (!Array.isArray(obj.outputs)) throw new DataFormatError('OIP request "outputs" must be an array of {name}');
    result.outputs = obj.outputs.map((o: unknown, i) => {
      const name = typeof o === 'string' ? o : (o as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') throw new DataFormatError(`OIP request outputs[${i}] needs a string "name"`);
      return name;
    });
  }
  return result;
}

/**
 * Parse an OIP response body (an object, or its JSON text). A body of the form `{"error": "..."}`
 * (how OIP servers report failures) throws a DataFormatError carrying the server's message.
 */
export function parseOipResponse(json: unknown): OipResponse {
  const obj = asObject(json, 'OIP response');
  if (typeof obj.error === 'string' && obj.outputs === undefined) {
    throw new DataFormatError(`OIP response is an error: ${obj.error}`);
  }
  const result: OipResponse = { outputs: tensorList(obj, 'outputs', 'OIP response') };
  const modelName = optionalString(obj, 'model_name', 'OIP response');
  const modelVersion = optionalString(obj, 'model_version', 'OIP response');
  const id = optionalString(obj, 'id', 'OIP response');
  if (modelName !== undefined) result.modelName = modelName;
  if (modelVersion !== undefined) result.modelVersion = modelVersion;
  if (id !== undefined) result.id = id;
  return result;
}

/** Build an OIP request body from named tensors (insertion order is kept). */
export function toOipRequest(
  inputs: Record<string, PlainTensor>,
  opts: { outputs?: string[]; id?: string } = {},
): { id?: string; inputs: OipTensor[]; outputs?: { name: string }[] } {
  const body: { id?: string; inputs: OipTensor[]; outputs?: { name: string }[] } = {
    inputs: Object.entries(inputs).map(([n, t]) => plainToOip(n, t)),
  };
  if (opts.id !== undefined) body.id = opts.id;
  if (opts.outputs !== undefined) body.outputs = opts.outputs.map((name) => ({ name }));
  return body;
}

/** Build an OIP response body from named output tensors. */
export function toOipResponse(
  modelName: string,
  outputs: Record<string, PlainTensor>,
  opts: { modelVersion?: string; id?: string } = {},
): { model_name: string; model_version?: string; id?: string; outputs: OipTensor[] } {
  const body: { model_name: string; model_version?: string; id?: string; outputs: OipTensor[] } = {
    model_name: modelName,
    outputs: Object.entries(outputs).map(([n, t]) => plainToOip(n, t)),
  };
  if (opts.modelVersion !== undefined) body.model_version = opts.modelVersion;
  if (opts.id !== undefined) body.id = opts.id;
  return body;
}
