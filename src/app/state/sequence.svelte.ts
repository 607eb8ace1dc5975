// Predict over a sequence: a streaming model's state fed back step by step, the steps from an audio
// file (chunked to the stream input's shape) or a JSONL of OIP requests, with per-step outputs,
// progress, elapsed time and Cancel. Fixed inputs (a sample rate) come from Predict's current inputs.
import type { TensorMap } from '../../lib/tensors/types.ts';
import { sequencePlan, sequenceRoles, signalInput, type SequenceRoles } from '../../lib/sequence/plan.ts';
import { chunkSignal, decodeWav, isWavFile, jsonlSteps } from '../../lib/sequence/chunks.ts';
import { scalarValue } from '../../lib/sequence/scalars.ts';
import type { SequenceResult } from '../../lib/sequence/run.ts';
import { CancellableRun } from './cancellable.svelte.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { shapes } from './shapes.svelte.ts';
import { predict } from './predict.svelte.ts';

/** Steps above this are dropped from an audio file (about 5 minutes of 512-sample chunks at 16 kHz). */
const MAX_STEPS = 10_000;

class SequenceState extends CancellableRun {
  /** The steps to run and where they came from. */
  steps = $state.raw<TensorMap[]>([]);
  /** Decoded audio, cut into steps again at run time (the shape may change after the file is read). */
  private audio = $state.raw<{ samples: Float32Array; input: string; name: string; rate: number } | null>(null);
  /** Steps a run will take: an audio file's at the stream input's current shape. */
  count = $derived.by(() => {
    const a = this.audio;
    if (!a) return this.steps.length;
    const size = (shapes.shapes[a.input] ?? []).reduce((x, y) => x * y, 1);
    return Math.min(MAX_STEPS, Math.ceil(a.samples.length / Math.max(1, size)));
  });
  private label = $state('');
  /** Where the steps came from, said with the count the next run will take. */
  source = $derived(this.audio ? this.describeAudio(shapes.shapes[this.audio.input] ?? []) : this.label);
  /** A warning about the file (a rate that differs from the model's, dropped steps). */
  note = $state<string | null>(null);
  result = $state.raw<SequenceResult | null>(null);
  done = $state(0);
  /** ms the last run took, from the page's call to the answer. */
  wallMs = $state<number | null>(null);
  private forSha = '';

  /** The model's state pairs, stream and scalar inputs (empty pairs: no sequence to run). */
  roles = $derived.by((): SequenceRoles | null => {
    const m = model.current;
    return m ? sequenceRoles(m.info.inputs, m.info.outputs) : null;
  });

  /** Start afresh when the model changed (steps of another model's shape would not fit). */
  syncWithModel(): void {
    const sha = model.current?.info.sha256 ?? '';
    if (sha === this.forSha) return;
    this.forSha = sha;
    this.clear();
  }

  /** Forget the steps and results. */
  clear(): void {
    this.steps = [];
    this.audio = null;
    this.label = '';
    this.note = null;
    this.result = null;
    this.error = null;
    this.cancelled = null;
  }

  /** Read the steps from a WAV (chunked to the stream input's current shape) or a JSONL file. */
  async readFile(file: File): Promise<void> {
    this.error = null;
    this.note = null;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isWavFile(bytes, file.name)) {
        const audio = decodeWav(bytes);
        const input = signalInput(this.roles!);
        const dims = shapes.shapes[input] ?? [];
        const { steps, dropped } = chunkSignal(audio.samples, input, dims, MAX_STEPS);
        this.steps = steps;
        this.audio = { samples: audio.samples, input, name: file.name, rate: audio.sampleRate };
        const rate = this.roles!.scalars.map((n) => predict.tensors[n]).find((t) => t && scalarValue(t) >= 4000);
        const notes: string[] = [];
        if (rate && scalarValue(rate) !== audio.sampleRate) notes.push(`the file is at ${audio.sampleRate} Hz but the model is given ${scalarValue(rate)} Hz: set the value or resample the file`);
        if (dropped) notes.push(`${dropped} steps past the first ${MAX_STEPS} were left out`);
        this.note = notes.join('; ') || null;
      } else {
        this.steps = jsonlSteps(new TextDecoder().decode(bytes), file.name);
        this.audio = null;
        this.label = `${file.name}: ${this.steps.length} steps (JSONL)`;
      }
      this.result = null;
    } catch (e) {
      this.error = describeError(e);
    }
  }

  /** "voice.wav: 2.00 s at 16000 Hz → 63 steps of input [1, 512]" at the stream input's current shape. */
  private describeAudio(dims: readonly number[]): string {
    const a = this.audio!;
    return `${a.name}: ${(a.samples.length / a.rate).toFixed(2)} s at ${a.rate} Hz → ${this.count} steps of ${a.input} [${dims.join(', ')}]`;
  }

  async run(): Promise<void> {
    if (this.running) return;
    await model.settled();
    const session = model.session;
    const m = model.current;
    if (!session || !m || !this.roles) return;
    this.error = null;
    this.cancelled = null;
    let plan;
    try {
      if (!shapes.ready) throw Object.assign(new Error(shapes.problem ?? 'set the marked dimensions in the shape editor first'), { name: 'InputShapeError' });
      if (this.audio) {
        const dims = shapes.shapes[this.audio.input] ?? [];
        this.steps = chunkSignal(this.audio.samples, this.audio.input, dims, MAX_STEPS).steps;
      }
      plan = sequencePlan(this.roles, m.info.inputs, shapes.shapes, predict.tensors, this.steps);
    } catch (e) {
      this.error = describeError(e);
      return;
    }
    this.done = 0;
    await this.guarded(async (signal) => {
      const t0 = performance.now();
      this.result = await engine.client.runSequence(session.sessionId, plan, (done) => { this.done = done; }, signal);
      this.wallMs = performance.now() - t0;
    });
  }
}

export const sequence = new SequenceState();
