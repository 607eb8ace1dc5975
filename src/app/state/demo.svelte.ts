// The stakeholder demo view: the answer for predict's current input (DemoAnswer: classes, or a
// mask/map/score/sequence view), its explanation (DemoExplainer), the fairness table over labelled
// samples, audience feedback, the editable card, and settings a link restores. It listens to
// predictions and model loads while the Demo screen is attached; derived values are $derived.
import { groupRates, demographicParityDifference, equalOpportunityDifference, groupColumns, type GroupRates, type Outcome } from '../../lib/fairness/index.ts';
import { fromBundledCard, type EditableCard } from '../../lib/card/index.ts';
import { OipClient } from '../../lib/baseline/oip.ts';
import { allowOrigin, guardedFetch } from './allowed-origins.ts';
import type { RunResult } from '../../engine-web/protocol.ts';
import { isDistribution } from '../../lib/tensors/outputs.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { predict } from './predict.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { classOutputName, demoSampleSets, enginePredict, sampleRow, type SampleSet } from './demo-model.ts';
import { readAnswer, readView, type Answer } from './demo-answer.ts';
import { DemoExplainer, type Explanation } from './demo-explain.svelte.ts';
import { driftByGroup, driftPair, serverProbabilities, type DriftPair, type GroupDrift } from './demo-groups.ts';
import { groupAgreement, type GroupAgreement } from '../../lib/fairness/index.ts';
import { DEFAULT_SETTINGS, settingsFromHash, settingsToHash, type DemoSettings } from './demo-link.ts';
import { FeedbackStore, feedbackAccuracy, makeFeedback, type FeedbackRecord } from './feedback.ts';
import { storageKey } from '../storage/local.ts';

export type { Answer, Explanation };

type Err = { name: string; message: string } | null;
const cardKey = (sha: string) => storageKey('demoCard', sha);

class DemoState {
  settings = $state<DemoSettings>({ ...DEFAULT_SETTINGS });
  /** The prediction shown, and whether it was the session's first (it then includes warm-up). */
  result = $state.raw<RunResult | null>(null);
  firstOnSession = $state(false);
  readonly explainer = new DemoExplainer();
  serverMs = $state<number | null>(null);
  serverError = $state<string | null>(null);
  sets = $state.raw<SampleSet[]>([]);
  /** Per labelled sample: its features, true label, prediction and set; filled by measureSlices. */
  outcomes = $state.raw<{ x: Float32Array; label: number; predicted: number; probs: Float32Array; set: string }[]>([]);
  /** The class output the outcomes were measured on. */
  private slicesOutput = '';
  private pair: Promise<DriftPair | null> = Promise.resolve(null);
  groupDrift = $state.raw<{ pair: string; rows: GroupDrift[] } | null>(null);
  /** The server's class probabilities for each outcome (same order), once asked. */
  serverProbs = $state.raw<Float32Array[] | null>(null);
  parityProgress = $state<{ done: number; total: number } | null>(null);
  parityError = $state<string | null>(null);
  slicesProgress = $state<{ done: number; total: number } | null>(null);
  slicesError = $state<Err>(null);
  feedback = $state.raw<FeedbackRecord[]>([]);
  feedbackError = $state<string | null>(null);
  card = $state<EditableCard | null>(null);
  private store = new FeedbackStore();
  private forSha = '';
  private setsReady: Promise<void> = Promise.resolve();

  /** Names of the input features (card names, else "feature i"). */
  featureNames = $derived.by((): string[] => {
    const m = model.current;
    const input = m?.info.inputs[0];
    // Only a [N, F] input is a table row with named features.
    const width = input?.dims?.length === 2 && typeof input.dims[1] === 'number' ? input.dims[1] : 0;
    const names = m?.card?.inputs?.find((i) => i.name === input?.name)?.featureNames;
    return Array.from({ length: width }, (_, i) => names?.[i] ?? `feature ${i}`);
  });

  labels = $derived<string[]>(this.card?.labels.length ? this.card.labels : (model.current?.card?.labels ?? []));
  accuracy = $derived(feedbackAccuracy(this.feedback));
  /** The class answer, or null when the model does not answer with classes. */
  answer = $derived<Answer | null>(this.result ? readAnswer(this.result.outputs, this.labels) : null);
  /** Without a class answer: the mask/map/score/sequence to draw, or why none can be. */
  view = $derived(this.result && !this.answer ? readView(this.result.outputs, this.labels) : null);

  private detachers: (() => void)[] = [];

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

  /** Explanation settings changed: keep them and explain again. */
  setMethod(method: DemoSettings['method']): void {
    this.settings.method = method;
    void this.explain();
  }

  setBackground(n: number): void {
    this.settings.background = Math.max(1, Math.min(1000, Math.floor(n) || 1));
    void this.explain();
  }

  /** The grouping of the fairness table changed: its drift per group follows. */
  setGroup(id: string): void {
    this.settings.group = id;
    void this.measureGroupDrift();
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

  /** Write the settings into the address bar (no history entry, no hashchange). */
  syncHash(): void {
    const m = model.current;
    if (m) this.settings.model = m.source === 'file' ? '' : m.ref;
    const hash = settingsToHash(this.settings);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /** New model: its card, its feedback, its labelled sets. */
  async syncWithModel(): Promise<void> {
    const m = model.current;
    // Text models (folders with a tokenizer) have their own view and state (TextDemo).
    if (!m || m.text || m.info.sha256 === this.forSha) return;
    this.forSha = m.info.sha256;
    predict.syncWithModel();
    this.explainer.clear();
    this.result = null;
    this.outcomes = [];
    this.sets = [];
    this.groupDrift = null;
    this.serverProbs = null;
    this.pair = m.source === 'demo' ? driftPair(m.ref).catch(() => null) : Promise.resolve(null);
    this.card = this.loadCard();
    this.feedback = [];
    this.store.list(m.info.sha256).then((r) => (this.feedback = r), (e) => (this.feedbackError = (e as Error).message));
    this.setsReady = demoSampleSets(m.source === 'demo' ? m.ref : null, m.card).then(
      (sets) => { if (this.forSha === m.info.sha256) this.sets = sets; },
      (e) => { this.slicesError = describeError(e); },
    );
    await this.setsReady;
    if (this.forSha !== m.info.sha256) return;
    this.startExample();
    // The fairness table's groups, measured once the labelled samples are there.
    if (this.sets.length && model.session && !this.outcomes.length) await this.measureSlices();
  }

  /** A table-row model starts from a real example, so the first screen already shows an answer. */
  private startExample(): void {
    if (predict.result || predict.mode !== 'tabular') return;
    const s = this.sets[0]?.samples[0];
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
    const all = this.sets.flatMap((s) => s.samples);
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

  /** Run every labelled sample on this device (batched), for the fairness table. */
  async measureSlices(): Promise<void> {
    const m = model.current;
    const session = model.session;
    if (!m || !session || this.slicesProgress) return;
    this.slicesError = null;
    const inputName = m.info.inputs[0]!.name;
    const all = this.sets.flatMap((s) => s.samples.filter((x) => typeof x.label === 'number').map((x) => ({ s: x, set: s.name })));
    this.slicesProgress = { done: 0, total: all.length };
    try {
      const rows = all.map(({ s }) => sampleRow(s, inputName));
      const probe = await engine.client.run(session.sessionId, { [inputName]: all[0]!.s.inputs[inputName]! });
      const output = classOutputName(probe.outputs, this.labels.length || undefined);
      if (!output) throw new Error('this model has no class-score output, so groups cannot be compared');
      const run = enginePredict(session.sessionId, m.info, output);
      const probs: Float32Array[] = [];
      for (let i = 0; i < rows.length; i += 200) {
        probs.push(...(await run(rows.slice(i, i + 200))));
        this.slicesProgress = { done: Math.min(rows.length, i + 200), total: rows.length };
      }
      this.slicesOutput = output;
      this.outcomes = all.map(({ s, set }, i) => ({ x: rows[i]!, label: s.label!, predicted: probs[i]!.indexOf(Math.max(...probs[i]!)), probs: probs[i]!, set }));
      // The groups exist now: their drift follows the grouping shown.
      void this.measureGroupDrift();
    } catch (e) {
      this.slicesError = describeError(e);
    } finally {
      this.slicesProgress = null;
    }
  }

  /** Group choices: the sample set (when there are several), season/feature columns for table rows. */
  groupOptions = $derived.by((): { id: string; label: string; of: (o: { x: Float32Array; set: string }) => string }[] => {
    const opts: { id: string; label: string; of: (o: { x: Float32Array; set: string }) => string }[] = [];
    if (this.sets.length > 1) opts.push({ id: 'set', label: 'sample set', of: (o) => o.set });
    if (this.featureNames.length) {
      for (const c of groupColumns(this.featureNames, this.outcomes.map((o) => o.x))) opts.push({ id: c.id, label: c.label, of: (o) => c.of(o.x) });
    }
    return opts;
  });

  /** Per-group rates and the two gaps for the chosen group and positive class. */
  fairness = $derived.by((): { group: string; positive: number; rates: GroupRates[]; dpd: number; eod: number } | null => {
    if (!this.outcomes.length) return null;
    const options = this.groupOptions;
    const g = options.find((o) => o.id === this.settings.group) ?? options[0];
    if (!g) return null;
    // Unless chosen, track the class just predicted (what the audience is looking at).
    const positive = this.settings.positive >= 0 ? this.settings.positive : (this.answer?.best ?? mostCommon(this.outcomes.map((o) => o.label)));
    const outcomes: Outcome[] = this.outcomes.map((o) => ({ group: g.of(o), label: o.label, predicted: o.predicted }));
    const rates = groupRates(outcomes, positive);
    return { group: g.id, positive, rates, dpd: demographicParityDifference(rates), eod: equalOpportunityDifference(rates) };
  });

  /** The chosen group option (the one the fairness table shows). */
  private chosenGroup() {
    const options = this.groupOptions;
    return options.find((o) => o.id === this.settings.group) ?? options[0] ?? null;
  }

  /** Drift of the model's reference/current tables within each group of the chosen grouping. */
  async measureGroupDrift(): Promise<void> {
    const g = this.chosenGroup();
    const pair = await this.pair;
    if (!g || !pair || g.id === 'set') {
      this.groupDrift = null;
      return;
    }
    const feature = /:(\d+)$/.exec(g.id);
    const own = feature ? [this.featureNames[Number(feature[1])]!] : [];
    const rows = driftByGroup(pair, this.featureNames, (x) => g.of({ x: x as Float32Array, set: '' }), own);
    this.groupDrift = rows ? { pair: `${pair.reference.name} → ${pair.current.name}`, rows } : null;
  }

  /** Send the labelled samples to the server too, and compare answers group by group. */
  async measureGroupParity(): Promise<void> {
    const m = model.current;
    const g = this.chosenGroup();
    const url = this.settings.baseline.trim();
    if (!m || !g || !url || !this.outcomes.length || this.parityProgress) return;
    this.parityError = null;
    this.parityProgress = { done: 0, total: this.outcomes.length };
    try {
      const inputName = m.info.inputs[0]!.name;
      const dims = (m.info.inputs[0]!.dims ?? []).slice(1);
      const samples = this.outcomes.map((o) => ({
        [inputName]: { type: 'float32' as const, dims: [1, ...dims.map((d) => (typeof d === 'number' ? d : o.x.length))], data: o.x },
      }));
      const serverModel = this.settings.baselineModel.trim() || (m.source === 'demo' ? m.ref : '');
      this.serverProbs = await serverProbabilities({ url, model: serverModel }, samples, this.slicesOutput, (done, total) => (this.parityProgress = { done, total }));
    } catch (e) {
      this.parityError = (e as Error).message;
    } finally {
      this.parityProgress = null;
    }
  }

  /** Device vs server agreement per group of the chosen grouping, once the server was asked. */
  groupParity = $derived.by((): GroupAgreement[] | null => {
    const g = this.chosenGroup();
    const server = this.serverProbs;
    if (!g || !server || server.length !== this.outcomes.length) return null;
    return groupAgreement(this.outcomes.map((o, i) => ({ group: g.of(o), device: o.probs, server: server[i]! })));
  });

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

  private loadCard(): EditableCard {
    const m = model.current!;
    try {
      const saved = localStorage.getItem(cardKey(m.info.sha256));
      if (saved) return JSON.parse(saved) as EditableCard;
    } catch {
      // No storage: start from the bundled card.
    }
    return fromBundledCard(m.card as Record<string, unknown> | null, m.name);
  }

  /** Keep the card's edits on this device (per model). */
  saveCard(): void {
    const m = model.current;
    if (!m || !this.card) return;
    try {
      localStorage.setItem(cardKey(m.info.sha256), JSON.stringify(this.card));
    } catch {
      // Not fatal: edits just won't survive a reload.
    }
  }

  resetCard(): void {
    const m = model.current;
    if (!m) return;
    try {
      localStorage.removeItem(cardKey(m.info.sha256));
    } catch {
      // ignore
    }
    this.card = fromBundledCard(m.card as Record<string, unknown> | null, m.name);
  }
}

/** Whether the run's class output already holds probabilities (else it holds scores). */
function r0IsDistribution(r: RunResult | null): boolean {
  const out = r && classOutputName(r.outputs);
  const t = out ? r.outputs[out]! : null;
  return !!t && isDistribution((t.data as Float32Array).subarray(0, t.dims.at(-1)!));
}

function mostCommon(values: number[]): number {
  const n = new Map<number, number>();
  values.forEach((v) => n.set(v, (n.get(v) ?? 0) + 1));
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

export const demo = new DemoState();
