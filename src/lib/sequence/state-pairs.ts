// Which outputs of a streaming model are its next state, fed back into which inputs over a sequence:
// pairs by name first (state→stateN, h→hn, c→cn, state_in→state_out, past_x→present_x), then by an
// identical declared shape and element type where exactly one output fits an input and vice versa.
import type { Dim } from '../tensors/types.ts';
import { isFixedDim } from '../tensors/shape.ts';

/** What pairing needs to know about a declared input or output. */
export interface SequenceValue {
  name: string;
  type: string;
  dims: readonly Dim[] | null;
}

/** One state carried across steps: `output` of step i becomes `input` of step i + 1. */
export interface StatePair {
  input: string;
  output: string;
  /** How the pair was found: by the names, or by the only identical shape and type. */
  by: 'name' | 'shape';
}

/** Affixes that mark the incoming and the outgoing side of one state ("h"/"hn", "state_in"/"state_out"). */
const IN_AFFIX = /^(?:in|input|inputs|prev|previous|past|old|last|cur|current)$/;
const OUT_AFFIX = /^(?:out|output|outputs|next|new|n|present|updated|1|y)$/; // y: ONNX RNN ops name their last state Y_h, Y_c

/** Lowercase words of a name: "stateN" → [state, n], "past_key.0" → [past, key, 0], "h0" → [h, 0]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The name's core with one in/out marker removed from either end (at most one), per side. */
function cores(name: string, side: 'in' | 'out'): string[] {
  const w = words(name);
  const affix = side === 'in' ? IN_AFFIX : OUT_AFFIX;
  const out = [w.join(' ')];
  if (w.length > 1 && affix.test(w[w.length - 1]!)) out.push(w.slice(0, -1).join(' '));
  if (w.length > 1 && affix.test(w[0]!)) out.push(w.slice(1).join(' '));
  // "hn"/"cn": onnx exports of torch RNNs name the next state by appending n to the name.
  const joined = w.join(' ');
  if (side === 'out' && joined.length > 1 && joined.endsWith('n')) out.push(joined.slice(0, -1));
  // "h0" (initial) pairs with "hn"/"h1": a trailing 0 marks the incoming side.
  if (side === 'in' && w.length > 1 && w[w.length - 1] === '0') out.push(w.slice(0, -1).join(' '));
  return out;
}

/** True when the names say `output` is the next value of `input` (never the same name). */
export function namesPair(input: string, output: string): boolean {
  if (input === output) return false;
  const a = cores(input, 'in');
  const b = cores(output, 'out');
  // The bare names must differ by a marker: "input"/"output" have an empty core and do not pair.
  return a.some((x) => x !== '' && b.includes(x) && (x !== a[0] || x !== b[0]));
}

/** Same element type and rank; fixed dims equal; symbolic dims equal by name, free dims anything. */
function shapesFit(a: SequenceValue, b: SequenceValue): boolean {
  if (a.type !== b.type || !a.dims || !b.dims || a.dims.length !== b.dims.length) return false;
  return a.dims.every((d, i) => {
    const e = b.dims![i];
    if (isFixedDim(d) && isFixedDim(e)) return d === e;
    if (typeof d === 'string' && typeof e === 'string' && d && e) return d === e;
    return true;
  });
}

/** Identical declared shapes (every dim the same fixed size or the same symbolic name) and type. */
function sameShape(a: SequenceValue, b: SequenceValue): boolean {
  return a.type === b.type && !!a.dims && !!b.dims && a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims![i]);
}

/**
 * The state pairs of a model, in input order. Names first (the shapes must fit too); then, for
 * inputs and outputs left over, a pair where the shape and type are identical and match no other
 * leftover. Scalars never pair by shape (a rank-0 count is not a state).
 */
export function pairStates(inputs: readonly SequenceValue[], outputs: readonly SequenceValue[]): StatePair[] {
  const pairs: StatePair[] = [];
  const usedOut = new Set<string>();
  for (const inp of inputs) {
    const out = outputs.find((o) => !usedOut.has(o.name) && namesPair(inp.name, o.name) && shapesFit(inp, o));
    if (out) {
      pairs.push({ input: inp.name, output: out.name, by: 'name' });
      usedOut.add(out.name);
    }
  }
  const leftIn = inputs.filter((i) => !pairs.some((p) => p.input === i.name) && (i.dims?.length ?? 0) > 0);
  const leftOut = outputs.filter((o) => !usedOut.has(o.name) && (o.dims?.length ?? 0) > 0);
  for (const inp of leftIn) {
    const fits = leftOut.filter((o) => sameShape(inp, o));
    if (fits.length !== 1) continue;
    const out = fits[0]!;
    if (leftIn.filter((i) => sameShape(i, out)).length !== 1) continue;
    pairs.push({ input: inp.name, output: out.name, by: 'shape' });
    usedOut.add(out.name);
  }
  return inputs.flatMap((i) => pairs.filter((p) => p.input === i.name));
}

/** The pairs as people read them, output before the input it feeds: "hn → h, cn → c" on the page,
 * "hn→h, cn→c" (`arrow: '→'`) in the CLI's one-line summaries. */
export function pairsText(pairs: readonly Pick<StatePair, 'input' | 'output'>[], arrow = ' → '): string {
  return pairs.map((p) => `${p.output}${arrow}${p.input}`).join(', ');
}
