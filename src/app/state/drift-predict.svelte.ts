// Drift with a model: the loaded model runs over both sets once per (model, sets, shape) at the
// shape editor's shape (image size; a text model's sequence length) and hands its outputs (and a
// text model's pooled embedding) to the data worker for the prediction-drift signals.
import type { DataClient } from '../../workers/data-client.ts';
import type { PredictionSummary, Slot, TableInfo } from '../../workers/data-protocol.ts';
import { planModel } from '../../lib/drift/model-plan.ts';
import { logitsName } from '../../lib/text/classify.ts';
import { formatShapes } from '../../lib/tensors/model-shapes.ts';
import type { engine } from './engine.svelte.ts';
import type { model } from './model.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { shapes } from './shapes.svelte.ts';

/** Texts per engine call when a text model predicts over a drift set (one batched run each). */
const TEXT_BATCH = 256;

export interface PredictProgress {
  phase: string;
  done: number;
  total: number | null;
  unit: string;
}

type Summaries = Record<Slot, PredictionSummary | null>;
type Loaded = NonNullable<typeof model.current>;

/** The page's loaded model and engine (passed in, so the class is built without a worker in tests). */
export interface PredictDeps {
  model: Pick<typeof model, 'current' | 'session'>;
  engine: { client: Pick<typeof engine.client, 'runMany' | 'classifyTexts'> };
  /** The card's labels as edited on this device (empty: the file's); one source of class names for the page. */
  labels?: () => readonly string[];
}

export class DriftPredictions {
  include = $state(true);
  note = $state<string | null>(null);
  summaries = $state.raw<Summaries>({ reference: null, current: null });
  /** The input shapes the model ran at ("N" for the batch of rows), or null when it did not run. */
  ranAt = $state<string | null>(null);
  private doneFor: string | null = null;

  constructor(
    private readonly client: () => DataClient,
    private readonly progress: (p: PredictProgress) => void,
    private readonly deps: PredictDeps,
  ) {}

  /** New sets: predictions are made again. */
  reset(): void {
    this.doneFor = null;
    this.summaries = { reference: null, current: null };
    this.ranAt = null;
  }

  /** Runs the loaded model over both sets (once per model, sets and shape) and hands the outputs to the data worker. */
  async run(reference: TableInfo | null, current: TableInfo | null): Promise<void> {
    const { model, engine } = this.deps;
    const m = model.current;
    const session = model.session;
    if (!this.include || !m || !session) {
      this.note = m ? null : 'Load a model to add its predictions to the report.';
      return;
    }
    const key = `${m.info.sha256}|${reference?.name}|${current?.name}|${reference?.rows}|${current?.rows}|${formatShapes(shapes.shapes)}|${this.deps.labels?.().join('\n') ?? ''}`;
    if (this.doneFor === key) return;
    if (m.text) return this.runText(m, session.sessionId, key);
    const isImage = m.info.inputs.length === 1 && m.info.inputs[0].dims?.length === 4;
    const input = m.info.inputs[0]?.name ?? '';
    // The shape editor's image size wins over the preprocessing's: one shape per model.
    const spec = isImage ? { ...loadSpec(m), ...(shapes.imageSize(input) ?? {}) } : null;
    const edited = this.deps.labels?.() ?? [];
    const { plan, reason } = planModel(m.info, edited.length ? { ...m.card, labels: [...edited] } : m.card, spec);
    if (!plan) {
      this.note = `${m.name} is not used: ${reason}.`;
      return;
    }
    const out: Summaries = { reference: null, current: null };
    const client = this.client();
    for (const slot of ['reference', 'current'] as const) {
      this.progress({ phase: `Preparing ${slot} inputs for ${m.name}`, done: 0, total: null, unit: 'rows' });
      const inp = await client.modelInputs(slot, plan);
      if (!inp.batches) {
        await client.clearPredictions();
        this.note = `${m.name} is not used on these sets: ${inp.reason}.`;
        this.doneFor = key;
        return;
      }
      const n = inp.batches.length;
      const results = await engine.client.runMany(session.sessionId, inp.batches, (done, total) => {
        this.progress({ phase: `Running ${m.name} on the ${slot} set`, done, total, unit: 'batches' });
      });
      out[slot] = await client.setPredictions(slot, results.map((r) => r.outputs[plan.output]).slice(0, n), plan.labels);
      this.ranAt = Object.entries(inp.batches[0] ?? {}).map(([name, t]) => `${name}=N×${t.dims.slice(1).join('×')}`).join(' ');
    }
    this.finish(out, key);
  }

  /** A text model (a folder with a tokenizer): its labels on each set's free-text column, tokenized in the engine worker at the editor's sequence length. */
  private async runText(m: Loaded, sessionId: string, key: string): Promise<void> {
    const { model, engine } = this.deps;
    const text = m.text!;
    const client = this.client();
    const out: Summaries = { reference: null, current: null };
    const sequence = shapes.shapes[m.info.inputs[0]?.name ?? '']?.[1];
    let column: string | undefined;
    for (const slot of ['reference', 'current'] as const) {
      const got = await client.columnTexts(slot, column);
      if (got.column === null) {
        await client.clearPredictions();
        this.note = `${m.name} is not used on these sets: ${got.reason}.`;
        this.doneFor = key;
        return;
      }
      column = got.column;
      const logits = [];
      const pooledName = text.folder.config.pooledOutput;
      const pooled: Float32Array[] = [];
      let dim = 0;
      for (let i = 0; i < got.texts.length; i += TEXT_BATCH) {
        this.progress({ phase: `Running ${m.name} on the ${slot} set's "${column}"`, done: i, total: got.texts.length, unit: 'rows' });
        const r = await engine.client.classifyTexts(sessionId, text.tokenizer.tokenizerId, got.texts.slice(i, i + TEXT_BATCH), text.folder.config.labels, sequence);
        logits.push(r.outputs[logitsName(model.session?.outputs ?? [])] ?? Object.values(r.outputs)[0]!);
        const e = pooledName ? r.outputs[pooledName] : undefined;
        if (e && e.type === 'float32') { pooled.push(e.data as Float32Array); dim = e.dims[1] ?? 0; }
        this.ranAt = m.info.inputs.map((inp) => `${inp.name}=N×${r.sequenceLength}`).join(' ');
      }
      out[slot] = await client.setPredictions(slot, logits, text.folder.config.labels);
      // The pooled embedding (config.json pooled_output) feeds the MMD signal in the data worker.
      if (pooledName && dim > 0) {
        const flat = new Float32Array(pooled.reduce((s, p) => s + p.length, 0));
        let at = 0;
        for (const p of pooled) { flat.set(p, at); at += p.length; }
        await client.setEmbeddings(slot, pooledName, flat, dim);
      }
    }
    this.finish(out, key);
  }

  private finish(out: Summaries, key: string): void {
    this.summaries = out;
    this.note = null;
    this.doneFor = key;
  }
}
