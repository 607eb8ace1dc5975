// The compare screen's state: chosen samples and baseline, the run (device through the worker at
// the shape editor's shape, then the baseline: compare-baseline.ts) with progress and cancel, the
// report, editable tolerances, and the drill-down.
import type { Backend } from '../../engine-web/protocol.ts';
import { allowOrigin } from './allowed-origins.ts';
import { downloadText, slug } from './download.ts';
import { buildReport, reportToJson, type CompareReport, type DeviceResult } from '../../lib/compare/report.ts';
import type { CompareSample } from '../../lib/compare/samples.ts';
import { checkSampleShapes } from '../../lib/compare/shapes.ts';
import type { RemoteRun } from '../../lib/baseline/run.ts';
import type { BaselineResult } from '../../lib/baseline/types.ts';
import type { Tolerance } from '../../lib/parity/elementwise.ts';
import { InputShapeError } from '../../lib/tensors/errors.ts';
import { CancelledError } from '../../lib/cancel.ts';
import { runBaseline, runInWorker, type BaselineChoice, type BaselineKind } from './compare-baseline.ts';
import { runSequenceInWorker } from './compare-sequence.ts';
import { statePairsOf, streamByDefault } from './compare-stream.ts';
import type { StatePair } from '../../lib/sequence/state-pairs.ts';
import { checkServerStreamSamples } from '../../lib/compare/stream.ts';
import { shapes } from './shapes.svelte.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { modelCard } from './model-card.svelte.ts';
import { fetchSampleIndex, samplesFromBundled, samplesFromUploads, type SampleSetEntry } from './compare-sources.ts';

export type { BaselineKind };

/** An error for display, keeping a BaselineError's kind (server down, CORS, timeout, ...). */
function describe(e: unknown): { name: string; message: string; kind?: string } {
  const kind = (e as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? { ...describeError(e), kind } : describeError(e);
}

export type Phase = 'samples' | 'device' | 'baseline' | 'metrics';

/** The bundled server `npm start` runs beside the app. */
export const DEFAULT_OIP_URL = 'http://127.0.0.1:8000';

/** Where `npm start` says its baseline server runs (its real port, e.g. from BASELINE_PORT). */
export const BASELINE_INFO_PATH = 'edgeprobe-baseline.json';

class CompareState {
  index = $state.raw<SampleSetEntry[]>([]);
  sampleSource = $state<'bundled' | 'upload'>('bundled');
  bundledId = $state('');
  uploads = $state.raw<File[]>([]);
  limit = $state<number | null>(null);

  baselineKind = $state<BaselineKind>('oip');
  oipUrl = $state(DEFAULT_OIP_URL);
  /** The baseline server started beside this page (`npm start`), when the page's server says so. */
  localBaselineUrl = $state<string | null>(null);
  tfUrl = $state('http://127.0.0.1:8501');
  serverModel = $state('');
  timeoutMs = $state(10_000);
  baselineFile = $state.raw<File | null>(null);
  localMode = $state<'backend' | 'model'>('backend');
  localBackend = $state<Backend>('webgpu');
  localModel = $state.raw<File | null>(null);

  /** Run the samples as one stream, state carried from sample to sample (only for a model with state pairs). */
  asStream = $state(true);
  /** The loaded model's state pairs (empty: not a streaming model, no stream option). */
  readonly statePairs: StatePair[] = $derived.by(() => (model.current ? statePairsOf(model.current.info) : []));
  /** Whether the next run carries state: asked for, and the model has state to carry. */
  get streaming(): boolean {
    return this.asStream && this.statePairs.length > 0;
  }
  /** Whether the last comparison ran as one stream. */
  ranAsStream = $state(false);

  running = $state(false);
  phase = $state<Phase | null>(null);

  /**
   * Ask the server that served this page where its baseline runs (`npm start` writes the real URL,
   * so BASELINE_PORT=9001 shows :9001, not :8000). Other servers answer 404: the default stays.
   */
  async discoverLocalBaseline(): Promise<void> {
    // Offline there is no local server to ask (and a failed request would only be noise).
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    try {
      const res = await fetch(new URL(BASELINE_INFO_PATH, document.baseURI), { cache: 'no-store' });
      if (!res.ok) return;
      const info = (await res.json()) as { url?: unknown };
      if (typeof info.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(info.url)) return;
      this.localBaselineUrl = info.url;
      // Only the untouched default is replaced: a URL the user typed stays.
      if (this.oipUrl === DEFAULT_OIP_URL) this.oipUrl = info.url;
    } catch {
      // No info (offline, another static server): keep the default.
    }
  }
  progress = $state<{ done: number; total: number }>({ done: 0, total: 0 });
  error = $state<{ name: string; message: string; kind?: string } | null>(null);

  samples = $state.raw<CompareSample[]>([]);
  samplesRead = $state('');
  /** The input shapes the last comparison ran at (the shape editor's, checked against every sample). */
  shapesRan = $state.raw<Record<string, number[]>>({});
  device = $state.raw<DeviceResult[]>([]);
  baseline = $state.raw<BaselineResult[]>([]);
  baselineLabel = $state('');
  server = $state.raw<RemoteRun['server'] | null>(null);
  report = $state.raw<CompareReport | null>(null);
  tolerances = $state<Record<string, Tolerance>>({});
  output = $state('');
  selected = $state<number | null>(null);

  /** Bundled sets made for the loaded demo model. */
  readonly setsForModel: SampleSetEntry[] = $derived.by(() => {
    const m = model.current;
    return m && m.source === 'demo' ? this.index.filter((s) => s.model === m.ref) : [];
  });

  private abort: AbortController | null = null;
  private forSha = '';

  /** Defaults for the loaded model: its bundled sets and the served name. */
  async syncWithModel(): Promise<void> {
    const m = model.current;
    if (!m || m.info.sha256 === this.forSha) return;
    this.forSha = m.info.sha256;
    this.report = null;
    this.error = null;
    this.tolerances = {};
    this.selected = null;
    this.asStream = streamByDefault(statePairsOf(m.info));
    this.serverModel = m.source === 'demo' ? m.ref : m.name.replace(/\.(onnx|ort)$/i, '');
    if (this.index.length === 0) this.index = await fetchSampleIndex().catch(() => []);
    const sets = this.setsForModel;
    const pick = sets.find((s) => s.role === 'heldout' && s.kind === 'oip-jsonl') ?? sets.find((s) => s.labelColumn) ?? sets[0];
    this.bundledId = pick?.id ?? '';
    this.sampleSource = pick ? 'bundled' : 'upload';
  }


  private step(phase: Phase, done: number, total: number): void {
    this.phase = phase;
    this.progress = { done, total };
  }

  private checkCancel(): void {
    if (this.abort?.signal.aborted) throw new CancelledError('the comparison was cancelled; nothing was changed');
  }

  /** Read the samples, run them on this device, then on the baseline, and build the report. */
  async run(): Promise<void> {
    const m = model.current;
    const session = model.session;
    if (!m || !session || this.running) return;
    this.running = true;
    this.error = null;
    this.abort = new AbortController();
    try {
      if (!shapes.ready) throw new InputShapeError(shapes.problem ?? 'Set the marked dimensions in the shape editor first: nothing in the model tells their sizes.');
      if (this.baselineKind === 'oip' || this.baselineKind === 'tfserving') {
        // Pressing Compare with an address is the user's explicit choice of a baseline: allow its origin.
        const { origin, reloadNeeded } = await allowOrigin(this.baselineKind === 'oip' ? this.oipUrl.trim() : this.tfUrl.trim());
        if (reloadNeeded) {
          throw Object.assign(new Error(`${origin} is now an allowed baseline. Reload the page once so the browser's security policy lets it through, then press Compare again.`), { name: 'BaselineError' });
        }
      }
      this.step('samples', 0, 0);
      const entry = this.index.find((s) => s.id === this.bundledId);
      const onP = (d: number, t: number) => this.step('samples', d, t);
      const read = this.sampleSource === 'bundled' && entry ? await samplesFromBundled(entry, m, onP, session.sessionId) : await samplesFromUploads(this.uploads, m, onP, session.sessionId);
      const samples = this.limit && this.limit > 0 ? read.samples.slice(0, this.limit) : read.samples;
      // One shape per model: the samples must be at the shape the editor shows (images and texts are made at it).
      const ranAt = $state.snapshot(shapes.shapes) as Record<string, number[]>;
      checkSampleShapes(samples, ranAt);
      this.checkCancel();
      this.step('device', 0, samples.length);
      const streaming = this.streaming;
      if (streaming && (this.baselineKind === 'oip' || this.baselineKind === 'tfserving')) {
        checkServerStreamSamples(this.statePairs.map((p) => p.input), samples.map((s) => s.inputs), 'untick "Run samples as one stream"');
      }
      const device = streaming
        ? await runSequenceInWorker(session, samples, (d, t) => this.step('device', d, t), this.abort.signal)
        : await runInWorker(session, samples, (d, t) => this.step('device', d, t));
      this.checkCancel();
      this.step('baseline', 0, samples.length);
      const b = await runBaseline(this.baselineChoice, samples, device, { bytes: m.bytes, backend: model.backend, session }, this.abort.signal, (d, t) => this.step('baseline', d, t));
      this.checkCancel();
      this.step('metrics', 0, 1);
      this.server = b.server;
      this.baselineLabel = b.label;
      this.samples = samples;
      this.samplesRead = read.description;
      this.shapesRan = ranAt;
      this.ranAsStream = streaming;
      this.device = device;
      this.baseline = b.results;
      this.recompute();
      this.output = this.report?.outputs.find((o) => !o.overall.pass)?.name ?? this.report?.outputs.find((o) => o.classifier)?.name ?? this.report?.outputs[0]?.name ?? '';
      this.selected = null;
    } catch (e) {
      this.error = describe(e);
    } finally {
      this.running = false;
      this.phase = null;
      this.abort = null;
    }
  }

  /** The baseline as chosen in the picker. */
  private get baselineChoice(): BaselineChoice {
    const remote = this.baselineKind === 'oip' ? this.oipUrl : this.tfUrl;
    return {
      kind: this.baselineKind, url: remote.trim(), serverModel: this.serverModel.trim(), timeoutMs: this.timeoutMs,
      file: this.baselineFile, localMode: this.localMode, localBackend: this.localBackend, localModel: this.localModel,
      sequence: this.streaming,
    };
  }

  /** Rebuild the report with the current tolerances (cheap: no inference). */
  recompute(): void {
    if (this.samples.length === 0) return;
    try {
      this.report = buildReport(this.samples, this.device, this.baseline, { tolerances: this.tolerances, labels: modelCard.labels.length ? modelCard.labels : (model.current?.card?.labels ?? model.current?.text?.folder.config.labels ?? undefined), worstN: 10 });
      const t: Record<string, Tolerance> = {};
      for (const o of this.report.outputs) t[o.name] = o.tolerance;
      this.tolerances = t;
    } catch (e) {
      this.report = null;
      this.error = describe(e);
    }
  }

  setTolerance(output: string, key: keyof Tolerance, value: number): void {
    if (!(value >= 0 && Number.isFinite(value))) return;
    this.tolerances = { ...this.tolerances, [output]: { ...this.tolerances[output]!, [key]: value } };
    this.recompute();
  }

  cancel(): void {
    this.abort?.abort();
    engine.client.cancel().catch(() => undefined);
  }

  /** The report as a JSON file download. */
  exportJson(): void {
    if (!this.report) return;
    const meta = { model: model.current?.name, sha256: model.current?.info.sha256, samples: this.samplesRead, shapes: this.shapesRan, baseline: this.baselineLabel, asStream: this.ranAsStream, backend: model.session?.backend, exportedAt: new Date().toISOString() };
    downloadText(`edgeprobe-compare-${slug(model.current?.name ?? 'model')}.json`, reportToJson(this.report, { meta }), 'application/json');
  }
}

export const compare = new CompareState();
