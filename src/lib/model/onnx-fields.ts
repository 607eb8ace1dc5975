// Protobuf field numbers of the ONNX messages the model card reads, named exactly as onnx.proto
// (onnx/onnx.proto3, IR version 10) names them, so the reader says `GraphProto.initializer`
// rather than `case 5`. Only the fields edgeprobe reads or deliberately skips are listed.

export const ModelProto = {
  ir_version: 1, opset_import: 8, producer_name: 2, producer_version: 3, domain: 4, model_version: 5,
  doc_string: 6, graph: 7, metadata_props: 14, training_info: 20, functions: 25,
} as const;

export const GraphProto = {
  node: 1, name: 2, initializer: 5, sparse_initializer: 15, doc_string: 10, input: 11, output: 12,
  value_info: 13, quantization_annotation: 14,
} as const;

export const NodeProto = { input: 1, output: 2, name: 3, op_type: 4, domain: 7, attribute: 5, doc_string: 6 } as const;

/** Attribute payloads; `g` and `graphs` hold the bodies of If/Loop/Scan. */
export const AttributeProto = {
  name: 1, f: 2, i: 3, s: 4, t: 5, g: 6, floats: 7, ints: 8, strings: 9, tensors: 10, graphs: 11,
  doc_string: 13, tp: 14, type_protos: 15, type: 20, ref_attr_name: 21, sparse_tensor: 22, sparse_tensors: 23,
} as const;

export const TensorProto = {
  dims: 1, data_type: 2, segment: 3, float_data: 4, int32_data: 5, string_data: 6, int64_data: 7, name: 8,
  raw_data: 9, double_data: 10, uint64_data: 11, doc_string: 12, external_data: 13, data_location: 14,
} as const;

/** TensorProto.DataLocation values. */
export const DataLocation = { DEFAULT: 0, EXTERNAL: 1 } as const;

/** TensorProto.DataType.STRING: its size is the string bytes, not element count × width. */
export const DATA_TYPE_STRING = 8;

export const SparseTensorProto = { values: 1, indices: 2, dims: 3 } as const;

export const ValueInfoProto = { name: 1, type: 2, doc_string: 3 } as const;

export const TypeProto = { tensor_type: 1, sequence_type: 4, map_type: 5, denotation: 6, sparse_tensor_type: 8, optional_type: 9 } as const;

/** TypeProto.Tensor and TypeProto.SparseTensor share these numbers. */
export const TypeProtoTensor = { elem_type: 1, shape: 2 } as const;

/** TypeProto.Sequence and TypeProto.Optional: the element's TypeProto. */
export const TypeProtoSequence = { elem_type: 1 } as const;

export const TypeProtoMap = { key_type: 1, value_type: 2 } as const;

export const TensorShapeProto = { dim: 1 } as const;

export const TensorShapeProtoDimension = { dim_value: 1, dim_param: 2, denotation: 3 } as const;

export const OperatorSetIdProto = { domain: 1, version: 2 } as const;

export const StringStringEntryProto = { key: 1, value: 2 } as const;

export const FunctionProto = { name: 1, input: 4, output: 5, attribute: 6, node: 7, doc_string: 8, opset_import: 9, domain: 10 } as const;
