// The comparison as pure functions: samples + device outputs + baseline outputs -> per-output
// metrics (src/lib/parity), classifier agreement, accuracy against labels, worst-N, verdict, latency.
import { pairResults, type Pairing } from './pair.ts';
import type { PlainTensor, TensorMap } from '../tensors/types.ts';
import { toNumbers } from '../tensors/outputs.ts';
import {
  accuracyVsLabels, compareSamples, parityVerdict, valueKind,
  type Accuracy, type AggregateComparison, type OutputComparison, type Tolerance, type Verdict,
} from '../parity/index.ts';
import { DEFAULT_TOLERANCE, checkTolerance } from '../parity/elementwise.ts';
import { BaselineError } from '../baseline/errors.ts';
import type { BaselineResult } from '../baseline/types.ts';
import { latencySplit, type LatencyReport } from './latency.ts';
import type { CompareSample } from './samples.ts';

/** What the device produced for one sample. */
export interface DeviceResult {
  outputs: TensorMap;
  /** ms inside the engine (session.run). */
  computeMs: number;
}

export interface CompareOptions {
  /** Tolerance for every output (defaults atol 1e-5, rtol 1e-3). */
  tolerance?: Partial<Tolerance>;
  /** Per-output overrides. */
  tolerances?: Record<string, Partial<Tolerance>>;
  /** Outputs to compare; default every device output. */
  outputs?: string[];
  /** Rows of the worst-N table per output (default 10). */
  worstN?: number;
  /** k of the top-k overlap; default min(5, ceil(classes / 2)) so it is not trivially 1. */
  topK?: number;
  /** Class names in score order (from the model card), for display. */
  labels?: readonly string[];
}

/** Accuracy of one side against the samples' labels. */
export type SideAccuracy = Pick<Accuracy, 'labelled' | 'correct' | 'accuracy'>;

export interface OutputReport {
  name: string;
  tolerance: Tolerance;
  /** All elements of all samples; `worstSample` (1-based) holds the worst element, at `worstAt` within it. */
  overall: OutputComparison;
  aggregate: AggregateComparison;
  /** Scores over classes (float, last dim >= 2): agreement and accuracy apply. */
  classifier: boolean;
  accuracy?: { device: SideAccuracy; baseline: SideAccuracy };
}

export interface CompareReport {
  samples: number;
  /** How baseline results were matched to samples: by their `id`s, or by position. */
  pairing: Pairing;
  labelled: number;
  outputs: OutputReport[];
  verdict: Verdict;
  latency: LatencyReport;
}

/** A float output whose last dim has 2..1000 classes, one or more rows per sample. */
export function looksLikeClassifier(t: PlainTensor): boolean {
  const c = t.dims[t.dims.length - 1];
  return valueKind(t.type) === 'float' && t.dims.length >= 1 && t.dims.length <= 2 && c !== undefined && c >= 2 && c <= 1000;
}

function unflatten(flat: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length).fill(0);
  for (let d = dims.length - 1, rest = flat; d >= 0; d--) {
    const size = dims[d]!;
    out[d] = size > 0 ? rest % size : 0;
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return out;
}

/** Locate a flat index of the concatenation: the sample and coordinates inside it. */
function locate(flat: number, pairs: readonly PlainTensor[]): number[] {
  let off = 0;
  for (let i = 0; i < pairs.length; i++) {
    const n = pairs[i]!.data.length;
    if (flat < off + n) return [i, ...unflatten(flat - off, pairs[i]!.dims)];
    off += n;
  }
  return [];
}

function side(a: Accuracy): SideAccuracy {
  return { labelled: a.labelled, correct: a.correct, accuracy: a.accuracy };
}

/** Cast a typeless float64 baseline (TF Serving, CSV) to compare against integer/bool device outputs. */
function alignKind(device: PlainTensor, baseline: PlainTensor): PlainTensor {
  if (baseline.type !== 'float64' || valueKind(device.type) === 'float' || valueKind(device.type) === 'string') return baseline;
  return { type: 'int32', dims: baseline.dims, data: Int32Array.from(baseline.data as Float64Array) };
}

/**
 * Compare device and baseline outputs sample by sample.
 * @throws BaselineError 'file' when the counts differ, 'missing-output' when the baseline lacks an
 *         output for a sample, 'shape' when shapes or kinds differ; ParityInputError for a bad tolerance.
 */
export function buildReport(samples: readonly CompareSample[], device: readonly DeviceResult[], givenBaseline: readonly BaselineResult[], opts: CompareOptions = {}): CompareReport {
  const n = samples.length;
  if (n === 0) throw new BaselineError('file', 'no samples to compare');
  if (device.length !== n) throw new BaselineError('file', `the device produced ${device.length} results for ${n} samples`);
  const { results: baseline, pairing } = pairResults(samples, givenBaseline);
  if (baseline.length !== n) throw new BaselineError('file', `the baseline has ${baseline.length} results for ${n} samples; it must have one per sample, in the same order (or with the samples' ids)`);
  const names = opts.outputs ?? Object.keys(device[0]!.outputs);
  const labels = samples.map((s) => (s.label === undefined ? null : s.label));
  const labelled = labels.filter((l) => l !== null).length;
  const results: OutputReport[] = names.map((name) => {
    const tolerance = checkTolerance({ ...DEFAULT_TOLERANCE, ...opts.tolerance, ...opts.tolerances?.[name] });
    const devs: PlainTensor[] = [];
    const bases: PlainTensor[] = [];
    for (let i = 0; i < n; i++) {
      const d = device[i]!.outputs[name];
      if (!d) throw new BaselineError('missing-output', `the device gave no output "${name}" for sample ${i + 1}`);
      const b = baseline[i]!.outputs[name];
      if (!b) {
        const has = Object.keys(baseline[i]!.outputs).map((x) => `"${x}"`).join(', ') || 'none';
        throw new BaselineError('missing-output', `the baseline lacks output "${name}" for sample ${i + 1}; it has ${has}`);
      }
      devs.push(d);
      bases.push(alignKind(d, b));
    }
    const classifier = looksLikeClassifier(bases[0]!);
    const classes = bases[0]!.dims[bases[0]!.dims.length - 1] ?? 1;
    const k = opts.topK ?? Math.min(5, Math.ceil(classes / 2));
    let aggregate: AggregateComparison;
    try {
      aggregate = compareSamples(devs.map((d, i) => (samples[i]!.id === undefined ? { device: d, baseline: bases[i]! } : { device: d, baseline: bases[i]!, id: samples[i]!.id })), { ...tolerance, worstN: opts.worstN ?? 10, classifier: classifier ? { k } : false }, name);
    } catch (e) {
      if ((e as Error).name === 'OutputMismatchError') throw new BaselineError('shape', (e as Error).message);
      throw e;
    }
    // Sample numbers shown to people are 1-based everywhere (the page, the CLI, the JSON report).
    const at = aggregate.overall.worstIndex >= 0 ? locate(aggregate.overall.worstIndex, bases) : [];
    const overall: OutputComparison = at.length > 0
      ? { ...aggregate.overall, worstSample: at[0]! + 1, worstAt: at.slice(1) }
      : { ...aggregate.overall, worstAt: [] };
    const report: OutputReport = { name, tolerance, overall, aggregate, classifier };
    const oneRowEach = devs.every((d) => d.data.length === classes);
    if (classifier && labelled > 0 && oneRowEach) {
      const stack = (ts: PlainTensor[]): PlainTensor => {
        const data = new Float64Array(n * classes);
        ts.forEach((t, i) => data.set(toNumbers(t), i * classes));
        return { type: 'float64', dims: [n, classes], data };
      };
      report.accuracy = { device: side(accuracyVsLabels(stack(devs), labels, name)), baseline: side(accuracyVsLabels(stack(bases), labels, name)) };
    }
    return report;
  });
  const verdict = parityVerdict(results.map((r) => ({ name: r.name, comparison: r.overall, ...(r.aggregate.agreement ? { agreement: r.aggregate.agreement } : {}) })));
  return { samples: n, pairing, labelled, outputs: results, verdict, latency: latencySplit(device.map((d) => d.computeMs), baseline) };
}

/** The report as JSON for export: typed arrays as lists, non-finite numbers as strings. */
export function reportToJson(report: CompareReport, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, ...report }, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  }, 2);
}
