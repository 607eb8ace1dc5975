// How many token ids a model can embed, read from its graph: the first dim of the initializer a
// Gather looks token ids up in. config.json's vocab_size can be missing or wrong; the graph cannot.
import { ProtoReader, WireType } from './protobuf.ts';
import { GraphProto, ModelProto, NodeProto, TensorProto, ValueInfoProto } from './onnx-fields.ts';

const LD = WireType.LengthDelimited;
/** Ops a token-id tensor passes through unchanged in value before reaching the embedding lookup. */
const PASS_THROUGH = new Set(['Cast', 'Unsqueeze', 'Squeeze', 'Reshape', 'Flatten', 'Identity']);

interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
}

function readNode(r: ProtoReader): Node {
  const n: Node = { op: '', inputs: [], outputs: [] };
  while (r.next()) {
    if (r.field === NodeProto.op_type && r.wire === LD) n.op = r.string();
    else if (r.field === NodeProto.input && r.wire === LD) n.inputs.push(r.string());
    else if (r.field === NodeProto.output && r.wire === LD) n.outputs.push(r.string());
    else r.skip();
  }
  return n;
}

function readInitializerDims(r: ProtoReader): [string, number[]] {
  const dims: number[] = [];
  let name = '';
  while (r.next()) {
    if (r.field === TensorProto.dims) r.repeatedVarint(dims);
    else if (r.field === TensorProto.name && r.wire === LD) name = r.string();
    else r.skip(); // the payload is never read: only the shape matters
  }
  return [name, dims];
}

function readValueInfoName(r: ProtoReader): string {
  let name = '';
  while (r.next()) {
    if (r.field === ValueInfoProto.name && r.wire === LD) name = r.string();
    else r.skip();
  }
  return name;
}

/**
 * Rows of the embedding table each graph input's values index: the first dim of the initializer
 * that a Gather takes from (its data input), where the indices are the input itself or the input
 * after value-preserving ops (Cast, Unsqueeze, Reshape…). When several tables read the same input,
 * the smallest bounds what is valid. Inputs with no such lookup are absent (the ids feed a
 * subgraph, a custom op, or a table kept in a Constant node: nothing to check against).
 */
export function embeddingRows(model: Uint8Array): Map<string, number> {
  const top = new ProtoReader(model);
  let graph: ProtoReader | null = null;
  while (top.next()) {
    if (top.field === ModelProto.graph && top.wire === LD) graph = top.message();
    else top.skip();
  }
  const out = new Map<string, number>();
  if (!graph) return out;
  const nodes: Node[] = [];
  const inits = new Map<string, number[]>();
  const inputs: string[] = [];
  while (graph.next()) {
    if (graph.field === GraphProto.node && graph.wire === LD) nodes.push(readNode(graph.message()));
    else if (graph.field === GraphProto.input && graph.wire === LD) inputs.push(readValueInfoName(graph.message()));
    else if (graph.field === GraphProto.initializer && graph.wire === LD) {
      const [name, dims] = readInitializerDims(graph.message());
      inits.set(name, dims);
    } else graph.skip();
  }
  for (const input of inputs) {
    if (inits.has(input)) continue;
    // Follow the values through value-preserving ops to every tensor that still holds them.
    const holds = new Set([input]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const n of nodes) {
        if (PASS_THROUGH.has(n.op) && holds.has(n.inputs[0] ?? '') && n.outputs[0] && !holds.has(n.outputs[0])) {
          holds.add(n.outputs[0]);
          changed = true;
        }
      }
    }
    for (const n of nodes) {
      if (n.op !== 'Gather' || !holds.has(n.inputs[1] ?? '')) continue;
      const dims = inits.get(n.inputs[0] ?? '');
      if (dims && dims.length >= 1 && dims[0]! > 0) out.set(input, Math.min(out.get(input) ?? Infinity, dims[0]!));
    }
  }
  return out;
}
