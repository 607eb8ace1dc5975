// The drift screen's state: the two sample sets (read in the data worker), the user's column
// choices and overrides, prediction drift through the engine, and the last report. All data work
// happens in the workers; this class only holds summaries and what the user chose.
import { downloadText } from './download.ts';
import { DataClient } from '../../workers/data-client.ts';
import type { DataSource, DriftResult, ImageItem, PredictionSummary, Slot, TableInfo } from '../../workers/data-protocol.ts';
import type { KindOverride, TestName } from '../../lib/drift/types.ts';
import type { Correction } from '../../lib/stats/corrections.ts';
import type { Window } from '../../lib/drift/timeline.ts';
import type { SplitSpec } from '../../lib/data/split.ts';
import { planModel } from '../../lib/drift/model-plan.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { loadSpec } from './image-spec.ts';

export interface BundledEntry {
  id: string;
  file: string;
  kind: 'csv' | 'oip-jsonl' | 'images';
  model?: string;
  role: string;
  rows: number;
  pair?: string;
  description: string;
  files?: { file: string; label?: number; labelName?: string }[];
}
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
export type PeekColumn = { name: string; storage: 'number' | 'string'; datetime: boolean; min: number | null; max: number | null };

const IMAGE_RE = /\.(png|jpe?g|webp|gif|bmp|avif)$/i;
const base = import.meta.env.BASE_URL;
const samplesUrl = (rel: string) => new URL(`${base}samples/${rel}`, location.href).href;

/** Explanations, by column name, of what differs between the two sets' schemas. */
export interface Mismatch {
  name: string;
  message: string;
}

class DriftState {
  private clientInstance: DataClient | null = null;
  reference = $state.raw<TableInfo | null>(null);
  current = $state.raw<TableInfo | null>(null);
  bundled = $state.raw<BundledPair[]>([]);
  busy = $state(false);
  progress = $state<Progress | null>(null);
  error = $state<{ name: string; message: string } | null>(null);
  chosen = $state<Record<string, boolean>>({});
  kinds = $state<Record<string, KindOverride>>({});
  stattest = $state<Record<string, TestName>>({});
  threshold = $state<Record<string, number>>({});
  correction = $state<Correction>('none');
  datasetThreshold = $state(0.5);
  timelineOn = $state(false);
  timeColumn = $state<string | null>(null);
  window = $state<Window>('month');
  includePredictions = $state(true);
  predictionNote = $state<string | null>(null);
  predictions = $state.raw<{ reference: PredictionSummary | null; current: PredictionSummary | null }>({ reference: null, current: null });
  result = $state.raw<DriftResult | null>(null);
  focus = $state<string | null>(null);
  /** one file split in two */
  splitFile = $state.raw<File | null>(null);
  splitColumns = $state.raw<PeekColumn[]>([]);
  splitMode = $state<'half' | 'cut'>('half');
  splitColumn = $state<string | null>(null);
  splitCut = $state('');
  private predictedFor: string | null = null;

  get client(): DataClient {
    this.clientInstance ??= new DataClient(undefined, (e) => {
      this.reference = null;
      this.current = null;
      this.result = null;
      if (e.name === 'CancelledError') engine.notify('info', 'Reading stopped', e.message);
      else engine.notify('error', 'The data worker crashed and was restarted', e.message);
    });
    return this.clientInstance;
  }

  /** Columns in both sets, reference order. */
  get shared(): string[] {
    const cur = new Set(this.current?.columns.map((c) => c.name) ?? []);
    return (this.reference?.columns ?? []).map((c) => c.name).filter((n) => cur.has(n));
  }

  get mismatches(): Mismatch[] {
    if (!this.reference || !this.current) return [];
    const out: Mismatch[] = [];
    const curBy = new Map(this.current.columns.map((c) => [c.name, c]));
    const refNames = new Set(this.reference.columns.map((c) => c.name));
    for (const r of this.reference.columns) {
      const c = curBy.get(r.name);
      if (!c) out.push({ name: r.name, message: 'only in the reference set: not tested' });
      else if (r.storage !== c.storage) {
        const note = r.storage === 'string' ? r.note : c.note;
        out.push({ name: r.name, message: `numbers in the ${r.storage === 'number' ? 'reference' : 'current'} set but text in the ${r.storage === 'number' ? 'current' : 'reference'} set, so it is tested as categories${note ? ` (${note.split(';')[0]})` : ''}` });
      } else if (r.inferred !== c.inferred) out.push({ name: r.name, message: `looks ${r.inferred} in the reference but ${c.inferred} in the current set` });
    }
    for (const c of this.current.columns) if (!refNames.has(c.name)) out.push({ name: c.name, message: 'only in the current set: not tested' });
    return out;
  }

  get ready(): boolean {
    return !!this.reference && !!this.current && !this.busy;
  }

  async loadBundledIndex(): Promise<void> {
    if (this.bundled.length) return;
    try {
      const res = await fetch(`${base}samples/index.json`);
      const idx = (await res.json()) as { samples: BundledEntry[] };
      const byId = new Map(idx.samples.map((s) => [s.id, s]));
      const pairs: BundledPair[] = [];
      for (const s of idx.samples) {
        const other = s.pair ? byId.get(s.pair) : undefined;
        if (s.role !== 'reference' || !other) continue;
        const kind = s.kind === 'images' ? 'images' : s.kind === 'csv' ? 'CSV' : 'JSONL';
        pairs.push({ id: s.id, label: `${s.id.replace(/-png$/, '')} vs ${other.id.replace(/-png$/, '')} (${kind})`, reference: s, current: other });
      }
      this.bundled = pairs;
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
    if (!files.length) return null;
    if (files.every((f) => IMAGE_RE.test(f.name) || f.type.startsWith('image/'))) {
      return { kind: 'images', items: files.map((f) => ({ name: f.name, blob: f })), name: files.length === 1 ? files[0].name : `${files.length} images` };
    }
    return { kind: 'file', file: files[0], name: files[0].name };
  }

  private async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.error = null;
    this.busy = true;
    try {
      return await fn();
    } catch (e) {
      this.error = describeError(e);
      if (this.error.name === 'AbortError') this.error = { name: 'CancelledError', message: 'Stopped. Everything loaded before is kept.' };
      return undefined;
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  private onProgress = (p: Progress) => {
    this.progress = p;
  };

  async loadSide(slot: Slot, source: DataSource | null): Promise<void> {
    if (!source) return;
    await this.run(async () => {
      const info = await this.client.load(slot, source, this.onProgress);
      this[slot] = info;
      this.afterLoad();
    });
  }

  async loadPair(pair: BundledPair): Promise<void> {
    await this.run(async () => {
      this.reference = await this.client.load('reference', this.sourceOf(pair.reference), this.onProgress);
      this.current = await this.client.load('current', this.sourceOf(pair.current), this.onProgress);
      this.afterLoad();
    });
    if (this.reference && this.current) await this.compute();
  }

  async chooseSplitFile(file: File | null): Promise<void> {
    this.splitFile = file;
    this.splitColumns = [];
    if (!file) return;
    await this.run(async () => {
      this.splitColumns = await this.client.peekColumns({ kind: 'file', file, name: file.name });
      const time = this.splitColumns.find((c) => c.datetime);
      this.splitColumn = time?.name ?? this.splitColumns.find((c) => c.storage === 'number')?.name ?? null;
      this.splitMode = time ? 'cut' : 'half';
    });
  }

  /** The cut as a number: a date (ms since epoch, UTC) for datetime columns, else a plain number. */
  splitSpec(): SplitSpec | string {
    if (this.splitMode === 'half') return { mode: 'half' };
    const col = this.splitColumns.find((c) => c.name === this.splitColumn);
    if (!col) return 'choose the column to split at';
    const raw = this.splitCut.trim();
    const cut = col.datetime ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw) : Number(raw);
    if (!raw || !Number.isFinite(cut)) return col.datetime ? 'enter the cut as a date, like 2001-03-01' : 'enter the cut as a number';
    return { mode: 'cut', column: col.name, cut };
  }

  async runSplit(): Promise<void> {
    const file = this.splitFile;
    if (!file) return;
    const spec = this.splitSpec();
    if (typeof spec === 'string') {
      this.error = { name: 'DataFormatError', message: spec };
      return;
    }
    const r = await this.run(() => this.client.loadSplit({ kind: 'file', file, name: file.name }, spec, this.onProgress));
    if (!r) return;
    this.reference = r.reference;
    this.current = r.current;
    this.afterLoad();
    // The split column separates the sets by construction: leave it out of the tests.
    if (spec.mode === 'cut') this.chosen = { ...this.chosen, [spec.column]: false };
    await this.compute();
  }

  /** New sets: default choices (numerical and categorical columns in both sets) and a fresh report. */
  private afterLoad(): void {
    this.result = null;
    this.focus = null;
    this.predictedFor = null;
    this.predictions = { reference: null, current: null };
    const refBy = new Map((this.reference?.columns ?? []).map((c) => [c.name, c]));
    const chosen: Record<string, boolean> = {};
    for (const n of this.shared) {
      const t = refBy.get(n)!.inferred;
      chosen[n] = this.chosen[n] ?? (t === 'numerical' || t === 'categorical');
    }
    this.chosen = chosen;
    const times = this.shared.filter((n) => refBy.get(n)!.inferred === 'datetime');
    if (!this.timeColumn || !times.includes(this.timeColumn)) this.timeColumn = times[0] ?? null;
  }

  get timeColumns(): string[] {
    const refBy = new Map((this.reference?.columns ?? []).map((c) => [c.name, c]));
    return this.shared.filter((n) => refBy.get(n)!.inferred === 'datetime' || refBy.get(n)!.dtype === 'datetime');
  }

  /** Runs the loaded model over both sets once per (model, sets) and hands the outputs to the data worker. */
  private async predict(): Promise<void> {
    const m = model.current;
    const session = model.session;
    if (!this.includePredictions || !m || !session) {
      this.predictionNote = m ? null : 'Load a model to add its predictions to the report.';
      return;
    }
    const key = `${m.info.sha256}|${this.reference?.name}|${this.current?.name}|${this.reference?.rows}|${this.current?.rows}`;
    if (this.predictedFor === key) return;
    const isImage = m.info.inputs.length === 1 && m.info.inputs[0].dims?.length === 4;
    const { plan, reason } = planModel(m.info, m.card, isImage ? loadSpec(m) : null);
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

  async compute(): Promise<void> {
    if (!this.reference || !this.current) return;
    await this.run(async () => {
      await this.predict();
      const columns = this.shared.filter((n) => this.chosen[n]);
      const timeline = this.timelineOn && (this.timeColumn || typeof this.window === 'number')
        ? { column: this.timeColumn, window: this.window }
        : null;
      this.result = await this.client.compute({
        columns, kinds: { ...this.kinds }, stattest: { ...this.stattest }, threshold: { ...this.threshold },
        correction: this.correction, datasetThreshold: this.datasetThreshold,
        includePredictions: this.includePredictions && !!model.current, timeline,
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
