// ONNX model inspection (the model card): walks the ModelProto wire format directly, skipping
// tensor payloads by length, so a 100 MB model is inspected without copying its weights.
import type { Dim } from '../tensors/types.ts';
import type { ModelInfo, OpsetImport, ValueInfo } from './types.ts';
import { ModelLoadError } from './errors.ts';
import { ProtoReader, ProtobufError, WireType } from './protobuf.ts';
import { onnxDataBytes, onnxDtypeName } from './dtypes.ts';
import { sniffFormat } from './sniff.ts';
import {
  AttributeProto, DATA_TYPE_STRING, DataLocation, FunctionProto, GraphProto, ModelProto, NodeProto, OperatorSetIdProto,
  SparseTensorProto, StringStringEntryProto, TensorProto, TensorShapeProto, TensorShapeProtoDimension, TypeProto,
  TypeProtoMap, TypeProtoSequence, TypeProtoTensor, ValueInfoProto,
} from './onnx-fields.ts';

const LD = WireType.LengthDelimited;
const VARINT = WireType.Varint;

/** Accumulates counts over the main graph and every nested subgraph. */
type Totals = Pick<ModelInfo, 'opCounts' | 'nodeCount' | 'parameterCount' | 'initializerCount' | 'initializerBytes' | 'externalData' | 'constantCount'>;

interface GraphInfo {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializerNames: Set<string>;
}

/** Read one TensorProto's size and storage without touching its payload. */
function readTensor(r: ProtoReader, t: Totals): string {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let external = false;
  let location = '';
  let stringBytes = 0;
  while (r.next()) {
    switch (r.field) {
      case TensorProto.dims: r.repeatedVarint(dims); break;
      case TensorProto.data_type: r.expect(VARINT); dataType = r.varint(); break;
      case TensorProto.string_data: { r.expect(LD); const [s, e] = r.range(); stringBytes += e - s; break; }
      case TensorProto.name: r.expect(LD); name = r.string(); break;
      case TensorProto.external_data: {
        r.expect(LD);
        const e = r.message();
        let key = '';
        let value = '';
        while (e.next()) {
          if (e.field === StringStringEntryProto.key && e.wire === LD) key = e.string();
          else if (e.field === StringStringEntryProto.value && e.wire === LD) value = e.string();
          else e.skip();
        }
        if (key === 'location') location = value;
        break;
      }
      case TensorProto.data_location: r.expect(VARINT); external = r.varint() === DataLocation.EXTERNAL; break;
      default: r.skip(); // raw_data and typed data fields: skipped by length, never copied
    }
  }
  const count = dims.reduce((a, b) => a * b, 1);
  t.parameterCount += count;
  t.initializerCount += 1;
  t.initializerBytes += dataType === DATA_TYPE_STRING ? stringBytes : onnxDataBytes(dataType, count);
  if (external) t.externalData.push({ name, location });
  return name;
}

/** SparseTensorProto: parameters are the stored values, not the dense shape. */
function readSparseTensor(r: ProtoReader, t: Totals): string {
  let name = '';
  while (r.next()) {
    // values carry the parameters; indices and dims are storage/shape, not parameters.
    if (r.field === SparseTensorProto.values && r.wire === LD) name = readTensor(r.message(), t);
    else r.skip();
  }
  return name;
}

function describeType(r: ProtoReader): Omit<ValueInfo, 'name'> {
  let result: Omit<ValueInfo, 'name'> = { kind: 'unknown', type: 'unknown', dims: null };
  while (r.next()) {
    if (r.wire !== LD) { r.skip(); continue; }
    switch (r.field) {
      case TypeProto.tensor_type: case TypeProto.sparse_tensor_type: {
        const kind = r.field === TypeProto.tensor_type ? 'tensor' : 'sparse_tensor';
        const m = r.message();
        let elem = 0;
        let dims: Dim[] | null = null;
        while (m.next()) {
          if (m.field === TypeProtoTensor.elem_type && m.wire === VARINT) elem = m.varint();
          else if (m.field === TypeProtoTensor.shape && m.wire === LD) dims = readShape(m.message());
          else m.skip();
        }
        result = { kind, type: onnxDtypeName(elem), dims };
        break;
      }
      case TypeProto.sequence_type: case TypeProto.optional_type: {
        const kind = r.field === TypeProto.sequence_type ? 'sequence' : 'optional';
        const m = r.message();
        let inner = 'unknown';
        while (m.next()) {
          if (m.field === TypeProtoSequence.elem_type && m.wire === LD) inner = typeText(describeType(m.message()));
          else m.skip();
        }
        result = { kind, type: `${kind === 'sequence' ? 'seq' : 'optional'}(${inner})`, dims: null };
        break;
      }
      case TypeProto.map_type: { // key_type is a DataType number, value_type a TypeProto
        const m = r.message();
        let key = 0;
        let value = 'unknown';
        while (m.next()) {
          if (m.field === TypeProtoMap.key_type && m.wire === VARINT) key = m.varint();
          else if (m.field === TypeProtoMap.value_type && m.wire === LD) value = typeText(describeType(m.message()));
          else m.skip();
        }
        result = { kind: 'map', type: `map(${onnxDtypeName(key)},${value})`, dims: null };
        break;
      }
      default: r.skip();
    }
  }
  return result;
}

/** 'tensor(float32)' style text for nesting inside seq()/map()/optional(). */
function typeText(v: Omit<ValueInfo, 'name'>): string {
  if (v.kind === 'tensor') return `tensor(${v.type})`;
  if (v.kind === 'sparse_tensor') return `sparse_tensor(${v.type})`;
  return v.type;
}

function readShape(r: ProtoReader): Dim[] {
  const dims: Dim[] = [];
  while (r.next()) {
    if (r.field !== TensorShapeProto.dim || r.wire !== LD) { r.skip(); continue; }
    const d = r.message();
    let dim: Dim = null;
    while (d.next()) {
      if (d.field === TensorShapeProtoDimension.dim_value && d.wire === VARINT) dim = d.varint();
      else if (d.field === TensorShapeProtoDimension.dim_param && d.wire === LD) dim = d.string() || null;
      else d.skip();
    }
    dims.push(dim);
  }
  return dims;
}

function readValueInfo(r: ProtoReader): ValueInfo {
  let name = '';
  let docString = '';
  let type: Omit<ValueInfo, 'name'> = { kind: 'unknown', type: 'unknown', dims: null };
  while (r.next()) {
    if (r.field === ValueInfoProto.name && r.wire === LD) name = r.string();
    else if (r.field === ValueInfoProto.type && r.wire === LD) type = describeType(r.message());
    else if (r.field === ValueInfoProto.doc_string && r.wire === LD) docString = r.string();
    else r.skip();
  }
  return docString ? { name, ...type, docString } : { name, ...type };
}

function readNode(r: ProtoReader, t: Totals): void {
  let op = '';
  let domain = '';
  // Tensors held in attributes, counted as weights only once the node turns out to be a Constant
  // (exporters such as paddle2onnx keep every weight in Constant nodes, none in initializers).
  const held: Totals = { opCounts: {}, nodeCount: 0, parameterCount: 0, initializerCount: 0, initializerBytes: 0, externalData: [], constantCount: 0 };
  while (r.next()) {
    if (r.field === NodeProto.op_type && r.wire === LD) op = r.string();
    else if (r.field === NodeProto.domain && r.wire === LD) domain = r.string();
    else if (r.field === NodeProto.attribute && r.wire === LD) readAttribute(r.message(), t, held);
    else r.skip();
  }
  const key = domain === '' || domain === 'ai.onnx' ? op : `${domain}::${op}`;
  t.opCounts[key] = (t.opCounts[key] ?? 0) + 1;
  t.nodeCount += 1;
  if (key === 'Constant' && held.initializerCount > 0) {
    t.parameterCount += held.parameterCount;
    t.initializerBytes += held.initializerBytes;
    t.externalData.push(...held.externalData);
    t.constantCount += 1;
  }
}

/** Subgraph attributes g and graphs hold If/Loop/Scan bodies; t, tensors and sparse_tensor hold
 * tensors, which are weights when the node is a Constant. */
function readAttribute(r: ProtoReader, t: Totals, held: Totals): void {
  while (r.next()) {
    if ((r.field === AttributeProto.g || r.field === AttributeProto.graphs) && r.wire === LD) readGraph(r.message(), t);
    else if ((r.field === AttributeProto.t || r.field === AttributeProto.tensors) && r.wire === LD) readTensor(r.message(), held);
    else if (r.field === AttributeProto.sparse_tensor && r.wire === LD) readSparseTensor(r.message(), held);
    else r.skip();
  }
}

function readGraph(r: ProtoReader, t: Totals): GraphInfo {
  const g: GraphInfo = { name: '', inputs: [], outputs: [], initializerNames: new Set() };
  while (r.next()) {
    switch (r.field) {
      case GraphProto.node: r.expect(LD); readNode(r.message(), t); break;
      case GraphProto.name: r.expect(LD); g.name = r.string(); break;
      case GraphProto.initializer: r.expect(LD); g.initializerNames.add(readTensor(r.message(), t)); break;
      case GraphProto.input: r.expect(LD); g.inputs.push(readValueInfo(r.message())); break;
      case GraphProto.output: r.expect(LD); g.outputs.push(readValueInfo(r.message())); break;
      case GraphProto.sparse_initializer: r.expect(LD); g.initializerNames.add(readSparseTensor(r.message(), t)); break;
      default: r.skip();
    }
  }
  return g;
}

/** OperatorSetIdProto: {domain, version}. */
function readOpset(r: ProtoReader): OpsetImport {
  let domain = '';
  let version = 0;
  while (r.next()) {
    if (r.field === OperatorSetIdProto.domain && r.wire === LD) domain = r.string();
    else if (r.field === OperatorSetIdProto.version && r.wire === VARINT) version = r.varint();
    else r.skip();
  }
  return { domain, version };
}

/** StringStringEntryProto: {key, value}. */
function readEntry(r: ProtoReader): [string, string] {
  let key = '';
  let value = '';
  while (r.next()) {
    if (r.field === StringStringEntryProto.key && r.wire === LD) key = r.string();
    else if (r.field === StringStringEntryProto.value && r.wire === LD) value = r.string();
    else r.skip();
  }
  return [key, value];
}

/** SHA-256 of bytes as lowercase hex (WebCrypto: Node 20 and workers both have it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest rejects views on SharedArrayBuffer; copy only in that case.
  const src = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', src as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
}

const sizeText = (n: number) => (n === 1 ? '1 byte' : `${n} bytes`);

/** Parse the ModelProto fields; throws ModelLoadError describing what the bytes are instead. */
function parseModel(bytes: Uint8Array): Omit<ModelInfo, 'sha256'> {
  const t: Totals = { opCounts: {}, nodeCount: 0, parameterCount: 0, initializerCount: 0, initializerBytes: 0, externalData: [], constantCount: 0 };
  const info = {
    bytes: bytes.length, irVersion: 0, producerName: '', producerVersion: '', domain: '', modelVersion: 0,
    docString: '', opsets: [] as OpsetImport[], metadata: {} as Record<string, string>, functions: [] as string[],
  };
  let graph: GraphInfo | null = null;
  const r = new ProtoReader(bytes);
  while (r.next()) {
    switch (r.field) {
      case ModelProto.ir_version: r.expect(VARINT); info.irVersion = r.varint(); break;
      case ModelProto.producer_name: r.expect(LD); info.producerName = r.string(); break;
      case ModelProto.producer_version: r.expect(LD); info.producerVersion = r.string(); break;
      case ModelProto.domain: r.expect(LD); info.domain = r.string(); break;
      case ModelProto.model_version: r.expect(VARINT); info.modelVersion = r.varint(); break;
      case ModelProto.doc_string: r.expect(LD); info.docString = r.string(); break;
      case ModelProto.graph: r.expect(LD); graph = readGraph(r.message(), t); break;
      case ModelProto.opset_import: r.expect(LD); info.opsets.push(readOpset(r.message())); break;
      case ModelProto.metadata_props: {
        r.expect(LD);
        const [k, v] = readEntry(r.message());
        info.metadata[k] = v;
        break;
      }
      case ModelProto.functions: {
        r.expect(LD);
        const f = r.message();
        let name = '';
        let domain = '';
        while (f.next()) {
          if (f.field === FunctionProto.name && f.wire === LD) name = f.string();
          else if (f.field === FunctionProto.domain && f.wire === LD) domain = f.string();
          else f.skip();
        }
        info.functions.push(`${domain}::${name}`);
        break;
      }
      default: r.skip();
    }
  }
  if (graph === null) {
    throw new ModelLoadError(
      `not an ONNX model: the ${sizeText(bytes.length)} parse as protobuf but contain no graph (ModelProto field 7)`,
    );
  }
  if (info.opsets.length === 0 && info.irVersion >= 3) {
    throw new ModelLoadError('invalid ONNX model: it imports no operator set (opset_import is empty); the file may be truncated');
  }
  const inputs = info.irVersion >= 4 || info.irVersion === 0
    ? graph.inputs.filter((v) => !graph.initializerNames.has(v.name))
    : graph.inputs;
  return {
    ...info, graphName: graph.name, inputs, outputs: graph.outputs,
    initializerInputs: graph.inputs.filter((v) => graph.initializerNames.has(v.name)).map((v) => v.name),
    ...t,
  };
}

/**
 * Inspect an ONNX model file: metadata, opsets, inputs/outputs with symbolic dims, op counts,
 * parameter count and sha256. Works in Node and in workers (uses globalThis.crypto.subtle).
 * @throws ModelLoadError for empty, truncated, corrupt or non-ONNX bytes, saying what they look like.
 */
export async function inspectModel(bytes: Uint8Array): Promise<ModelInfo> {
  if (bytes.length === 0) throw new ModelLoadError('the file is empty (0 bytes); expected an ONNX model (.onnx protobuf)');
  // Every ONNX serializer writes ir_version (field 1, varint: tag 0x08) first, so only other
  // leading bytes are worth matching against known formats before parsing.
  if (bytes[0] !== 0x08) {
    const looks = sniffFormat(bytes);
    if (looks !== null) throw new ModelLoadError(`not an ONNX model: the file looks like ${looks}`);
  }
  let parsed: Omit<ModelInfo, 'sha256'>;
  try {
    parsed = parseModel(bytes);
  } catch (e) {
    if (!(e instanceof ProtobufError)) throw e;
    const looks = sniffFormat(bytes);
    if (looks !== null) throw new ModelLoadError(`not an ONNX model: the file looks like ${looks}`);
    const what = e.truncated ? 'the file is truncated' : 'the file is corrupt (not valid protobuf)';
    throw new ModelLoadError(`not a readable ONNX model (${sizeText(bytes.length)}): ${what}: ${e.message}`);
  }
  return { sha256: await sha256Hex(bytes), ...parsed };
}
