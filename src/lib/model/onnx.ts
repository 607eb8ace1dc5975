// ONNX model inspection (the model card): walks the ModelProto wire format directly, skipping
// tensor payloads by length, so a 100 MB model is inspected without copying its weights.
import type { Dim } from '../tensors/types.ts';
import type { ModelInfo, OpsetImport, ValueInfo } from './types.ts';
import { ModelLoadError } from './errors.ts';
import { ProtoReader, ProtobufError, WireType } from './protobuf.ts';
import { onnxDataBytes, onnxDtypeName } from './dtypes.ts';
import { sniffFormat } from './sniff.ts';

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
      case 1: r.repeatedVarint(dims); break;
      case 2: r.expect(VARINT); dataType = r.varint(); break;
      case 6: { r.expect(LD); const [s, e] = r.range(); stringBytes += e - s; break; }
      case 8: r.expect(LD); name = r.string(); break;
      case 13: {
        r.expect(LD);
        const e = r.message();
        let key = '';
        let value = '';
        while (e.next()) {
          if (e.field === 1 && e.wire === LD) key = e.string();
          else if (e.field === 2 && e.wire === LD) value = e.string();
          else e.skip();
        }
        if (key === 'location') location = value;
        break;
      }
      case 14: r.expect(VARINT); external = r.varint() === 1; break;
      default: r.skip(); // raw_data and typed data fields: skipped by length, never copied
    }
  }
  const count = dims.reduce((a, b) => a * b, 1);
  t.parameterCount += count;
  t.initializerCount += 1;
  t.initializerBytes += dataType === 8 ? stringBytes : onnxDataBytes(dataType, count);
  if (external) t.externalData.push({ name, location });
  return name;
}

/** SparseTensorProto: parameters are the stored values (field 1), not the dense shape. */
function readSparseTensor(r: ProtoReader, t: Totals): string {
  let name = '';
  while (r.next()) {
    // values (1) carry the parameters; indices (2) and dims (3) are storage/shape, not parameters.
    if (r.field === 1 && r.wire === LD) name = readTensor(r.message(), t);
    else r.skip();
  }
  return name;
}

function describeType(r: ProtoReader): Omit<ValueInfo, 'name'> {
  let result: Omit<ValueInfo, 'name'> = { kind: 'unknown', type: 'unknown', dims: null };
  while (r.next()) {
    if (r.wire !== LD) { r.skip(); continue; }
    switch (r.field) {
      case 1: case 8: { // tensor_type, sparse_tensor_type: {elem_type, shape}
        const kind = r.field === 1 ? 'tensor' : 'sparse_tensor';
        const m = r.message();
        let elem = 0;
        let dims: Dim[] | null = null;
        while (m.next()) {
          if (m.field === 1 && m.wire === VARINT) elem = m.varint();
          else if (m.field === 2 && m.wire === LD) dims = readShape(m.message());
          else m.skip();
        }
        result = { kind, type: onnxDtypeName(elem), dims };
        break;
      }
      case 4: case 9: { // sequence_type, optional_type: {elem_type: TypeProto}
        const kind = r.field === 4 ? 'sequence' : 'optional';
        const m = r.message();
        let inner = 'unknown';
        while (m.next()) {
          if (m.field === 1 && m.wire === LD) inner = typeText(describeType(m.message()));
          else m.skip();
        }
        result = { kind, type: `${kind === 'sequence' ? 'seq' : 'optional'}(${inner})`, dims: null };
        break;
      }
      case 5: { // map_type: {key_type: int32 dtype, value_type: TypeProto}
        const m = r.message();
        let key = 0;
        let value = 'unknown';
        while (m.next()) {
          if (m.field === 1 && m.wire === VARINT) key = m.varint();
          else if (m.field === 2 && m.wire === LD) value = typeText(describeType(m.message()));
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
    if (r.field !== 1 || r.wire !== LD) { r.skip(); continue; }
    const d = r.message();
    let dim: Dim = null;
    while (d.next()) {
      if (d.field === 1 && d.wire === VARINT) dim = d.varint();
      else if (d.field === 2 && d.wire === LD) dim = d.string() || null;
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
    if (r.field === 1 && r.wire === LD) name = r.string();
    else if (r.field === 2 && r.wire === LD) type = describeType(r.message());
    else if (r.field === 3 && r.wire === LD) docString = r.string();
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
    if (r.field === 4 && r.wire === LD) op = r.string();
    else if (r.field === 7 && r.wire === LD) domain = r.string();
    else if (r.field === 5 && r.wire === LD) readAttribute(r.message(), t, held);
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

/** Subgraph attributes g (6) and graphs (11) hold If/Loop/Scan bodies; t (5), tensors (10) and
 * sparse_tensor (22) hold tensors, which are weights when the node is a Constant. */
function readAttribute(r: ProtoReader, t: Totals, held: Totals): void {
  while (r.next()) {
    if ((r.field === 6 || r.field === 11) && r.wire === LD) readGraph(r.message(), t);
    else if ((r.field === 5 || r.field === 10) && r.wire === LD) readTensor(r.message(), held);
    else if (r.field === 22 && r.wire === LD) readSparseTensor(r.message(), held);
    else r.skip();
  }
}

function readGraph(r: ProtoReader, t: Totals): GraphInfo {
  const g: GraphInfo = { name: '', inputs: [], outputs: [], initializerNames: new Set() };
  while (r.next()) {
    switch (r.field) {
      case 1: r.expect(LD); readNode(r.message(), t); break;
      case 2: r.expect(LD); g.name = r.string(); break;
      case 5: r.expect(LD); g.initializerNames.add(readTensor(r.message(), t)); break;
      case 11: r.expect(LD); g.inputs.push(readValueInfo(r.message())); break;
      case 12: r.expect(LD); g.outputs.push(readValueInfo(r.message())); break;
      case 15: r.expect(LD); g.initializerNames.add(readSparseTensor(r.message(), t)); break;
      default: r.skip();
    }
  }
  return g;
}

function readStringPair(r: ProtoReader): [string, string] {
  let a = '';
  let b = '';
  while (r.next()) {
    if (r.field === 1 && r.wire === LD) a = r.string();
    else if (r.field === 2 && r.wire === LD) b = r.string();
    else if (r.field === 2 && r.wire === VARINT) b = String(r.varint()); // OperatorSetId.version
    else r.skip();
  }
  return [a, b];
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
      case 1: r.expect(VARINT); info.irVersion = r.varint(); break;
      case 2: r.expect(LD); info.producerName = r.string(); break;
      case 3: r.expect(LD); info.producerVersion = r.string(); break;
      case 4: r.expect(LD); info.domain = r.string(); break;
      case 5: r.expect(VARINT); info.modelVersion = r.varint(); break;
      case 6: r.expect(LD); info.docString = r.string(); break;
      case 7: r.expect(LD); graph = readGraph(r.message(), t); break;
      case 8: {
        r.expect(LD);
        const [domain, version] = readStringPair(r.message());
        info.opsets.push({ domain, version: Number(version) });
        break;
      }
      case 14: {
        r.expect(LD);
        const [k, v] = readStringPair(r.message());
        info.metadata[k] = v;
        break;
      }
      case 25: {
        r.expect(LD);
        const f = r.message();
        let name = '';
        let domain = '';
        while (f.next()) {
          if (f.field === 1 && f.wire === LD) name = f.string();
          else if (f.field === 10 && f.wire === LD) domain = f.string();
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
