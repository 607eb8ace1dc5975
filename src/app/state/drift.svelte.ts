// The drift screen's state: composes the sets (drift-sets), the user's settings (drift-choices) and
// the one-file split (drift-split) and the model's predictions (drift-predict), and runs the user's
// actions (load, plan, compute, exports). All data work happens in the workers.
import { downloadText } from './download.ts';
import { DataClient, DataWorkerStuckError } from '../../workers/data-client.ts';
import type { DataSource, DriftResult, ImageItem, Slot, TableInfo } from '../../workers/data-protocol.ts';
import { parseSettings, type DriftSettings } from '../../lib/drift/settings.ts';
import { togglesOf } from '../../lib/drift/choices.ts';
import { DriftSets } from './drift-sets.svelte.ts';
import { DriftChoices } from './drift-choices.svelte.ts';
import { SplitChoice } from './drift-split.svelte.ts';
import { DriftPredictions } from './drift-predict.svelte.ts';
import { engine, describeError } from './engine.svelte.ts';
import { isCancellation } from '../../lib/cancel.ts';
import { model } from './model.svelte.ts';
import { modelCard } from './model-card.svelte.ts';
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
  /** The loaded model's predictions over both sets, at the shape editor's shape. */
  readonly predict = new DriftPredictions(() => this.client, (p) => (this.progress = p), { model, engine, labels: () => modelCard.labels });
  result = $state.raw<DriftResult | null>(null);
  focus = $state<string | null>(null);
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
    this.predict.reset();
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

  async compute(): Promise<void> {
    if (!this.sets.both) return;
    await this.replan();
    await this.run(async () => {
      await this.predict.run(this.reference, this.current);
      this.result = await this.client.compute({
        settings: $state.snapshot(this.choices.settings) as typeof this.choices.settings,
        includePredictions: this.predict.include && !!model.current,
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
    let text = await this.run(() => (kind === 'html' ? this.client.exportHtml(`Drift: ${this.reference?.name} → ${this.current?.name}`) : this.client.exportJson()));
    if (text === undefined) return;
    // The model's predictions ran at the shape editor's shape: the export says which.
    if (kind === 'json' && this.predict.ranAt && model.current) text = JSON.stringify({ ...JSON.parse(text), modelRun: { name: model.current.name, sha256: model.current.info.sha256, shapes: this.predict.ranAt } }, null, 2);
    downloadText(`drift-report.${kind}`, text, kind === 'html' ? 'text/html' : 'application/json');
  }
}

export const drift = new DriftState();
export const sourceOfFiles = DriftState.sourceOfFiles;
