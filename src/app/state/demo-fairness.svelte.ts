// The Demo's "does it work equally well for every group?": the labelled samples run on this
// device, the groups to compare by, per-group rates and gaps, per-group drift of the model's
// reference/current tables, and device-vs-server agreement per group. Derived values are $derived.
import { groupRates, demographicParityDifference, equalOpportunityDifference, groupColumns, groupAgreement, type GroupAgreement, type GroupRates, type Outcome } from '../../lib/fairness/index.ts';
import type { LabelledSample } from './samples.ts';
import { driftByGroup, serverProbabilities, type DriftPair, type GroupDrift } from './demo-groups.ts';
import type { DemoSettings } from './demo-link.ts';

type Err = { name: string; message: string } | null;

export interface SampleSet {
  /** Group name shown to people. */
  name: string;
  description: string;
  samples: LabelledSample[];
}

/** One labelled sample as measured: its features, true label, prediction, probabilities and set. */
export interface MeasuredOutcome { x: Float32Array; label: number; predicted: number; probs: Float32Array; set: string }

export interface GroupOption { id: string; label: string; of: (o: { x: Float32Array; set: string }) => string }

/** What the fairness view reads from the rest of the demo (live: called on every use). */
export interface FairnessContext {
  settings(): DemoSettings;
  featureNames(): string[];
  /** The class the audience is looking at (the current answer), if any. */
  best(): number | undefined;
}

/** Runs labelled rows through the model: which output holds the classes, and probabilities per row. */
export interface SampleClassifier {
  (rows: Float32Array[], onProgress: (done: number) => void): Promise<{ output: string; probs: Float32Array[] }>;
}

export class GroupFairness {
  sets = $state.raw<SampleSet[]>([]);
  outcomes = $state.raw<MeasuredOutcome[]>([]);
  slicesProgress = $state<{ done: number; total: number } | null>(null);
  slicesError = $state<Err>(null);
  groupDrift = $state.raw<{ pair: string; rows: GroupDrift[] } | null>(null);
  /** The server's class probabilities for each outcome (same order), once asked. */
  serverProbs = $state.raw<Float32Array[] | null>(null);
  parityProgress = $state<{ done: number; total: number } | null>(null);
  parityError = $state<string | null>(null);
  /** The class output the outcomes were measured on. */
  private output = '';
  private pair: Promise<DriftPair | null> = Promise.resolve(null);

  constructor(private readonly ctx: FairnessContext) {}

  /** Group choices: the sample set (when there are several), season/feature columns for table rows. */
  groupOptions = $derived.by((): GroupOption[] => {
    const opts: GroupOption[] = [];
    if (this.sets.length > 1) opts.push({ id: 'set', label: 'sample set', of: (o) => o.set });
    const names = this.ctx.featureNames();
    if (names.length) {
      for (const c of groupColumns(names, this.outcomes.map((o) => o.x))) opts.push({ id: c.id, label: c.label, of: (o) => c.of(o.x) });
    }
    return opts;
  });

  /** The chosen group option (the one the table shows): the settings' choice, else the first. */
  chosen = $derived.by((): GroupOption | null => this.groupOptions.find((o) => o.id === this.ctx.settings().group) ?? this.groupOptions[0] ?? null);

  /** Per-group rates and the two gaps for the chosen group and positive class. */
  fairness = $derived.by((): { group: string; positive: number; rates: GroupRates[]; dpd: number; eod: number } | null => {
    const g = this.chosen;
    if (!this.outcomes.length || !g) return null;
    // Unless chosen, track the class just predicted (what the audience is looking at).
    const chosenPositive = this.ctx.settings().positive;
    const positive = chosenPositive >= 0 ? chosenPositive : (this.ctx.best() ?? mostCommon(this.outcomes.map((o) => o.label)));
    const outcomes: Outcome[] = this.outcomes.map((o) => ({ group: g.of(o), label: o.label, predicted: o.predicted }));
    const rates = groupRates(outcomes, positive);
    return { group: g.id, positive, rates, dpd: demographicParityDifference(rates), eod: equalOpportunityDifference(rates) };
  });

  /** Device vs server agreement per group of the chosen grouping, once the server was asked. */
  groupParity = $derived.by((): GroupAgreement[] | null => {
    const g = this.chosen;
    const server = this.serverProbs;
    if (!g || !server || server.length !== this.outcomes.length) return null;
    return groupAgreement(this.outcomes.map((o, i) => ({ group: g.of(o), device: o.probs, server: server[i]! })));
  });

  /** A new model: forget everything measured; `pair` is its drift tables (or null). */
  reset(pair: Promise<DriftPair | null>): void {
    this.sets = [];
    this.outcomes = [];
    this.groupDrift = null;
    this.serverProbs = null;
    this.slicesError = null;
    this.pair = pair;
  }

  /** Every labelled sample of the sets, with its set's name. */
  labelled(): { s: LabelledSample; set: string }[] {
    return this.sets.flatMap((s) => s.samples.filter((x) => typeof x.label === 'number').map((x) => ({ s: x, set: s.name })));
  }

  /** Run every labelled sample (as `rows`, same order as `labelled()`) on this device, for the table. */
  async measure(rows: Float32Array[], classify: SampleClassifier): Promise<void> {
    if (this.slicesProgress) return;
    const all = this.labelled();
    this.slicesError = null;
    this.slicesProgress = { done: 0, total: all.length };
    try {
      const { output, probs } = await classify(rows, (done) => (this.slicesProgress = { done, total: all.length }));
      this.output = output;
      this.outcomes = all.map(({ s, set }, i) => ({ x: rows[i]!, label: s.label!, predicted: argmax(probs[i]!), probs: probs[i]!, set }));
      // The groups exist now: their drift follows the grouping shown.
      await this.measureDrift();
    } catch (e) {
      const err = e as Error;
      this.slicesError = { name: err.name || 'Error', message: err.message };
    } finally {
      this.slicesProgress = null;
    }
  }

  /** The grouping changed (a user event): keep it and measure its drift. */
  setGroup(id: string): Promise<void> {
    this.ctx.settings().group = id;
    return this.measureDrift();
  }

  /** Drift of the model's reference/current tables within each group of the chosen grouping. */
  async measureDrift(): Promise<void> {
    const g = this.chosen;
    const pair = await this.pair;
    if (!g || !pair || g.id === 'set') {
      this.groupDrift = null;
      return;
    }
    const names = this.ctx.featureNames();
    const feature = /:(\d+)$/.exec(g.id);
    const own = feature ? [names[Number(feature[1])]!] : [];
    const rows = driftByGroup(pair, names, (x) => g.of({ x: x as Float32Array, set: '' }), own);
    this.groupDrift = rows ? { pair: `${pair.reference.name} → ${pair.current.name}`, rows } : null;
  }

  /** Send the labelled samples to the server too (input `inputName`, declared dims after the batch). */
  async measureParity(inputName: string, dims: readonly (number | string | null)[], defaultModel: string): Promise<void> {
    const { baseline, baselineModel } = this.ctx.settings();
    const url = baseline.trim();
    if (!this.chosen || !url || !this.outcomes.length || this.parityProgress) return;
    this.parityError = null;
    this.parityProgress = { done: 0, total: this.outcomes.length };
    try {
      const samples = this.outcomes.map((o) => ({
        [inputName]: { type: 'float32' as const, dims: [1, ...dims.map((d) => (typeof d === 'number' ? d : o.x.length))], data: o.x },
      }));
      this.serverProbs = await serverProbabilities({ url, model: baselineModel.trim() || defaultModel }, samples, this.output, (done, total) => (this.parityProgress = { done, total }));
    } catch (e) {
      this.parityError = (e as Error).message;
    } finally {
      this.parityProgress = null;
    }
  }
}

function argmax(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** The most frequent value (the smallest on a tie); 0 for none. */
export function mostCommon(values: number[]): number {
  const n = new Map<number, number>();
  values.forEach((v) => n.set(v, (n.get(v) ?? 0) + 1));
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}
