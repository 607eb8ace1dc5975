import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  oipToPlain, plainToOip, parseOipRequest, parseOipResponse, toOipRequest, toOipResponse,
  OIP_TO_ELEMENT, ELEMENT_TO_OIP, isOipDatatype, elementCount, type OipDatatype, type OipTensor,
} from './oip.ts';
import { float16BitsToFloat32 } from './float16.ts';
import { DataFormatError, InputShapeError } from './errors.ts';
import type { ElementType } from './types.ts';

const t = (datatype: OipDatatype, shape: number[], data: unknown[], name = 'x'): OipTensor => ({ name, shape, datatype, data });

describe('datatype maps', () => {
  it('are inverse of each other', () => {
    for (const [dt, el] of Object.entries(OIP_TO_ELEMENT)) expect(ELEMENT_TO_OIP[el as ElementType]).toBe(dt);
    expect(Object.keys(ELEMENT_TO_OIP)).toHaveLength(13);
    expect(isOipDatatype('FP32')).toBe(true);
    expect(isOipDatatype('fp32')).toBe(false);
    expect(isOipDatatype(3)).toBe(false);
  });

  it('elementCount of a scalar is 1 and of a zero dim is 0', () => {
    expect(elementCount([])).toBe(1);
    expect(elementCount([2, 0, 3])).toBe(0);
    expect(elementCount([2, 3, 4])).toBe(24);
  });
});

describe('oipToPlain', () => {
  it('converts each datatype to the right typed array', () => {
    expect(oipToPlain(t('FP32', [2], [1.5, -2])).data).toEqual(new Float32Array([1.5, -2]));
    expect(oipToPlain(t('FP64', [1], [0.1])).data).toEqual(new Float64Array([0.1]));
    expect(oipToPlain(t('FP16', [2], [1, -2])).data).toEqual(new Uint16Array([0x3c00, 0xc000]));
    expect(oipToPlain(t('INT8', [2], [-128, 127])).data).toEqual(new Int8Array([-128, 127]));
    expect(oipToPlain(t('UINT16', [1], [65535])).data).toEqual(new Uint16Array([65535]));
    expect(oipToPlain(t('INT32', [1], [-7])).data).toEqual(new Int32Array([-7]));
    expect(oipToPlain(t('UINT32', [1], [4294967295])).data).toEqual(new Uint32Array([4294967295]));
    expect(oipToPlain(t('BYTES', [2], ['a', ''])).data).toEqual(['a', '']);
    const b = oipToPlain(t('BOOL', [4], [true, false, 1, 0]));
    expect(b).toEqual({ type: 'bool', dims: [4], data: new Uint8Array([1, 0, 1, 0]) });
  });

  it('reads INT64 from numbers and strings, beyond 2^53', () => {
    const p = oipToPlain(t('INT64', [3], [5, '-9223372036854775808', '9007199254740993']));
    expect(p.type).toBe('int64');
    expect(p.data).toEqual(new BigInt64Array([5n, -9223372036854775808n, 9007199254740993n]));
    expect(oipToPlain(t('UINT64', [1], ['18446744073709551615'])).data).toEqual(new BigUint64Array([18446744073709551615n]));
  });

  it('accepts a scalar (shape []) and an empty tensor', () => {
    expect(oipToPlain(t('INT64', [], [7]))).toEqual({ type: 'int64', dims: [], data: new BigInt64Array([7n]) });
    expect(oipToPlain(t('FP32', [0, 3], []))).toEqual({ type: 'float32', dims: [0, 3], data: new Float32Array(0) });
  });

  it('flattens nested data row-major', () => {
    expect(oipToPlain(t('INT32', [2, 2], [[1, 2], [3, 4]])).data).toEqual(new Int32Array([1, 2, 3, 4]));
  });

  it('accepts typed arrays as data', () => {
    expect(oipToPlain({ name: 'x', shape: [2], datatype: 'INT32', data: new Float32Array([1, 2]) as unknown as unknown[] }).data)
      .toEqual(new Int32Array([1, 2]));
  });

  it('reads non-finite floats written as strings or null', () => {
    const d = oipToPlain(t('FP32', [4], ['NaN', 'Infinity', '-Infinity', null])).data as Float32Array;
    expect(Array.from(d)).toEqual([NaN, Infinity, -Infinity, NaN]);
  });

  it('throws InputShapeError naming the tensor when element count mismatches', () => {
    const bad = () => oipToPlain(t('FP32', [2, 3], [1, 2, 3], 'pixels'));
    expect(bad).toThrow(InputShapeError);
    expect(bad).toThrow(/"pixels".*\[2, 3\] needs 6 elements, data has 3/);
  });

  it('throws DataFormatError for unknown datatype, bad shape, bad values', () => {
    expect(() => oipToPlain(t('FLOAT' as OipDatatype, [1], [1]))).toThrow(/unknown datatype "FLOAT"; valid: BOOL/);
    expect(() => oipToPlain(t('FP32', [-1], []))).toThrow(DataFormatError);
    expect(() => oipToPlain(t('FP32', [1.5], []))).toThrow(/non-negative integers/);
    expect(() => oipToPlain(t('INT8', [1], [128]))).toThrow(/data\[0\] \(flat, row-major\): expected an integer in \[-128, 127\], got 128/);
    expect(() => oipToPlain(t('INT32', [1], [1.5]))).toThrow(DataFormatError);
    expect(() => oipToPlain(t('INT64', [1], ['1e3']))).toThrow(DataFormatError);
    expect(() => oipToPlain(t('INT64', [1], ['9223372036854775808']))).toThrow(DataFormatError);
    expect(() => oipToPlain(t('BOOL', [1], [2]))).toThrow(/true\/false/);
    expect(() => oipToPlain(t('FP32', [1], ['abc']))).toThrow(DataFormatError);
    expect(() => oipToPlain(t('BYTES', [1], [1]))).toThrow(/expected a string/);
    expect(() => oipToPlain({ name: 'x', shape: [1], datatype: 'FP32', data: 'nope' } as unknown as OipTensor)).toThrow(/data must be an array/);
    expect(() => oipToPlain(null as unknown as OipTensor)).toThrow(DataFormatError);
  });
});

describe('plainToOip', () => {
  it('writes int64 as numbers when safe and strings otherwise', () => {
    const o = plainToOip('n', { type: 'int64', dims: [2], data: new BigInt64Array([3n, 2n ** 60n]) });
    expect(o).toEqual({ name: 'n', shape: [2], datatype: 'INT64', data: [3, '1152921504606846976'] });
  });

  it('writes float16 as numbers, bool as booleans, non-finite floats as strings', () => {
    expect(plainToOip('h', { type: 'float16', dims: [1], data: new Uint16Array([0x3800]) }).data).toEqual([0.5]);
    expect(plainToOip('b', { type: 'bool', dims: [2], data: new Uint8Array([1, 0]) }).data).toEqual([true, false]);
    const f = plainToOip('f', { type: 'float32', dims: [3], data: new Float32Array([NaN, Infinity, -Infinity]) });
    expect(f.data).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  const dtypes: OipDatatype[] = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES'];
  const value = (dt: OipDatatype): fc.Arbitrary<unknown> => {
    switch (dt) {
      case 'BOOL': return fc.boolean();
      case 'UINT8': return fc.integer({ min: 0, max: 255 });
      case 'UINT16': return fc.integer({ min: 0, max: 65535 });
      case 'UINT32': return fc.integer({ min: 0, max: 4294967295 });
      case 'UINT64': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => (b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString()));
      case 'INT8': return fc.integer({ min: -128, max: 127 });
      case 'INT16': return fc.integer({ min: -32768, max: 32767 });
      case 'INT32': return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
      case 'INT64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => (b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString()));
      // FP16/FP32 values that are exactly representable, so JSON -> plain -> JSON is the identity.
      case 'FP16': return fc.integer({ min: 0, max: 0xfbff }).filter((b) => b !== 0x8000 && (b & 0x7c00) !== 0x7c00).map(float16BitsToFloat32);
      case 'FP32': return fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
      case 'FP64': return fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
      case 'BYTES': return fc.string();
    }
  };

  const shaped = (dt: OipDatatype) =>
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }).chain((shape) => {
      const n = elementCount(shape);
      return fc.tuple(fc.constant(shape), fc.array(value(dt), { minLength: n, maxLength: n }));
    });

  it('property: OIP JSON -> plain -> OIP JSON is the identity for every datatype', () => {
    for (const dt of dtypes) {
      fc.assert(
        fc.property(shaped(dt), ([shape, data]) => {
          const json = JSON.parse(JSON.stringify(plainToOip('x', oipToPlain(t(dt, shape, data)))));
          expect(json).toEqual(t(dt, shape, data));
        }),
        { numRuns: 30 },
      );
    }
  });
});

describe('requests and responses', () => {
  it('parses a request with several inputs, outputs and id', () => {
    const body = JSON.stringify({
      id: 'r1',
      inputs: [t('FP32', [1, 2], [1, 2], 'a'), t('INT64', [], [3], 'len'), t('BOOL', [1], [true], 'flag')],
      outputs: [{ name: 'y' }],
    });
    const req = parseOipRequest(body);
    expect(Object.keys(req.inputs)).toEqual(['a', 'len', 'flag']);
    expect(req.inputs.len!.data).toEqual(new BigInt64Array([3n]));
    expect(req.outputs).toEqual(['y']);
    expect(req.id).toBe('r1');
  });

  it('round-trips through toOipRequest / toOipResponse', () => {
    const inputs = { a: { type: 'float32' as const, dims: [2], data: new Float32Array([1, 2]) } };
    expect(parseOipRequest(toOipRequest(inputs, { id: 'q', outputs: ['o'] }))).toEqual({ inputs, id: 'q', outputs: ['o'] });
    const res = parseOipResponse(toOipResponse('m', inputs, { modelVersion: '1' }));
    expect(res).toEqual({ modelName: 'm', modelVersion: '1', outputs: inputs });
  });

  it('rejects malformed bodies with DataFormatError', () => {
    expect(() => parseOipRequest('{oops')).toThrow(/not valid JSON/);
    expect(() => parseOipRequest([])).toThrow(/must be a JSON object, got an array/);
    expect(() => parseOipRequest({})).toThrow(/needs "inputs"/);
    expect(() => parseOipRequest({ inputs: [{ shape: [1], datatype: 'FP32', data: [1] }] })).toThrow(/inputs\[0\] needs a non-empty string "name"/);
    expect(() => parseOipRequest({ inputs: [t('FP32', [1], [1]), t('FP32', [1], [1])] })).toThrow(/"x" twice/);
    expect(() => parseOipRequest({ inputs: [], outputs: 'y' })).toThrow(DataFormatError);
    expect(() => parseOipResponse({ error: 'model not found' })).toThrow(/error: model not found/);
    expect(() => parseOipResponse({ outputs: [t('FP32', [2], [1])] })).toThrow(InputShapeError);
  });

  it('accepts an empty input list', () => {
    expect(parseOipRequest({ inputs: [] })).toEqual({ inputs: {} });
  });
});

describe('hostile OIP bodies', () => {
  it('refuses nesting deeper than the shape without overflowing the stack', () => {
    let data: unknown = [1.5];
    for (let i = 0; i < 200_000; i++) data = [data];
    expect(() => oipToPlain({ name: 'deep', shape: [1], datatype: 'FP32', data: data as number[] })).toThrow(/tensor "deep": data is nested too deeply/);
    const nested = oipToPlain({ name: 'ok', shape: [1, 2, 2], datatype: 'FP32', data: [[[1, 2], [3, 4]]] as unknown as number[] });
    expect(Array.from(nested.data as Float32Array)).toEqual([1, 2, 3, 4]);
  });
  it('keeps a tensor named __proto__ as a key', () => {
    const req = parseOipRequest({ inputs: [{ name: '__proto__', shape: [1], datatype: 'FP32', data: [2] }] });
    expect(Object.keys(req.inputs)).toEqual(['__proto__']);
    expect(Array.from(req.inputs['__proto__']!.data as Float32Array)).toEqual([2]);
  });
});
