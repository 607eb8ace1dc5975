// Per-element conversion of OIP JSON values into typed arrays (used by oip.ts), with errors that
// name the tensor, the element index, the value and the valid range.
import type { OipDatatype, TypedArray } from './types.ts';
import { DataFormatError } from './errors.ts';
import { float32ToFloat16Bits } from './float16.ts';

const INT_RANGES: Partial<Record<OipDatatype, [number, number]>> = {
  INT8: [-128, 127], INT16: [-32768, 32767], INT32: [-2147483648, 2147483647],
  UINT8: [0, 255], UINT16: [0, 65535], UINT32: [0, 4294967295],
};

function floatValue(v: unknown, where: () => string, nullAsNaN: boolean): number {
  if (typeof v === 'number') return v;
  // JSON has no NaN/Infinity: JSON.stringify writes null, and we write these strings (see plainToOip).
  if (v === null) {
    if (nullAsNaN) return NaN;
    throw new DataFormatError(`${where()}: null is not a number (for NaN send the string "NaN")`);
  }
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'nan') return NaN;
    if (s === 'infinity' || s === 'inf' || s === '+infinity' || s === '+inf') return Infinity;
    if (s === '-infinity' || s === '-inf') return -Infinity;
  }
  throw new DataFormatError(`${where()}: expected a number (or "NaN"/"Infinity"/"-Infinity"), got ${JSON.stringify(v)}`);
}

function bigValue(v: unknown, signed: boolean, where: () => string): bigint {
  let b: bigint | undefined;
  if (typeof v === 'number' && Number.isInteger(v)) b = BigInt(v);
  else if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) b = BigInt(v.trim());
  const min = signed ? -(1n << 63n) : 0n;
  const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
  if (b === undefined || b < min || b > max) {
    throw new DataFormatError(
      `${where()}: expected an integer in [${min}, ${max}] (number or decimal string), got ${JSON.stringify(v)}`,
    );
  }
  return b;
}

/** Convert flat JSON values to the typed array for `datatype`; throws DataFormatError on a bad value. */
export function convertOipValues(name: string, datatype: OipDatatype, flat: unknown[], nullAsNaN = true): TypedArray | string[] {
  const n = flat.length;
  const where = (i: number) => () => `tensor "${name}" (${datatype}) data[${i}] (flat, row-major)`;
  switch (datatype) {
    case 'FP32': case 'FP64': {
      const out = datatype === 'FP32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = floatValue(flat[i], where(i), nullAsNaN);
      return out;
    }
    case 'FP16': {
      const out = new Uint16Array(n);
      for (let i = 0; i < n; i++) out[i] = float32ToFloat16Bits(floatValue(flat[i], where(i), nullAsNaN));
      return out;
    }
    case 'INT64': case 'UINT64': {
      const signed = datatype === 'INT64';
      const out = signed ? new BigInt64Array(n) : new BigUint64Array(n);
      for (let i = 0; i < n; i++) out[i] = bigValue(flat[i], signed, where(i));
      return out;
    }
    case 'BOOL': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (v === true || v === 1) out[i] = 1;
        else if (v === false || v === 0) out[i] = 0;
        else throw new DataFormatError(`${where(i)()}: expected true/false (or 1/0), got ${JSON.stringify(v)}`);
      }
      return out;
    }
    case 'BYTES': {
      const out: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v !== 'string') throw new DataFormatError(`${where(i)()}: expected a string, got ${JSON.stringify(v)}`);
        out[i] = v;
      }
      return out;
    }
    default: {
      const [lo, hi] = INT_RANGES[datatype]!;
      const Ctor = { INT8: Int8Array, INT16: Int16Array, INT32: Int32Array, UINT8: Uint8Array,
        UINT16: Uint16Array, UINT32: Uint32Array }[datatype];
      const out = new Ctor(n);
      for (let i = 0; i < n; i++) {
        const v = flat[i];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
          throw new DataFormatError(`${where(i)()}: expected an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
        }
        out[i] = v;
      }
      return out;
    }
  }
}
