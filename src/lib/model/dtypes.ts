// ONNX TensorProto.DataType codes -> element type names (onnxruntime's spelling) and byte sizes.

/** Element type names indexed by TensorProto.DataType code. */
export const ONNX_DTYPES: readonly string[] = [
  'undefined', 'float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool',
  'float16', 'float64', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16',
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'uint4', 'int4', 'float4e2m1',
  'float8e8m0', 'uint2', 'int2',
];

/** Element type name for a TensorProto.DataType code; unknown codes become `dtype(N)`. */
export function onnxDtypeName(code: number): string {
  return ONNX_DTYPES[code] ?? `dtype(${code})`;
}

/** Bits per element for each code (0 for string/undefined: sized by content). */
const BITS: readonly number[] = [0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8, 4, 4, 4, 8, 2, 2];

/** Bytes taken by `count` elements of type `code`, sub-byte types packed; 0 when unknown. */
export function onnxDataBytes(code: number, count: number): number {
  const bits = BITS[code] ?? 0;
  return Math.ceil((count * bits) / 8);
}
