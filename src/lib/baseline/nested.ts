// Nested JSON arrays (TensorFlow Serving's tensor form) <-> shape + flat values.
import type { PlainTensor } from '../tensors/types.ts';
import { toNumbers } from '../tensors/outputs.ts';

/**
 * Shape and row-major values of a nested array of numbers. Returns an error text (not a throw)
 * when it is ragged or holds something other than numbers, so callers can name their source.
 */
export function fromNested(v: unknown): { dims: number[]; values: number[] } | { error: string } {
  const dims: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    dims.push(probe.length);
    probe = probe[0];
  }
  const values: number[] = [];
  const walk = (x: unknown, depth: number, path: string): string | undefined => {
    if (depth === dims.length) {
      if (typeof x === 'number') values.push(x);
      else if (typeof x === 'boolean') values.push(x ? 1 : 0);
      else if (x === 'NaN' || x === 'Infinity' || x === '-Infinity' || x === null) values.push(x === null ? NaN : Number(x));
      else return `value at ${path || '[]'} is ${JSON.stringify(x)?.slice(0, 40)}, expected a number`;
      return undefined;
    }
    if (!Array.isArray(x) || x.length !== dims[depth]) return `ragged array at ${path || '[]'}: expected ${dims[depth]} items, got ${Array.isArray(x) ? x.length : JSON.stringify(x)?.slice(0, 40)}`;
    for (let i = 0; i < x.length; i++) {
      const err = walk(x[i], depth + 1, `${path}[${i}]`);
      if (err) return err;
    }
    return undefined;
  };
  const err = walk(v, 0, '');
  return err ? { error: err } : { dims, values };
}

/** A tensor as nested arrays in row-major order (a scalar for dims []). */
export function toNested(t: PlainTensor): unknown {
  const flat = Array.from(toNumbers(t));
  const build = (depth: number, offset: number): [unknown, number] => {
    if (depth === t.dims.length) return [flat[offset], offset + 1];
    const out: unknown[] = [];
    let at = offset;
    for (let i = 0; i < t.dims[depth]!; i++) {
      const [v, next] = build(depth + 1, at);
      out.push(v);
      at = next;
    }
    return [out, at];
  };
  return build(0, 0)[0];
}
