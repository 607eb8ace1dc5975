// onnxruntime's run errors lose their internals; node failures are told apart (they become 400s).
import { describe, expect, it } from 'vitest';
import { describeRunError } from './infer.ts';

describe('describeRunError', () => {
  it('strips source paths and C++ signatures and names the node', () => {
    const mul = "Non-zero status code returned while running Mul node. Name:'' Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/math/element_wise_ops.h:583 void onnxruntime::BroadcastIterator::Append(ptrdiff_t, ptrdiff_t) axis == 1 || axis == largest was false. Attempting to broadcast an axis by a dimension other than 1. 3 by 2";
    expect(describeRunError(mul)).toEqual({ node: 'Mul', text: 'axis == 1 || axis == largest was false. Attempting to broadcast an axis by a dimension other than 1. 3 by 2' });
    const reshape = "Non-zero status code returned while running Reshape node. Name:'r' Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/tensor/reshape_helper.h:40 onnxruntime::ReshapeHelper::ReshapeHelper(const onnxruntime::TensorShape&, onnxruntime::TensorShapeVector&, bool) size != 0 && (input_shape_size % size) == 0 was false. The input tensor cannot be reshaped to the requested shape. Input shape:{6}, requested shape:{4,4}";
    const r = describeRunError(reshape);
    expect(r.node).toBe('Reshape');
    expect(r.text).toMatch(/^size != 0 .*requested shape:\{4,4\}$/);
    expect(r.text).not.toMatch(/onnxruntime_src|onnxruntime::/);
  });

  it('keeps other messages (no node) as they are, trimmed', () => {
    expect(describeRunError('  out of memory  ')).toEqual({ text: 'out of memory' });
  });
});
