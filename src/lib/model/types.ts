// Plain-data description of an ONNX model (the model card), produced by inspectModel().
import type { Dim } from '../tensors/types.ts';

/** A graph input or output as the model declares it. */
export interface ValueInfo {
  name: string;
  kind: 'tensor' | 'sparse_tensor' | 'sequence' | 'map' | 'optional' | 'unknown';
  /** Element type for tensors ('float32', 'int64', 'float16', 'bfloat16', ...); for other kinds
   * a description such as 'seq(tensor(float32))' or 'map(int64,tensor(float32))'. */
  type: string;
  /** Declared dims (number, symbolic name, or null when unknown); null when no shape is declared
   * (rank unknown) or the value is not a tensor. */
  dims: Dim[] | null;
  docString?: string;
}

/** An operator set the model imports. `domain` '' is the default ONNX domain (ai.onnx). */
export interface OpsetImport {
  domain: string;
  version: number;
}

/** An initializer whose data lives outside the .onnx file (ONNX external data). */
export interface ExternalTensor {
  name: string;
  /** Path of the data file relative to the model, as recorded in the model. */
  location: string;
}

/** Everything the model card shows, as plain data. */
export interface ModelInfo {
  /** Lowercase hex SHA-256 of the file bytes. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  opsets: OpsetImport[];
  /** metadata_props, in file order (later duplicates win). */
  metadata: Record<string, string>;
  graphName: string;
  /** Inputs the caller must feed: graph inputs that are not initializers (as onnxruntime treats IR >= 4). */
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** Graph inputs that have an initializer (optional, overridable inputs). */
  initializerInputs: string[];
  /** Node counts by op type over the main graph and all nested subgraphs (If/Loop/Scan bodies);
   * key is the op type for the default domain, `domain::op` for any other domain. */
  opCounts: Record<string, number>;
  /** Total node count, including nested subgraphs. */
  nodeCount: number;
  /** Sum over all initializers and Constant-node tensors (nested subgraphs included) of the product
   * of their dims (sparse: stored values). */
  parameterCount: number;
  /** Number of initializers (nested included). */
  initializerCount: number;
  /** Number of Constant nodes holding a tensor (nested included): their weights are in parameterCount. */
  constantCount: number;
  /** Size of the initializer and Constant-node tensor data in bytes: elements × element size (4-bit types two per byte,
   * strings by their UTF-8 length); counted whether stored inline or externally. */
  initializerBytes: number;
  /** Initializers stored as external data (the .onnx alone cannot run without those files). */
  externalData: ExternalTensor[];
  /** Names of model-local functions (ModelProto.functions), as `domain::name`. */
  functions: string[];
}
