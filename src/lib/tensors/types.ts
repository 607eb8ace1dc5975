// Plain tensor data that crosses every boundary (worker, CLI, server): no onnxruntime types here.

/** Element types, named as onnxruntime names them. */
export type ElementType =
  | 'float32' | 'float64' | 'float16'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'bool' | 'string';

/** OIP v2 (KServe v2) tensor datatypes; converted in oip.ts. */
export type OipDatatype =
  | 'BOOL' | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64'
  | 'INT8' | 'INT16' | 'INT32' | 'INT64'
  | 'FP16' | 'FP32' | 'FP64' | 'BYTES';

export type TypedArray =
  | Float32Array | Float64Array | Uint16Array
  | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint32Array | BigUint64Array;

/** A tensor as plain data. `data` is flat and row-major; float16 is carried as raw Uint16Array
 * bits, bool as Uint8Array (0/1), string as string[]. */
export interface PlainTensor {
  type: ElementType;
  dims: number[];
  data: TypedArray | string[];
}

/** Named tensors, in the order the model declares them. */
export type TensorMap = Record<string, PlainTensor>;

/** A declared dimension: a fixed size, a symbolic name (ONNX dim_param), or null when unknown. */
export type Dim = number | string | null;
