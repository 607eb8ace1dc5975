// The stakeholder demo view: the answer for predict's current input (classes, or a mask/map/score/
// sequence view), its explanation (DemoExplainer), the fairness table (GroupFairness), audience
// feedback, the server timing and the settings a link restores. It follows predictions and model
// loads while the Demo screen is attached; derived values are $derived, user events are methods.
import { OipClient } from '../../lib/baseline/oip.ts';
import { allowOrigin, guardedFetch } from './allowed-origins.ts';
import type { RunResult } from '../../engine-web/protocol.ts';
import { isDistribution } from '../../lib/tensors/outputs.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { predict } from './predict.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { classOutputName, demoSampleSets, enginePredict, sampleRow } from './demo-model.ts';
import { readAnswer, readView, type Answer } from './demo-answer.ts';
import { DemoExplainer, type Explanation } from './demo-explain.svelte.ts';
import { driftPair } from './demo-groups.ts';
import { GroupFairness, type SampleClassifier } from './demo-fairness.svelte.ts';
import { DEFAULT_SETTINGS, settingsFromHash, settingsToHash, type DemoSettings } from './demo-link.ts';
import { FeedbackStore, feedbackAccuracy, makeFeedback, type FeedbackRecord } from './feedback.ts';
import { modelCard } from './model-card.svelte.ts';
import { tableFeatures } from './features.ts';
import { inputPicture } from './input-picture.svelte.ts';
import type { LabelledSample } from './samples.ts';

export type { Answer, Explanation };

class DemoState {
  settings = $state<DemoSettings>({ ...DEFAULT_SETTINGS });
  /** The prediction shown, and whether it was the session's first (it then includes warm-up). */
  result = $state.raw<RunResult | null>(null);
  firstOnSession = $state(false);
  readonly explainer = new DemoExplainer();
  readonly groups = new GroupFairness({ settings: () => this.settings, featureNames: () => this.featureNames, best: () => this.answer?.best });
  serverMs = $state<number | null>(null);
  serverError = $state<string | null>(null);
  feedback = $state.raw<FeedbackRecord[]>([]);
  feedbackError = $state<string | null>(null);
  private store = new FeedbackStore();
  private forSha = '';
  private setsReady: Promise<void> = Promise.resolve();
  private detachers: (() => void)[] = [];
  private pick = 0;

  /** Names of the input features of a table-row model (none for other models). */
  featureNames = $derived<string[]>(tableFeatures(model.current)?.names ?? []);
  /** Class names: the card's (as edited on this device), else none. */
  labels = $derived<string[]>(modelCard.labels);
  accuracy = $derived(feedbackAccuracy(this.feedback));
  /** The class answer, or null when the model does not answer with classes. */
  answer = $derived<Answer | null>(this.result ? readAnswer(this.result.outputs, this.labels) : null);
  /** Without a class answer: the mask/map/score/sequence to draw, or why none can be. */
  view = $derived(this.result && !this.answer ? readView(this.result.outputs, this.labels) : null);
  /** The settings as the address bar shows them (the loaded model's link id; '' for a file). */
  hash = $derived(settingsToHash({ ...this.settings, model: model.current ? (model.current.source === 'file' ? '' : model.current.ref) : this.settings.model }));
  /** The picture behind the current input (for a mask drawn over it), or null. */
  picture = $derived(inputPicture.of(predict.tensors[model.current?.info.inputs[0]?.name ?? '']));

  /** Follow predictions and model loads while the Demo screen shows (returns the detach). */
  attach(): () => void {
    this.detachers.push(predict.onResult((r, first) => this.onPrediction(r, first)));
    this.detachers.push(model.onLoaded(() => void this.syncWithModel()));
    if (model.current) void this.syncWithModel();
    return () => {
      this.detachers.forEach((d) => d());
      this.detachers = [];
      this.explainer.cancel();
    };
  }

  /** The next labelled example for the form: a stride through the sets, so each click shows another kind of row. */
  nextExample = async (): Promise<LabelledSample | null> => {
    const all = this.groups.sets.flatMap((s) => s.samples);
    if (!all.length) return null;
    this.pick = (this.pick + 37) % all.length;
    return all[this.pick]!;
  };

  /** Explanation settings changed: keep them and explain again. */
  setMethod(method: DemoSettings['method']): void {
    this.settings.method = method;
    void this.explain();
  }

  setBackground(n: number): void {
    this.settings.background = Math.max(1, Math.min(1000, Math.floor(n) || 1));
    void this.explain();
  }

  /** Read settings from the current hash (a shared link) and load its bundled model if needed. */
  async restoreFromHash(): Promise<void> {
    this.settings = settingsFromHash(location.hash);
    const want = this.settings.model;
    // A load already under way (e.g. the previous link's model) finishes first; then switch.
    const loading = model.idle();
    if (loading) await loading;
    if (!want || model.current?.ref === want || settingsFromHash(location.hash).model !== want) return;
    if (!model.catalog.length) await model.loadCatalog();
    const entry = model.catalog.find((e) => e.id === want);
    if (entry) await model.loadDemo(entry);
    else if (/^https?:/.test(want)) await model.loadUrl(want);
  }

  /** New model: its feedback and its labelled sets (the card follows model loads by itself). */
  async syncWithModel(): Promise<void> {
    const m = model.current;
    // Text models (folders with a tokenizer) have their own view and state (TextDemo).
    if (!m || m.text || m.info.sha256 === this.forSha) return;
    this.forSha = m.info.sha256;
    predict.syncWithModel();
    this.explainer.clear();
    this.result = null;
    this.groups.reset(m.source === 'demo' ? driftPair(m.ref).catch(() => null) : Promise.resolve(null));
    this.feedback = [];
    this.store.list(m.info.sha256).then((r) => (this.feedback = r), (e) => (this.feedbackError = (e as Error).message));
    this.setsReady = demoSampleSets(m.source === 'demo' ? m.ref : null, m.card).then(
      (sets) => { if (this.forSha === m.info.sha256) this.groups.sets = sets; },
      (e) => { this.groups.slicesError = describeError(e); },
    );
    await this.setsReady;
    if (this.forSha !== m.info.sha256) return;
    this.startExample();
    // The fairness table's groups, measured once the labelled samples are there.
    if (this.groups.sets.length && model.session && !this.groups.outcomes.length) await this.measureSlices();
  }

  /** A table-row model starts from a real example, so the first screen already shows an answer. */
  private startExample(): void {
    if (predict.result || predict.mode !== 'tabular') return;
    const s = this.groups.sets[0]?.samples[0];
    if (!s) return;
    predict.setTensors(s.inputs, 'held-out example');
    void predict.run();
  }

  /** A prediction arrived: show it, then explain it and time the server (both in the background). */
  onPrediction(r: RunResult, first = false): void {
    this.result = r;
    this.firstOnSession = first;
    if (!this.answer) {
      this.explainer.clear();
      return;
    }
    void this.explain();
    void this.timeServer();
  }

  /** Explain the current answer: attributions for a table row, an occlusion map for an image. */
  async explain(): Promise<void> {
    const m = model.current;
    const session = model.session;
    const a = this.answer;
    if (!m || !session || !a) return;
    const inputName = m.info.inputs[0]!.name;
    const x = predict.tensors[inputName];
    if (!x) return;
    const runMs = predict.result?.computeMs ?? 1;
    if (predict.mode === 'image') {
      const spec = loadSpec(m);
      const predictRows = enginePredict(session.sessionId, m.info, a.output, false, x.dims);
      // A confident model barely moves in probability, but its evidence still does: explain the
      // class score (logit) when the model outputs scores, else the log-probability.
      const scores = r0IsDistribution(predict.result) ? async (rows: readonly Float32Array[]) => (await predictRows(rows)).map((p) => p.map((v) => Math.log(Math.max(v, 1e-12))))
        : enginePredict(session.sessionId, m.info, a.output, true, x.dims);
      await this.explainer.explain({ info: m.info, x, target: a.best, image: { layout: spec.layout, channels: spec.channels === 'grayscale' ? 1 : 3 }, scores, runMs });
    } else {
      await this.setsReady;
      await this.explainer.explain({
        info: m.info, x, target: a.best, scores: enginePredict(session.sessionId, m.info, a.output), runMs,
        table: { background: this.background(inputName), method: this.settings.method, features: this.featureNames },
      });
    }
  }

  /** The first `settings.background` rows of the labelled samples (the same ones every time). */
  private background(inputName: string): Float32Array[] {
    const all = this.groups.sets.flatMap((s) => s.samples);
    const n = Math.min(all.length, this.settings.background);
    // Evenly spaced, so a file sorted by date or class still gives a spread.
    return Array.from({ length: n }, (_, i) => sampleRow(all[Math.floor((i * all.length) / n)]!, inputName));
  }

  /** Round trip of the same input to the optional OIP server. */
  async timeServer(): Promise<void> {
    const { baseline, baselineModel } = this.settings;
    this.serverMs = null;
    this.serverError = null;
    if (!baseline.trim()) return;
    try {
      // guardedFetch: a server named only by a shared link is refused until the user adds it here.
      const client = new OipClient(baseline.trim(), { model: baselineModel.trim() || (model.current?.source === 'demo' ? model.current.ref : ''), timeoutMs: 5000, fetch: guardedFetch as typeof fetch });
      const r = await client.infer(predict.tensors);
      this.serverMs = r.roundTripMs ?? null;
    } catch (e) {
      this.serverError = (e as Error).message;
    }
  }

  /** The user typed a server address: allow its origin (their explicit choice), then time it. */
  async setBaseline(url: string): Promise<void> {
    this.settings.baseline = url.trim();
    this.serverError = null;
    if (this.settings.baseline) {
      try {
        const { reloadNeeded } = await allowOrigin(this.settings.baseline);
        if (reloadNeeded) this.serverError = 'Added. Reload the page once so the browser lets it reach this server.';
      } catch (e) {
        this.serverError = (e as Error).message;
        return;
      }
    }
    await this.timeServer();
  }

  /** Run every labelled sample on this device (batched by 200), for the fairness table. */
  async measureSlices(): Promise<void> {
    const m = model.current;
    const session = model.session;
    if (!m || !session) return;
    const inputName = m.info.inputs[0]!.name;
    const all = this.groups.labelled();
    if (!all.length) return;
    let rows: Float32Array[];
    try {
      rows = all.map(({ s }) => sampleRow(s, inputName));
    } catch (e) {
      this.groups.slicesError = describeError(e);
      return;
    }
    const classify: SampleClassifier = async (batch, onProgress) => {
      const probe = await engine.client.run(session.sessionId, { [inputName]: all[0]!.s.inputs[inputName]! });
      const output = classOutputName(probe.outputs, this.labels.length || undefined);
      if (!output) throw new Error('this model has no class-score output, so groups cannot be compared');
      const run = enginePredict(session.sessionId, m.info, output);
      const probs: Float32Array[] = [];
      for (let i = 0; i < batch.length; i += 200) {
        probs.push(...(await run(batch.slice(i, i + 200))));
        onProgress(Math.min(batch.length, i + 200));
      }
      return { output, probs };
    };
    await this.groups.measure(rows, classify);
  }

  /** Send the labelled samples to the server too, and compare answers group by group. */
  measureGroupParity(): Promise<void> {
    const m = model.current;
    if (!m) return Promise.resolve();
    const input = m.info.inputs[0]!;
    return this.groups.measureParity(input.name, (input.dims ?? []).slice(1), m.source === 'demo' ? m.ref : '');
  }

  /** Record the audience's verdict on the current answer; `label` is the right class when wrong. */
  async giveFeedback(correct: boolean, label?: number): Promise<void> {
    const m = model.current;
    const a = this.answer;
    if (!m || !a) return;
    this.feedbackError = null;
    try {
      const rec = makeFeedback({ modelSha: m.info.sha256, modelName: m.name, inputs: predict.tensors, predicted: a.best, confidence: a.confidence, labels: this.labels, correct, label });
      this.feedback = [...this.feedback, await this.store.add(rec)];
    } catch (e) {
      this.feedbackError = (e as Error).message;
    }
  }

  async clearFeedback(): Promise<void> {
    const m = model.current;
    if (!m) return;
    await this.store.clear(m.info.sha256);
    this.feedback = [];
  }
}

/** Whether the run's class output already holds probabilities (else it holds scores). */
function r0IsDistribution(r: RunResult | null): boolean {
  const out = r && classOutputName(r.outputs);
  const t = out ? r.outputs[out]! : null;
  return !!t && isDistribution((t.data as Float32Array).subarray(0, t.dims.at(-1)!));
}

export const demo = new DemoState();
