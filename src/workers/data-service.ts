// The data worker's implementation (testable in Node): holds the reference and current tables,
// builds model inputs, adds prediction columns, and computes drift column by column with
// progress and cancel, reusing src/lib/drift for every statistic and the verdict.
import { DataFormatError, throwIfAborted, type Column, type Table } from '../lib/data/table.ts';
import { splitTable, type SplitSpec } from '../lib/data/split.ts';
import { columnDrift } from '../lib/drift/column-drift.ts';
import { datasetVerdict, sharedColumns } from '../lib/drift/report.ts';
import { timelineInSteps } from './timeline-chunks.ts';
import { driftReportHtml } from '../lib/drift/report-html.ts';
import { noteDescriptors, sharedTextDescriptors } from '../lib/drift/text-descriptors.ts';
import { accuracy, findLabelColumn, predictionColumns, type Predictions } from '../lib/drift/predictions.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import type { ColumnReport } from '../lib/drift/types.ts';
import { readParquet } from '../lib/data/parquet.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import { describeColumns, detectFormat, readSource, type LoadedSet } from './data-read.ts';
import { featureBatches, sampleBatches } from './model-inputs.ts';
import { imageBatches } from './images.ts';
import type {
  DataApi, DataProgressFn, DataSource, DriftRequest, DriftResult, ModelInputs, PredictionSummary, Slot, TableInfo,
} from './data-protocol.ts';

/** Above this many tested columns the per-column plot data is left out (the table stays light). */
const PLOT_COLUMN_LIMIT = 400;

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** Errors about a file's content start with the file's name, so the user knows which one. */
async function named<T>(p: Promise<T>, label: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as Error).name === 'DataFormatError') throw new DataFormatError(`${label}: ${(e as Error).message}`);
    throw e;
  }
}

function truncate(p: Predictions, n: number): Predictions {
  return {
    index: p.index.slice(0, n),
    predicted: { ...p.predicted, codes: p.predicted.codes.slice(0, n) },
    topScore: { ...p.topScore, values: p.topScore.values.slice(0, n) },
  };
}

export class DataService implements DataApi {
  private sets: Partial<Record<Slot, LoadedSet>> = {};
  private preds: Partial<Record<Slot, { p: Predictions; summary: PredictionSummary }>> = {};
  private last: { result: DriftResult; refName: string; curName: string } | null = null;
  private ctrl: AbortController | null = null;

  private begin(): AbortSignal {
    this.ctrl?.abort();
    this.ctrl = new AbortController();
    return this.ctrl.signal;
  }

  private info(set: LoadedSet, readMs: number): TableInfo {
    return {
      name: set.name, format: set.format, rows: set.table.rowCount, bytes: set.bytes, columns: describeColumns(set.table),
      samples: set.samples?.length ?? set.images?.length ?? 0, readMs,
    };
  }

  async load(slot: Slot, source: DataSource, onProgress?: DataProgressFn): Promise<TableInfo> {
    const signal = this.begin();
    const t0 = performance.now();
    const set = await named(readSource(source, signal, onProgress), `${source.name} (${slot})`);
    this.sets[slot] = set;
    delete this.preds[slot];
    this.last = null;
    return this.info(set, performance.now() - t0);
  }

  async loadSplit(source: DataSource, split: SplitSpec, onProgress?: DataProgressFn) {
    const signal = this.begin();
    const t0 = performance.now();
    const whole = await named(readSource(source, signal, onProgress), source.name);
    if (whole.samples || whole.images) throw new DataFormatError('sample and image files cannot be split; choose two files instead');
    onProgress?.({ phase: 'Splitting', done: 0, total: null, unit: 'rows' });
    await tick();
    throwIfAborted(signal);
    const { reference, current, dropped } = splitTable(whole.table, split);
    const how = split.mode === 'half' ? ['first half', 'second half'] : [`${split.column} < cut`, `${split.column} ≥ cut`];
    const ms = performance.now() - t0;
    this.sets.reference = { ...whole, name: `${whole.name} (${how[0]})`, table: reference };
    this.sets.current = { ...whole, name: `${whole.name} (${how[1]})`, table: current };
    this.preds = {};
    this.last = null;
    return { reference: this.info(this.sets.reference, ms), current: this.info(this.sets.current, ms), dropped };
  }

  async peekColumns(source: DataSource) {
    const signal = this.begin();
    if (source.kind === 'file' && (await detectFormat(source.name, source.file)) === 'parquet') {
      // A few rows are enough for names and types; ranges come from the first row group.
      const t = await readParquet(source.file, { rowEnd: 1, signal });
      return t.columns.map((c) => ({ name: c.name, storage: c.kind, datetime: c.kind === 'number' && c.dtype === 'datetime', min: null, max: null }));
    }
    const set = await readSource(source, signal);
    return describeColumns(set.table).map((c) => ({ name: c.name, storage: c.storage, datetime: c.inferred === 'datetime', min: c.min, max: c.max }));
  }

  async clear(slot: Slot): Promise<void> {
    delete this.sets[slot];
    delete this.preds[slot];
    this.last = null;
  }

  async modelInputs(slot: Slot, plan: ModelPlan): Promise<ModelInputs> {
    const signal = this.begin();
    const set = this.sets[slot];
    if (!set) return { batches: null, reason: `no ${slot} set is loaded` };
    if (set.samples) {
      const r = sampleBatches(set.samples, plan);
      return 'reason' in r ? { batches: null, reason: r.reason } : { batches: r.batches, rows: set.samples.length, via: 'samples' };
    }
    if (set.images) {
      if (!plan.image) return { batches: null, reason: 'the loaded model does not take images ([N, C, H, W] or [N, H, W, C] input)' };
      const fixed = plan.inputs[0].dims[0];
      const batches = await imageBatches(set.images, plan.image, fixed ?? plan.batchSize, signal);
      return { batches: batches.map((t) => ({ [plan.inputs[0].name]: t })), rows: set.images.length, via: 'images' };
    }
    const r = featureBatches(set.table, plan);
    return 'reason' in r ? { batches: null, reason: r.reason } : { batches: r.batches, rows: set.table.rowCount, via: 'features' };
  }

  async setPredictions(slot: Slot, outputs: PlainTensor[], labels: string[] | null): Promise<PredictionSummary> {
    const set = this.sets[slot];
    if (!set) throw new DataFormatError(`no ${slot} set is loaded`);
    let p = predictionColumns(outputs, labels);
    // A fixed batch dim pads the last batch: drop the padding rows' outputs.
    if (p.index.length > set.table.rowCount) p = truncate(p, set.table.rowCount);
    if (p.index.length !== set.table.rowCount) {
      throw new DataFormatError(`the model gave ${p.index.length} predictions for ${set.table.rowCount} rows of the ${slot} set; each row needs one [1, C] score row`);
    }
    const classes = p.predicted.dictionary.length;
    const label = findLabelColumn(set.table, labels, classes);
    const summary: PredictionSummary = { rows: p.index.length, accuracy: label ? accuracy(p.index, label.truth) : null, labelColumn: label?.name ?? null };
    this.preds[slot] = { p, summary };
    return summary;
  }

  async clearPredictions(): Promise<void> {
    this.preds = {};
  }

  async compute(req: DriftRequest, onProgress?: DataProgressFn): Promise<DriftResult> {
    const signal = this.begin();
    const t0 = performance.now();
    const ref = this.sets.reference;
    const cur = this.sets.current;
    if (!ref || !cur) throw new DataFormatError(`load ${!ref ? 'a reference' : 'a current'} set first`);
    if (ref.table.rowCount === 0) throw new DataFormatError(`the reference set ${ref.name} has no rows: drift needs reference data to compare with`);
    const pairs = this.pairs(ref.table, cur.table, req);
    if (!pairs.length) throw new DataFormatError('no columns to compare: choose at least one column present in both sets');
    const plots = pairs.length <= PLOT_COLUMN_LIMIT;
    const columns: ColumnReport[] = [];
    let lastTick = performance.now();
    for (let i = 0; i < pairs.length; i++) {
      const { name, role, r, c } = pairs[i];
      columns.push(columnDrift(name, r, c, {
        test: req.stattest[name], threshold: req.threshold[name], kind: req.kinds[name], role, plots,
      }));
      // Yield now and then so cancel() and progress messages get through.
      if (performance.now() - lastTick > 50 || i === pairs.length - 1) {
        onProgress?.({ phase: 'Testing columns', done: i + 1, total: pairs.length, unit: 'columns' });
        await tick();
        throwIfAborted(signal);
        lastTick = performance.now();
      }
    }
    noteDescriptors(columns);
    const dataset = datasetVerdict(columns, { correction: req.correction, datasetThreshold: req.datasetThreshold });
    const { onlyInReference, onlyInCurrent } = sharedColumns(ref.table, cur.table);
    let timeline = null;
    if (req.timeline) {
      onProgress?.({ phase: 'Drift per window', done: 0, total: null, unit: 'windows' });
      await tick();
      throwIfAborted(signal);
      timeline = await timelineInSteps(ref.table, cur.table, req.timeline.window, req.timeline.column, {
        columns: req.columns, stattest: req.stattest, threshold: req.threshold, kinds: req.kinds,
        correction: req.correction, datasetThreshold: req.datasetThreshold,
      }, signal, (done, total) => onProgress?.({ phase: 'Drift per window', done, total, unit: 'windows' }));
      throwIfAborted(signal);
    }
    const result: DriftResult = {
      report: {
        columns, dataset, rows: { reference: ref.table.rowCount, current: cur.table.rowCount },
        mismatches: { onlyInReference, onlyInCurrent }, timing: { computeMs: performance.now() - t0 },
      },
      timeline,
      predictions: { reference: this.preds.reference?.summary ?? null, current: this.preds.current?.summary ?? null },
    };
    this.last = { result, refName: ref.name, curName: cur.name };
    return result;
  }

  /** Column pairs to test: the chosen features, then prediction columns when both sets have them. */
  private pairs(ref: Table, cur: Table, req: DriftRequest): { name: string; role: string; r: Column; c: Column }[] {
    const refBy = new Map(ref.columns.map((c) => [c.name, c]));
    const curBy = new Map(cur.columns.map((c) => [c.name, c]));
    const problems = req.columns.flatMap((n) => [
      ...(refBy.has(n) ? [] : [`"${n}" is not in the reference set`]),
      ...(curBy.has(n) ? [] : [`"${n}" is not in the current set`]),
    ]);
    if (problems.length) throw new DataFormatError(`${problems.join('; ')}; choose columns both sets have`);
    const timeCol = req.timeline?.column;
    const out = req.columns
      .filter((n) => req.kinds[n] !== 'ignore' && n !== timeCol)
      .map((n) => ({ name: n, role: 'feature', r: refBy.get(n)!, c: curBy.get(n)! }));
    // Free-text columns get numeric descriptors even when not chosen (lib/drift/text-descriptors.ts).
    for (const d of sharedTextDescriptors(ref, cur, req.kinds, new Set(timeCol ? [timeCol] : []))) out.push({ name: d.name, role: d.role, r: d.ref, c: d.cur });
    const pr = this.preds.reference?.p;
    const pc = this.preds.current?.p;
    if (req.includePredictions && pr && pc) {
      out.push({ name: pr.predicted.name, role: 'prediction', r: pr.predicted, c: pc.predicted });
      out.push({ name: pr.topScore.name, role: 'prediction', r: pr.topScore, c: pc.topScore });
    }
    return out;
  }

  async exportHtml(title: string): Promise<string> {
    if (!this.last) throw new DataFormatError('compute a report first');
    const { result, refName, curName } = this.last;
    return driftReportHtml(result.report, { title, referenceName: refName, currentName: curName, timeline: result.timeline ?? undefined });
  }

  async exportJson(): Promise<string> {
    if (!this.last) throw new DataFormatError('compute a report first');
    const { result, refName, curName } = this.last;
    const body = { reference: refName, current: curName, ...result.report, timeline: result.timeline, predictions: result.predictions };
    // As `edgeprobe drift --json`: ±Infinity as strings, NaN as null.
    return JSON.stringify(body, (_k, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v, 2);
  }

  async cancel(): Promise<void> {
    this.ctrl?.abort();
  }
}
