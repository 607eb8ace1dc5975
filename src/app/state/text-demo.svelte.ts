// The Demo and Predict views of a text model: the text, its answer (label, confidence, tokens),
// the word-occlusion explanation with its run estimate shown first, examples and feedback.
import { model } from './model.svelte.ts';
import { engine, describeError } from './engine.svelte.ts';
import { FeedbackStore, makeFeedback, type FeedbackRecord } from './feedback.ts';
import type { TextAnswer, TextExplanation } from '../../lib/text/pipeline.ts';
import { splitWords } from '../../lib/text/words.ts';
import { parseTextSamples, pickExamples } from '../../lib/text/samples.ts';
import { readFileBytes } from './fetch-progress.ts';

/** Explanations up to this many words run without asking (one batched run of that many texts). */
export const AUTO_EXPLAIN_WORDS = 64;

export interface TextExample {
  text: string;
  label: string | null;
}

class TextDemoState {
  text = $state('');
  answer = $state.raw<TextAnswer | null>(null);
  /** ms inside session.run for the answer, and the page's round trip. */
  computeMs = $state(0);
  roundTripMs = $state(0);
  running = $state(false);
  error = $state<{ name: string; message: string } | null>(null);
  explanation = $state.raw<TextExplanation | null>(null);
  explaining = $state(false);
  explainError = $state<{ name: string; message: string } | null>(null);
  examples = $state.raw<TextExample[]>([]);
  /** Where the examples come from: the bundled held-out set, or a samples file the user chose. */
  examplesSource = $state<string | null>(null);
  examplesError = $state<{ name: string; message: string } | null>(null);
  /** The true label of the example in the box, while it is unchanged. */
  truth = $state<string | null>(null);
  feedback = $state.raw<FeedbackRecord[]>([]);
  private readonly store = new FeedbackStore();
  private examplesFor = '';

  /** The answer shown was the session's first: its time includes onnxruntime's one-off warm-up. */
  firstOnSession = $state(false);
  private ranOn = new Set<string>();

  labels = $derived<string[]>(model.current?.text?.folder.config.labels ?? []);

  /** What explaining costs before it runs: words (= variants, one batched run) and the last run's ms. */
  estimate = $derived.by((): { words: number; runs: number; ms: number | null } => {
    const words = splitWords(this.answer?.text ?? this.text).length;
    return { words, runs: words ? 2 : 1, ms: this.computeMs || null };
  });

  async predict(): Promise<void> {
    const m = model.current;
    const s = model.session;
    if (!m?.text || !s || this.running) return;
    // An empty box would still give a label (the model's prior): say what is missing instead.
    if (!this.text.trim()) {
      this.error = { name: 'EmptyTextError', message: 'Type a text first (the box is empty), or pick one of the examples.' };
      return;
    }
    this.running = true;
    this.error = null;
    this.explanation = null;
    this.explainError = null;
    try {
      const t0 = performance.now();
      const r = await engine.client.classifyTexts(s.sessionId, m.text.tokenizer.tokenizerId, [this.text], m.text.folder.config.labels);
      this.roundTripMs = performance.now() - t0;
      this.computeMs = r.computeMs;
      this.answer = r.answers[0] ?? null;
      this.firstOnSession = !this.ranOn.has(s.sessionId);
      this.ranOn.add(s.sessionId);
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.running = false;
    }
    if (this.answer && this.estimate.words <= AUTO_EXPLAIN_WORDS) await this.explain();
  }

  async explain(): Promise<void> {
    const m = model.current;
    const s = model.session;
    if (!m?.text || !s || !this.answer) return;
    this.explaining = true;
    this.explainError = null;
    try {
      this.explanation = await engine.client.explainText(s.sessionId, m.text.tokenizer.tokenizerId, this.answer.text, m.text.folder.config.labels);
    } catch (e) {
      this.explainError = describeError(e);
    } finally {
      this.explaining = false;
    }
  }

  setText(text: string, truth: string | null = null): void {
    this.text = text;
    this.truth = truth;
  }

  /** One example per label from the model's bundled held-out CSV (text column first, label second). */
  async loadExamples(csvUrl: string | null): Promise<void> {
    const m = model.current;
    if (!m || this.examplesFor === m.info.sha256) return;
    this.examplesFor = m.info.sha256;
    this.examples = [];
    this.store.list(m.info.sha256).then((r) => (this.feedback = r), () => undefined);
    this.examplesSource = null;
    this.examplesError = null;
    if (!csvUrl) return;
    try {
      const res = await fetch(csvUrl);
      if (!res.ok) return;
      this.examples = pickExamples(parseTextSamples(new Uint8Array(await res.arrayBuffer()), csvUrl.split('/').pop() ?? 'samples.csv'), 12);
      this.examplesSource = 'the bundled held-out set';
    } catch {
      // Examples are a convenience: the text box works without them.
    }
  }

  /** Examples from a samples file the user chose: CSV with a text column, JSONL {"text", "label"}, or lines. */
  async loadExamplesFile(file: File): Promise<void> {
    this.examplesError = null;
    try {
      this.examples = pickExamples(parseTextSamples(await readFileBytes(file), file.name), 12);
      this.examplesSource = file.name;
    } catch (e) {
      // The examples shown before stay: a bad file loses nothing.
      this.examplesError = describeError(e);
    }
  }

  async giveFeedback(correct: boolean, label?: number): Promise<void> {
    const m = model.current;
    const a = this.answer;
    if (!m || !a) return;
    try {
      const inputs = { text: { type: 'string' as const, dims: [1], data: [a.text] } };
      const rec = makeFeedback({ modelSha: m.info.sha256, modelName: m.name, inputs, predicted: a.index, confidence: a.confidence, labels: this.labels, correct, label });
      this.feedback = [...this.feedback, await this.store.add(rec)];
    } catch (e) {
      this.error = describeError(e);
    }
  }
}

export const textDemo = new TextDemoState();
