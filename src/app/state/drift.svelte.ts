// The drift screen's state: composes the sets (drift-sets), the user's settings (drift-choices) and
// the one-file split (drift-split), and runs the user's actions (load, plan, compute, predictions
// through the engine, exports). All data work happens in the workers.
import { downloadText } from './download.ts';
import { DataClient, DataWorkerStuckError } from '../../workers/data-client.ts';
import type { DataSource, DriftResult, ImageItem, PredictionSummary, Slot, TableInfo } from '../../workers/data-protocol.ts';
import { parseSettings, type DriftSettings } from '../../lib/drift/settings.ts';
import { togglesOf } from '../../lib/drift/choices.ts';
import { DriftSets } from './drift-sets.svelte.ts';
import { DriftChoices } from './drift-choices.svelte.ts';
import { SplitChoice } from './drift-split.svelte.ts';
import { planModel } from '../../lib/drift/model-plan.ts';
import { logitsName } from '../../lib/text/classify.ts';
import { engine, describeError } from './engine.svelte.ts';
import { isCancellation } from '../../lib/cancel.ts';
import { model } from './model.svelte.ts';
import { modelCard } from './model-card.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { loadSampleIndex, type SampleSetEntry } from './sample-index.ts';
import { samplePairs } from '../../lib/samples/index.ts';
import { readDrop } from './drop.ts';

/** An entry of the bundled sample index (src/lib/samples). */
export type BundledEntry = SampleSetEntry;
export interface BundledPair {
  id: string;
  label: string;
  reference: BundledEntry;
  current: BundledEntry;
}
export interface Progress {
  phase: string;
  done: number;
  total: number | null;
  unit: string;
}
export type { PeekColumn } from './drift-split.svelte.ts';

const base = import.meta.env.BASE_URL;
const samplesUrl = (rel: string) => new URL(`${base}samples/${rel}`, location.href).href;
/** Texts per engine call when a text model predicts over a drift set (one batched run each). */
const TEXT_BATCH = 256;

export type { Mismatch } from '../../lib/drift/choices.ts';

class DriftState {
  private clientInstance: DataClient | null = null;
  readonly sets = new DriftSets();
  readonly choices = new DriftChoices(() => this.sets.plan?.columns ?? []);
  readonly split = new SplitChoice();
  bundled = $state.raw<BundledPair[]>([]);
  /** actions in flight: the reference and the current set may be read at the same time */
  private active = $state(0);
  readonly busy: boolean = $derived(this.active > 0);
  progress = $state<Progress | null>(null);
  /** per side: files of a drop that were not read, in words */
  dropNote = $state<Partial<Record<Slot, string>>>({});
  error = $state<{ name: string; message: string } | null>(null);
  includePredictions = $state(true);
  predictionNote = $state<string | null>(null);
  predictions = $state.raw<{ reference: PredictionSummary | null; current: PredictionSummary | null }>({ reference: null, current: null });
  result = $state.raw<DriftResult | null>(null);
  focus = $state<string | null>(null);
  private predictedFor: string | null = null;
  /** where each set came from: read again when the missing markers change */
  private sources: Partial<Record<Slot, DataSource>> = {};
  private plannedFor = '';
  /** the missing markers the loaded sets were read with */
  private readWithNa = JSON.stringify(null);

  get reference(): TableInfo | null {
    return this.sets.reference;
  }

  get current(): TableInfo | null {
    return this.sets.current;
  }

  get client(): DataClient {
    this.clientInstance ??= new DataClient(undefined, (e) => {
      this.sets.clear();
      this.result = null;
      if (e.name === 'CancelledError') engine.notify('info', 'Reading stopped', e.message);
      else engine.notify('error', 'The data worker crashed and was restarted', e.message);
    });
    return this.clientInstance;
  }

  get ready(): boolean {
    return this.sets.both && !this.busy;
  }

  async loadBundledIndex(): Promise<void> {
    if (this.bundled.length) return;
    try {
      this.bundled = samplePairs(await loadSampleIndex()).map(({ reference: s, current: other }) => {
        const kind = s.kind === 'images' ? 'images' : s.kind === 'csv' ? 'CSV' : 'JSONL';
        return { id: s.id, label: `${s.id.replace(/-png$/, '')} vs ${other.id.replace(/-png$/, '')} (${kind})`, reference: s, current: other };
      });
    } catch {
      this.bundled = [];
    }
  }

  private sourceOf(entry: BundledEntry): DataSource {
    if (entry.kind === 'images') {
      const items: ImageItem[] = (entry.files ?? []).map((f) => ({ name: f.file, url: samplesUrl(entry.file + f.file), label: f.label, labelName: f.labelName }));
      return { kind: 'images', items, name: entry.id };
    }
    return { kind: 'url', url: samplesUrl(entry.file), name: entry.file };
  }

  /** Files picked or dropped for one side: several images make an image set, else the first file is read. */
  static sourceOfFiles(files: File[]): DataSource | null {
    return readDrop(files).source;
  }

  /** Reads a drop or pick of files into one side, noting any files it leaves out. */
  async loadFiles(slot: Slot, files: File[]): Promise<void> {
    const { source, note } = readDrop(files);
    this.dropNote = { ...this.dropNote, [slot]: note ?? undefined };
    await this.loadSide(slot, source);
  }

  private async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.error = null;
    this.active++;
    try {
      return await fn();
    } catch (e) {
      this.error = describeError(e);
      // A plain cancel keeps the sets; a worker that had to be restarted lost them (its own message says so).
      if (isCancellation(e) && !(e instanceof DataWorkerStuckError)) this.error = { name: 'CancelledError', message: 'Stopped. Everything loaded before is kept.' };
      return undefined;
    } finally {
      this.active--;
      if (!this.active) this.progress = null;
    }
  }

  private onProgress = (p: Progress) => {
    this.progress = p;
  };

  private async read(slot: Slot, source: DataSource): Promise<void> {
    this.sources[slot] = source;
    this.sets[slot] = await this.client.load(slot, source, this.onProgress, this.choices.na ?? undefined);
  }

  async loadSide(slot: Slot, source: DataSource | null): Promise<void> {
    if (!source) return;
    await this.run(async () => {
      await this.read(slot, source);
      await this.afterLoad();
    });
  }

  async loadPair(pair: BundledPair): Promise<void> {
    await this.run(async () => {
      await this.read('reference', this.sourceOf(pair.reference));
      await this.read('current', this.sourceOf(pair.current));
      await this.afterLoad();
    });
    if (this.sets.both) await this.compute();
  }

  async chooseSplitFile(file: File | null): Promise<void> {
    this.split.choose(file);
    if (!file) return;
    await this.run(async () => {
      this.split.choose(file, await this.client.peekColumns({ kind: 'file', file, name: file.name }));
    });
  }

  async runSplit(): Promise<void> {
    const file = this.split.file;
    if (!file) return;
    const spec = this.split.spec;
    if (typeof spec === 'string') {
      this.error = { name: 'DataFormatError', message: spec };
      return;
    }
    const r = await this.run(() => this.client.loadSplit({ kind: 'file', file, name: file.name }, spec, this.onProgress));
    if (!r) return;
    this.sources = {};
    this.sets.reference = r.reference;
    this.sets.current = r.current;
    await this.run(() => this.afterLoad());
    // The split column separates the sets by construction: leave it out of the tests.
    if (spec.mode === 'cut') this.choices.toggle(spec.column, false);
    await this.compute();
  }

  /** The plan of the loaded pair under the current type settings (types, exclusions, evidence). */
  private async refreshPlan(): Promise<void> {
    if (!this.sets.both) return;
    this.sets.plan = await this.client.plan(this.choices.settings);
    this.plannedFor = this.choices.typingKey;
  }

  /** New sets: a fresh plan and report; toggles of vanished columns dropped. */
  private async afterLoad(): Promise<void> {
    this.result = null;
    this.focus = null;
    this.predictedFor = null;
    this.predictions = { reference: null, current: null };
    this.sets.plan = null;
    await this.refreshPlan();
    this.choices.forNewSets(this.sets.timeColumns);
  }

  /** Re-plan after a change of types, date formats or locale; read both sets again when the missing markers changed. */
  async replan(): Promise<void> {
    if (!this.sets.both || this.plannedFor === this.choices.typingKey) return;
    await this.run(async () => {
      const na = JSON.stringify(this.choices.na);
      if (na !== this.readWithNa && this.sources.reference && this.sources.current) {
        await this.read('reference', this.sources.reference);
        await this.read('current', this.sources.current);
      }
      this.readWithNa = na;
      await this.refreshPlan();
    });
  }

  /** Settings from a report or settings JSON file (as `edgeprobe drift --settings`). */
  async loadSettings(file: File): Promise<void> {
    let settings: DriftSettings | undefined;
    await this.run(async () => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (e) {
        const err = new Error(`${file.name}: not JSON (${(e as Error).message})`);
        err.name = 'DataFormatError';
        throw err;
      }
      settings = parseSettings(json);
      this.choices.apply(settings);
    });
    if (!settings) return;
    await this.replan();
    // The column choice is read against the new plan (its defaults may have changed with the types).
    this.choices.toggles = togglesOf(this.sets.plan?.columns ?? [], settings.columns);
  }

  /** Runs the loaded model over both sets once per (model, sets) and hands the outputs to the data worker. */
  private async predict(): Promise<void> {
    const m = model.current;
    const session = model.session;
    if (!this.includePredictions || !m || !session) {
      this.predictionNote = m ? null : 'Load a model to add its predictions to the report.';
      return;
    }
    const key = `${m.info.sha256}|${this.reference?.name}|${this.current?.name}|${this.reference?.rows}|${this.current?.rows}|${modelCard.labels.join('\n')}`;
    if (this.predictedFor === key) return;
    if (m.text) return this.predictText(m, session.sessionId, key);
    const isImage = m.info.inputs.length === 1 && m.info.inputs[0].dims?.length === 4;
    // Classes are named by the card as edited on this device (one source of labels for the page).
    const { plan, reason } = planModel(m.info, modelCard.labels.length ? { ...m.card, labels: modelCard.labels } : m.card, isImage ? loadSpec(m) : null);
    if (!plan) {
      this.predictionNote = `${m.name} is not used: ${reason}.`;
      return;
    }
    const out: Record<Slot, PredictionSummary | null> = { reference: null, current: null };
    for (const slot of ['reference', 'current'] as const) {
      this.progress = { phase: `Preparing ${slot} inputs for ${m.name}`, done: 0, total: null, unit: 'rows' };
      const inp = await this.client.modelInputs(slot, plan);
      if (!inp.batches) {
        await this.client.clearPredictions();
        this.predictionNote = `${m.name} is not used on these sets: ${inp.reason}.`;
        this.predictedFor = key;
        return;
      }
      const n = inp.batches.length;
      const results = await engine.client.runMany(session.sessionId, inp.batches, (done, total) => {
        this.progress = { phase: `Running ${m.name} on the ${slot} set`, done, total, unit: 'batches' };
      });
      out[slot] = await this.client.setPredictions(slot, results.map((r) => r.outputs[plan.output]).slice(0, n), plan.labels);
    }
    this.predictions = out;
    this.predictionNote = null;
    this.predictedFor = key;
  }

  /** A text model (a folder with a tokenizer): its labels on each set's free-text column, tokenized in the engine worker. */
  private async predictText(m: NonNullable<typeof model.current>, sessionId: string, key: string): Promise<void> {
    const text = m.text!;
    const out: Record<Slot, PredictionSummary | null> = { reference: null, current: null };
    let column: string | undefined;
    for (const slot of ['reference', 'current'] as const) {
      const got = await this.client.columnTexts(slot, column);
      if (got.column === null) {
        await this.client.clearPredictions();
        this.predictionNote = `${m.name} is not used on these sets: ${got.reason}.`;
        this.predictedFor = key;
        return;
      }
      column = got.column;
      const logits = [];
      const pooledName = text.folder.config.pooledOutput;
      const pooled: Float32Array[] = [];
      let dim = 0;
      for (let i = 0; i < got.texts.length; i += TEXT_BATCH) {
        this.progress = { phase: `Running ${m.name} on the ${slot} set's "${column}"`, done: i, total: got.texts.length, unit: 'rows' };
        const r = await engine.client.classifyTexts(sessionId, text.tokenizer.tokenizerId, got.texts.slice(i, i + TEXT_BATCH), text.folder.config.labels);
        logits.push(r.outputs[logitsName(model.session?.outputs ?? [])] ?? Object.values(r.outputs)[0]!);
        const e = pooledName ? r.outputs[pooledName] : undefined;
        if (e && e.type === 'float32') { pooled.push(e.data as Float32Array); dim = e.dims[1] ?? 0; }
      }
      out[slot] = await this.client.setPredictions(slot, logits, text.folder.config.labels);
      // The pooled embedding (config.json pooled_output) feeds the MMD signal in the data worker.
      if (pooledName && dim > 0) {
        const flat = new Float32Array(pooled.reduce((s, p) => s + p.length, 0));
        let at = 0;
        for (const p of pooled) { flat.set(p, at); at += p.length; }
        await this.client.setEmbeddings(slot, pooledName, flat, dim);
      }
    }
    this.predictions = out;
    this.predictionNote = null;
    this.predictedFor = key;
  }

  async compute(): Promise<void> {
    if (!this.sets.both) return;
    await this.replan();
    await this.run(async () => {
      await this.predict();
      this.result = await this.client.compute({
        settings: $state.snapshot(this.choices.settings) as typeof this.choices.settings,
        includePredictions: this.includePredictions && !!model.current,
      }, this.onProgress);
      if (this.focus && !this.result.report.columns.some((c) => c.name === this.focus)) this.focus = null;
      this.focus ??= [...this.result.report.columns].sort((a, b) => Number(b.drift) - Number(a.drift))[0]?.name ?? null;
    });
  }

  cancel(): void {
    void this.client.cancel();
    void engine.client.cancel();
  }

  async download(kind: 'html' | 'json'): Promise<void> {
    const text = await this.run(() => (kind === 'html' ? this.client.exportHtml(`Drift: ${this.reference?.name} → ${this.current?.name}`) : this.client.exportJson()));
    if (text === undefined) return;
    downloadText(`drift-report.${kind}`, text, kind === 'html' ? 'text/html' : 'application/json');
  }
}

export const drift = new DriftState();
export const sourceOfFiles = DriftState.sourceOfFiles;
