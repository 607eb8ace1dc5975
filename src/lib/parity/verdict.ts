// The parity verdict over all outputs: pass or fail, the tolerance used for each output, and for
// each failing output a sentence naming it and its error (what `edgeprobe compare` prints).
import { formatSig } from '../format.ts';
import type { OutputComparison, Tolerance } from './elementwise.ts';
import type { Agreement } from './classifier.ts';
import { ParityInputError } from './errors.ts';

/** What the verdict looks at for one output. */
export interface OutputResult {
  name: string;
  comparison: OutputComparison;
  agreement?: Agreement;
}

export interface VerdictOptions {
  /** Share of elements that must be within tolerance (default 1: all of them). */
  minWithin?: number;
  /** When set, top-1 agreement of classifier outputs must reach this share too. */
  minTop1Agreement?: number;
}

export interface OutputVerdict {
  name: string;
  pass: boolean;
  tolerance: Tolerance;
  /** One sentence: why it passed or failed. */
  reason: string;
}

export interface Verdict {
  pass: boolean;
  outputs: OutputVerdict[];
  minWithin: number;
  minTop1Agreement?: number;
  /** One line for people: the failing outputs and their errors, or that all passed. */
  message: string;
}

/** Short number for messages (3 significant digits): src/lib/format.ts `formatSig`. */
export const fmt = (x: number): string => formatSig(x);

/**
 * Two values that are compared, each in as many significant digits as it takes (3 to 17) for the
 * two texts to differ when the values do: "(device -3.2812, baseline -3.2809)", never "-3.28, -3.28".
 */
export function fmtPair(a: number, b: number): [string, string] {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return [fmt(a), fmt(b)];
  for (let p = 3; p <= 17; p++) {
    const fa = formatSig(a, p);
    const fb = formatSig(b, p);
    if (fa !== fb) return [fa, fb];
  }
  return [String(a), String(b)];
}

/**
 * The largest relative error as text, where it is defined. Relative error is |device − baseline| /
 * |baseline|, so an element whose baseline is exactly 0 (and whose device value is not) has none:
 * then the text says so ("— (reference 0)") instead of printing Infinity. No floor is added to the
 * denominator (a floor would make the number depend on an arbitrary constant); the absolute error
 * and the atol part of the tolerance cover those elements. A truly infinite error (a NaN on one side
 * or an infinite value) stays "Infinity".
 */
export function relErrorText(c: { maxRel: number; maxAbs: number }): string {
  // With every absolute error finite, an infinite ratio can only come from a baseline of 0.
  if (c.maxRel === Infinity && Number.isFinite(c.maxAbs)) return '— (reference 0)';
  return fmt(c.maxRel);
}

function pctText(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

function judge(r: OutputResult, minWithin: number, minTop1?: number): OutputVerdict {
  const c = r.comparison;
  const tol = c.tolerance;
  const tolText = `|device − baseline| <= ${fmt(tol.atol)} + ${fmt(tol.rtol)}·|baseline|`;
  const problems: string[] = [];
  if (c.withinTol < minWithin) {
    const [dv, bv] = fmtPair(c.worstDevice, c.worstBaseline);
    const where = c.worstSample === undefined ? `[${c.worstAt.join(', ')}]` : `sample ${c.worstSample} [${c.worstAt.join(', ')}]`;
    const worst = `max abs error ${fmt(c.maxAbs)} at ${where} (device ${dv}, baseline ${bv})`;
    problems.push(`${c.outside} of ${c.count} elements (${pctText(1 - c.withinTol)}) fail ${tolText}; ${worst}, max rel error ${relErrorText(c)}`);
  }
  if (minTop1 !== undefined && r.agreement && r.agreement.top1Agreement < minTop1) {
    problems.push(`top-1 agreement ${pctText(r.agreement.top1Agreement)} is below ${pctText(minTop1)}`);
  }
  if (problems.length > 0) return { name: r.name, pass: false, tolerance: tol, reason: `output "${r.name}": ${problems.join('; ')}` };
  return {
    name: r.name, pass: true, tolerance: tol,
    reason: `output "${r.name}": ${pctText(c.withinTol)} of ${c.count} elements within ${tolText} (max abs error ${fmt(c.maxAbs)})`,
  };
}

/**
 * Judge every output. An output passes when at least `minWithin` of its elements are within its
 * tolerance (and, if asked, its top-1 agreement reaches `minTop1Agreement`).
 * @throws ParityInputError for no outputs or shares outside [0, 1].
 */
export function parityVerdict(results: readonly OutputResult[], opts: VerdictOptions = {}): Verdict {
  if (results.length === 0) throw new ParityInputError('no outputs to judge');
  const minWithin = opts.minWithin ?? 1;
  for (const [k, v] of [['minWithin', minWithin], ['minTop1Agreement', opts.minTop1Agreement]] as const) {
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new ParityInputError(`${k} must be a share in [0, 1], got ${v}`);
  }
  const outputs = results.map((r) => judge(r, minWithin, opts.minTop1Agreement));
  const failing = outputs.filter((o) => !o.pass);
  const message = failing.length === 0
    ? `PASS: ${outputs.length > 1 ? `all ${outputs.length} outputs` : 'the output'} within tolerance. ${outputs.map((o) => o.reason).join('. ')}`
    : `FAIL: ${failing.length} of ${outputs.length} output${outputs.length > 1 ? 's' : ''} out of tolerance. ${failing.map((o) => o.reason).join('. ')}`;
  const verdict: Verdict = { pass: failing.length === 0, outputs, minWithin, message };
  if (opts.minTop1Agreement !== undefined) verdict.minTop1Agreement = opts.minTop1Agreement;
  return verdict;
}
