// The data worker's implementation (testable in Node): holds the reference and current tables,
// builds model inputs, adds prediction columns, and computes drift column by column with
// progress and cancel, reusing src/lib/drift for every statistic and the verdict.
import { DataFormatError, throwIfAborted, type Column, type Table } from '../lib/data/table.ts';
import { splitTable, type SplitSpec } from '../lib/data/split.ts';
import { finishDrift, prepareDrift, testPair } from '../lib/drift/report.ts';
import { localeText, planDrift } from '../lib/drift/plan.ts';
import { optionsOf, type DriftSettings } from '../lib/drift/settings.ts';
import { driftReportJson } from '../lib/drift/report-json.ts';
import { timelineInSteps } from './timeline-chunks.ts';
import { driftReportHtml } from '../lib/drift/report-html.ts';
import { accuracy, findLabelColumn, predictionColumns, type Predictions } from '../lib/drift/predictions.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import { inferType } from '../lib/drift/typing.ts';
import { embeddingDrift, rowsOf } from '../lib/drift/embedding-drift.ts';
import type { ColumnReport } from '../lib/drift/types.ts';
import { readParquet } from '../lib/data/parquet.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import { describeColumns, detectFormat, readSource, type LoadedSet } from './data-read.ts';
import { featureBatches, sampleBatches } from './model-inputs.ts';
import { imageBatches } from './images.ts';
import type {
  ColumnTexts, DataApi, DataProgressFn, DataSource, DriftPlanInfo, DriftRequest, DriftResult, ModelInputs, PredictionSummary, Slot, TableInfo,
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
  /** A text model's pooled output per set ([rows, dim] flat), for the embedding signal. */
  private embeddings: Partial<Record<Slot, { output: string; data: Float32Array; dim: number }>> = {};
  private last: { result: DriftResult; refName: string; curName: string } | null = null;
  /** One controller per kind of work: reading the reference does not stop reading the current set. */
  private ctrls = new Map<string, AbortController>();

  /** A fresh signal for `key`, stopping the previous work of the same key only. */
  private begin(key = 'work'): AbortSignal {
    this.ctrls.get(key)?.abort();
    const c = new AbortController();
    this.ctrls.set(key, c);
    return c.signal;
  }

  private info(set: LoadedSet, readMs: number): TableInfo {
    return {
      name: set.name, format: set.format, rows: set.table.rowCount, bytes: set.bytes, columns: describeColumns(set.table),
      samples: set.samples?.length ?? set.images?.length ?? 0, readMs,
    };
  }

  async load(slot: Slot, source: DataSource, onProgress?: DataProgressFn, missing?: string[]): Promise<TableInfo> {
    const signal = this.begin(`load:${slot}`);
    const t0 = performance.now();
    const set = await named(readSource(source, signal, onProgress, missing), `${source.name} (${slot})`);
    this.sets[slot] = set;
    delete this.preds[slot];
    this.last = null;
    return this.info(set, performance.now() - t0);
  }

  async loadSplit(source: DataSource, split: SplitSpec, onProgress?: DataProgressFn) {
    // A split fills both slots: it replaces any read in flight.
    this.ctrls.get('load:reference')?.abort();
    this.ctrls.get('load:current')?.abort();
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
    const signal = this.begin('peek');
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

  async columnTexts(slot: Slot, column?: string): Promise<ColumnTexts> {
    const set = this.sets[slot];
    if (!set) return { column: null, reason: `no ${slot} set is loaded` };
    const col = column ? set.table.columns.find((c) => c.name === column) : set.table.columns.find((c) => c.kind === 'string' && inferType(c) === 'text');
    if (!col) return { column: null, reason: column ? `the ${slot} set has no column "${column}"` : `the ${slot} set has no free-text column` };
    if (col.kind !== 'string') return { column: null, reason: `"${col.name}" holds numbers, not text` };
    return { column: col.name, texts: Array.from(col.codes, (c) => (c >= 0 ? col.dictionary[c]! : '')) };
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
    this.embeddings = {};
  }

  async setEmbeddings(slot: Slot, output: string, data: Float32Array, dim: number): Promise<void> {
    this.embeddings[slot] = { output, data, dim };
  }

  /** The plan of the loaded pair under `settings`: each column's type, whether it is tested and why not. */
  async plan(settings: DriftSettings): Promise<DriftPlanInfo> {
    const ref = this.sets.reference;
    const cur = this.sets.current;
    if (!ref || !cur) throw new DataFormatError(`load ${!ref ? 'a reference' : 'a current'} set first`);
    // The user's column choice does not change types: plan everything, then mark the unchosen.
    const p = planDrift(ref.table, cur.table, optionsOf({ ...settings, columns: null }));
    return { columns: p.columns, quality: p.quality, locale: localeText(p), timeColumns: p.timeColumns };
  }

  async compute(req: DriftRequest, onProgress?: DataProgressFn): Promise<DriftResult> {
    const signal = this.begin();
    const t0 = performance.now();
    const ref = this.sets.reference;
    const cur = this.sets.current;
    if (!ref || !cur) throw new DataFormatError(`load ${!ref ? 'a reference' : 'a current'} set first`);
    if (ref.table.rowCount === 0) throw new DataFormatError(`the reference set ${ref.name} has no rows: drift needs reference data to compare with`);
    const opts = optionsOf(req.settings);
    const pr = this.preds.reference?.p;
    const pc = this.preds.current?.p;
    if (req.includePredictions && pr && pc) {
      opts.extra = [
        { name: pr.predicted.name, role: 'prediction', reference: pr.predicted, current: pc.predicted },
        { name: pr.topScore.name, role: 'prediction', reference: pr.topScore, current: pc.topScore },
      ];
    }
    // The same plan, tests and verdict as `edgeprobe drift` (src/lib/drift/report.ts), in steps.
    const prep = prepareDrift(ref.table, cur.table, opts);
    if (!prep.pairs.length && !prep.plan.columns.length) throw new DataFormatError('no columns to compare: the two sets share no column names');
    prep.options.plots = prep.pairs.length <= PLOT_COLUMN_LIMIT;
    const columns: ColumnReport[] = [];
    let lastTick = performance.now();
    for (let i = 0; i < prep.pairs.length; i++) {
      columns.push(testPair(prep, prep.pairs[i]));
      // Yield now and then so cancel() and progress messages get through.
      if (performance.now() - lastTick > 50 || i === prep.pairs.length - 1) {
        onProgress?.({ phase: 'Testing columns', done: i + 1, total: prep.pairs.length, unit: 'columns' });
        await tick();
        throwIfAborted(signal);
        lastTick = performance.now();
      }
    }
    onProgress?.({ phase: 'Data quality and multivariate drift', done: 0, total: null, unit: 'steps' });
    await tick();
    throwIfAborted(signal);
    const report = finishDrift(prep, ref.table, cur.table, columns, performance.now() - t0);
    const er = this.embeddings.reference;
    const ec = this.embeddings.current;
    if (req.includePredictions && er && ec) {
      onProgress?.({ phase: 'Embedding drift (MMD, 200 permutations)', done: 0, total: null, unit: 'steps' });
      await tick();
      const embedding = embeddingDrift(er.output, rowsOf(er.data, er.dim), rowsOf(ec.data, ec.dim));
      if (embedding) Object.assign(report, { embedding });
    }
    let timeline = null;
    const tl = req.settings.timeline;
    if (tl) {
      onProgress?.({ phase: 'Drift per window', done: 0, total: null, unit: 'windows' });
      await tick();
      throwIfAborted(signal);
      const topts = { ...prep.options, extra: undefined, plots: false };
      timeline = await timelineInSteps(prep.ref, prep.cur, tl.window, tl.column, topts, signal,
        (done, total) => onProgress?.({ phase: 'Drift per window', done, total, unit: 'windows' }));
      throwIfAborted(signal);
    }
    const result: DriftResult = {
      report,
      timeline,
      predictions: { reference: this.preds.reference?.summary ?? null, current: this.preds.current?.summary ?? null },
    };
    this.last = { result, refName: ref.name, curName: cur.name };
    return result;
  }

  async exportHtml(title: string): Promise<string> {
    if (!this.last) throw new DataFormatError('compute a report first');
    const { result, refName, curName } = this.last;
    return driftReportHtml(result.report, { title, referenceName: refName, currentName: curName, timeline: result.timeline ?? undefined });
  }

  async exportJson(): Promise<string> {
    if (!this.last) throw new DataFormatError('compute a report first');
    const { result, refName, curName } = this.last;
    // The same writer as `edgeprobe drift --json`.
    return driftReportJson(result.report, { reference: refName, current: curName, timeline: result.timeline, predictions: result.predictions });
  }

  async cancel(): Promise<void> {
    for (const c of this.ctrls.values()) c.abort();
  }
}
