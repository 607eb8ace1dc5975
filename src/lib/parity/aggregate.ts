// Parity over many samples for one output: metrics over all elements of all samples (as if
// concatenated), a compact row per sample, and the worst-N samples to drill into.
import type { PlainTensor } from '../tensors/types.ts';
import { compareValues, type OutputComparison, type Tolerance } from './elementwise.ts';
import { classifierAgreement, type Agreement } from './classifier.ts';
import { assertComparable, toFloat64 } from './values.ts';
import { OutputMismatchError, ParityInputError } from './errors.ts';

/** One sample's device and baseline values for an output. `id` is carried into the results. */
export interface SamplePair {
  device: PlainTensor;
  baseline: PlainTensor;
  id?: string;
}

/** A sample's row in the drill-down table. */
export interface SampleComparison {
  /** Position in the input list (0-based, for code). */
  index: number;
  /** The sample's number as people read it: 1-based (index + 1), in the page, the CLI and JSON. */
  sample: number;
  id?: string;
  maxAbs: number;
  meanAbs: number;
  maxRel: number;
  cosine: number;
  withinTol: number;
  outside: number;
  pass: boolean;
  /** Coordinates of the worst element within this sample. */
  worstAt: number[];
  worstDevice: number;
  worstBaseline: number;
  /** Top-1 classes agree (only with `classifier`). */
  top1Agree?: boolean;
}

/** Parity of one output over all samples. */
export interface AggregateComparison {
  samples: number;
  /** Metrics over every element of every sample. Its worstIndex/worstAt are within the concatenation. */
  overall: OutputComparison;
  perSample: SampleComparison[];
  /** Up to `worstN` samples, largest max-abs error first (ties: more elements outside, then index). */
  worst: SampleComparison[];
  failingSamples: number;
  /** Present when `classifier` was asked for: agreement over all rows of all samples. */
  agreement?: Agreement;
}

export interface AggregateOptions extends Partial<Tolerance> {
  /** Length of the worst list (default 10). */
  worstN?: number;
  /** Compute top-1 / top-k agreement, with this k (true: k = 5). */
  classifier?: boolean | { k: number };
}

function concat(parts: Float64Array[], total: number): Float64Array {
  const out = new Float64Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * Compare `pairs` sample by sample and over all of them.
 * @throws OutputMismatchError naming the sample whose shapes or types differ; ParityInputError for no samples.
 */
export function compareSamples(pairs: readonly SamplePair[], opts: AggregateOptions = {}, name = 'output'): AggregateComparison {
  if (pairs.length === 0) throw new ParityInputError(`${name}: no samples to compare`);
  const tol = { ...(opts.atol !== undefined ? { atol: opts.atol } : {}), ...(opts.rtol !== undefined ? { rtol: opts.rtol } : {}) };
  const worstN = opts.worstN ?? 10;
  if (!Number.isInteger(worstN) || worstN < 0) throw new ParityInputError(`worstN must be an integer >= 0, got ${worstN}`);
  const devParts: Float64Array[] = [];
  const baseParts: Float64Array[] = [];
  let total = 0;
  const perSample: SampleComparison[] = pairs.map((p, index) => {
    const label = `${name} (sample ${p.id ?? index})`;
    assertComparable(p.device, p.baseline, label);
    const a = toFloat64(p.device, label);
    const b = toFloat64(p.baseline, label);
    devParts.push(a);
    baseParts.push(b);
    total += a.length;
    const c = compareValues(a, b, p.baseline.dims.slice(), tol);
    const row: SampleComparison = {
      index, sample: index + 1, maxAbs: c.maxAbs, meanAbs: c.meanAbs, maxRel: c.maxRel, cosine: c.cosine, withinTol: c.withinTol,
      outside: c.outside, pass: c.pass, worstAt: c.worstAt, worstDevice: c.worstDevice, worstBaseline: c.worstBaseline,
    };
    if (p.id !== undefined) row.id = p.id;
    return row;
  });
  const overall = compareValues(concat(devParts, total), concat(baseParts, total), [total], tol);
  const result: AggregateComparison = {
    samples: pairs.length, overall, perSample,
    worst: perSample.slice().sort((x, y) => y.maxAbs - x.maxAbs || y.outside - x.outside || x.index - y.index).slice(0, worstN),
    failingSamples: perSample.filter((s) => !s.pass).length,
  };
  if (opts.classifier) {
    const k = typeof opts.classifier === 'object' ? opts.classifier.k : 5;
    const classes = pairs[0]!.baseline.dims[pairs[0]!.baseline.dims.length - 1];
    pairs.forEach((p, i) => {
      const c = p.baseline.dims[p.baseline.dims.length - 1];
      if (c !== classes) throw new OutputMismatchError(`${name}: sample ${p.id ?? i} has ${c} classes, sample 0 has ${classes}`);
    });
    const asScores = (parts: Float64Array[]): PlainTensor => ({ type: 'float64', dims: [total / classes!, classes!], data: concat(parts, total) });
    const agreement = classifierAgreement(asScores(devParts), asScores(baseParts), { k }, name);
    // Row r of the concatenation belongs to the sample whose rows cover it.
    let row = 0;
    pairs.forEach((p, i) => {
      const rows = p.baseline.data.length / classes!;
      let agree = true;
      for (let r = row; r < row + rows; r++) if (agreement.deviceTop1[r] !== agreement.baselineTop1[r]) agree = false;
      perSample[i]!.top1Agree = agree;
      row += rows;
    });
    result.agreement = agreement;
  }
  return result;
}
