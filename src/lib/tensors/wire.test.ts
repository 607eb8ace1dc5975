// Round trip of the binary wire form for every element type, and its errors.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeTensor, decodeTensors, encodeTensor, encodeTensors } from './wire.ts';
import { toFloat16Array } from './float16.ts';
import type { PlainTensor, TensorMap } from './types.ts';

const cases: Record<string, PlainTensor> = {
  f32: { type: 'float32', dims: [2, 3], data: new Float32Array([0, -1.5, 3.4028234663852886e38, NaN, Infinity, 1e-45]) },
  f64: { type: 'float64', dims: [3], data: new Float64Array([Math.PI, -0, Number.MIN_VALUE]) },
  f16: { type: 'float16', dims: [4], data: toFloat16Array([1, -2.5, 65504, 0.1]) },
  i8: { type: 'int8', dims: [3], data: new Int8Array([-128, 0, 127]) },
  i16: { type: 'int16', dims: [3], data: new Int16Array([-32768, 1, 32767]) },
  i32: { type: 'int32', dims: [1, 2], data: new Int32Array([-2147483648, 2147483647]) },
  i64: { type: 'int64', dims: [2], data: new BigInt64Array([-(2n ** 63n), 2n ** 53n + 1n]) },
  u8: { type: 'uint8', dims: [4], data: new Uint8Array([0, 1, 254, 255]) },
  u16: { type: 'uint16', dims: [1], data: new Uint16Array([65535]) },
  u32: { type: 'uint32', dims: [1], data: new Uint32Array([4294967295]) },
  u64: { type: 'uint64', dims: [1], data: new BigUint64Array([2n ** 64n - 1n]) },
  bool: { type: 'bool', dims: [3], data: new Uint8Array([1, 0, 1]) },
  str: { type: 'string', dims: [3], data: ['', 'héllo', '日本'] },
  scalar: { type: 'float32', dims: [], data: new Float32Array([7]) },
  empty: { type: 'int32', dims: [0, 4], data: new Int32Array(0) },
};

describe('tensor wire form', () => {
  for (const [name, t] of Object.entries(cases)) {
    it(`round-trips ${name} (${t.type}) bit for bit through a JSON string`, () => {
      const back = decodeTensor(name, JSON.parse(JSON.stringify(encodeTensor(t))));
      expect(back.type).toBe(t.type);
      expect(back.dims).toEqual(t.dims);
      expect(back.data.constructor).toBe(t.data.constructor);
      if (Array.isArray(t.data)) expect(back.data).toEqual(t.data);
      else expect(Array.from(new Uint8Array((back.data as Uint8Array).buffer))).toEqual(Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
    });
  }

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const big = new Float32Array([9, 1, 2, 9]);
    const back = decodeTensor('v', encodeTensor({ type: 'float32', dims: [2], data: big.subarray(1, 3) }));
    expect(Array.from(back.data as Float32Array)).toEqual([1, 2]);
  });

  it('round-trips a whole map, keeping the order of names', () => {
    const m: TensorMap = { b: cases.i8!, a: cases.str! };
    expect(Object.keys(decodeTensors(encodeTensors(m)))).toEqual(['b', 'a']);
  });

  it('matches standard base64 for every padding length', () => {
    for (let n = 0; n < 8; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 200) & 255);
      const b64 = bytesToBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(b64))).toEqual(Array.from(bytes));
    }
  });

  it('refuses bad base64, a wrong byte count and an unknown type with named errors', () => {
    expect(() => base64ToBytes('AA*A')).toThrow(expect.objectContaining({ name: 'DataFormatError' }));
    expect(() => decodeTensor('x', { type: 'float32', dims: [2], b64: bytesToBase64(new Uint8Array(4)) })).toThrow(expect.objectContaining({ name: 'InputShapeError', message: expect.stringContaining('"x"') }));
    expect(() => decodeTensor('x', { type: 'complex64' as never, dims: [1], b64: '' })).toThrow(expect.objectContaining({ name: 'DataFormatError' }));
    expect(() => decodeTensor('s', { type: 'string', dims: [2], strings: ['a'] })).toThrow(expect.objectContaining({ name: 'InputShapeError' }));
    expect(() => decodeTensor('y', { type: 'int32', dims: [1] })).toThrow(expect.objectContaining({ name: 'DataFormatError' }));
  });
});
