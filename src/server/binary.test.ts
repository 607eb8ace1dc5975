// Binary tensor data extension: byte layouts per datatype, round trips, and framing errors.
import { describe, expect, it } from 'vitest';
import { decodeBinaryTensor, encodeBinaryTensor } from './binary.ts';
import { DataFormatError, InputShapeError } from '../lib/tensors/errors.ts';

describe('binary tensor data', () => {
  it('round-trips every fixed-size datatype in little-endian order', () => {
    const cases = [
      ['FP32', 'float32', Float32Array.from([1.5, -2, 3e-8])],
      ['FP64', 'float64', Float64Array.from([0.1, -1e300, 5])],
      ['INT64', 'int64', BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 62n])],
      ['UINT8', 'uint8', Uint8Array.from([0, 7, 255])],
      ['INT16', 'int16', Int16Array.from([-32768, 1, 32767])],
      ['FP16', 'float16', Uint16Array.from([0x3c00, 0x8000, 0x7c00])],
      ['BOOL', 'bool', Uint8Array.from([1, 0, 1])],
    ] as const;
    for (const [dt, type, data] of cases) {
      const bytes = encodeBinaryTensor({ type, dims: [3], data });
      expect(bytes.length).toBe(data.byteLength);
      const back = decodeBinaryTensor('t', dt, [3], Buffer.from(bytes));
      expect(back).toEqual({ type, dims: [3], data });
    }
    // Little-endian on the wire: 1.0f is 00 00 80 3f.
    expect([...encodeBinaryTensor({ type: 'float32', dims: [1], data: Float32Array.from([1]) })]).toEqual([0, 0, 0x80, 0x3f]);
  });

  it('reads from a misaligned slice of a larger buffer', () => {
    const whole = Buffer.alloc(13);
    whole.writeFloatLE(2.5, 1);
    whole.writeFloatLE(-1, 5);
    whole.writeFloatLE(7, 9);
    expect(decodeBinaryTensor('t', 'FP32', [3], whole.subarray(1)).data).toEqual(Float32Array.from([2.5, -1, 7]));
  });

  it('frames BYTES as a 4-byte length and UTF-8 bytes', () => {
    const bytes = encodeBinaryTensor({ type: 'string', dims: [2], data: ['ab', 'é'] });
    expect([...bytes]).toEqual([2, 0, 0, 0, 0x61, 0x62, 2, 0, 0, 0, 0xc3, 0xa9]);
    expect(decodeBinaryTensor('s', 'BYTES', [2], bytes).data).toEqual(['ab', 'é']);
    expect(decodeBinaryTensor('s', 'BYTES', [0], Buffer.alloc(0)).data).toEqual([]);
  });

  it('rejects wrong sizes, truncated BYTES and non-0/1 BOOL bytes', () => {
    expect(() => decodeBinaryTensor('t', 'FP32', [2], Buffer.alloc(7))).toThrow(InputShapeError);
    expect(() => decodeBinaryTensor('s', 'BYTES', [1], Buffer.from([5, 0, 0, 0, 1]))).toThrow(DataFormatError);
    expect(() => decodeBinaryTensor('s', 'BYTES', [1], Buffer.from([1, 0]))).toThrow(/truncated/);
    expect(() => decodeBinaryTensor('s', 'BYTES', [2], Buffer.from([0, 0, 0, 0]))).toThrow(InputShapeError);
    expect(() => decodeBinaryTensor('b', 'BOOL', [1], Buffer.from([2]))).toThrow(/expected 0 or 1/);
  });
});
