// One prediction: the inputs being edited (generic tensors, an image, or a tabular row), the run,
// and its outputs with timings. Inputs are kept per model so switching screens loses nothing.
import type { TensorMap } from '../../lib/tensors/types.ts';
import type { ElementType } from '../../lib/tensors/types.ts';
import { generateInput, type Fill } from '../../lib/tensors/generate.ts';
import { shapes } from './shapes.svelte.ts';
import { parseOipRequest } from '../../lib/tensors/oip.ts';
import type { RunResult } from '../../engine-web/protocol.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { scalarHint, scalarTensor, isScalarInput, type ScalarHint } from '../../lib/sequence/scalars.ts';
import { CancellableRun } from './cancellable.svelte.ts';

export type InputMode = 'image' | 'tabular' | 'tensor';

class PredictState extends CancellableRun {
  mode = $state<InputMode>('tensor');
  fill = $state<Fill>('random');
  seed = $state(0);
  tensors = $state.raw<TensorMap>({});
  /** Where the current inputs came from, shown beside the Run button. */
  inputLabel = $state('');
  result = $state.raw<RunResult | null>(null);
  /** ms from the main thread's call to the answer: compute plus worker messaging. */
  roundTripMs = $state<number | null>(null);
  /** Values of scalar inputs (a sample rate), by input name; hints from metadata fill them first. */
  scalars = $state.raw<Record<string, number>>({});
  /** Where each scalar's suggested value came from (metadata, doc string, the name). */
  hints = $state.raw<Record<string, ScalarHint>>({});
  private forSha = '';
  private listeners = new Set<(r: RunResult, firstOnSession: boolean) => void>();
  private ranOn = new Set<string>();

  /** Be told of every answer (and whether it was the session's first, which includes warm-up). */
  onResult(fn: (r: RunResult, firstOnSession: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Pick a mode and fresh inputs when the model changes. */
  syncWithModel(): void {
    const m = model.current;
    if (!m || m.info.sha256 === this.forSha) return;
    this.forSha = m.info.sha256;
    this.result = null;
    this.error = null;
    this.cancelled = null;
    const hints: Record<string, ScalarHint> = {};
    for (const inp of m.info.inputs) {
      const h = scalarHint(inp, m.info);
      if (h) hints[inp.name] = h;
    }
    this.hints = hints;
    this.scalars = Object.fromEntries(Object.entries(hints).map(([n, h]) => [n, h.value]));
    const first = m.info.inputs[0];
    const imageSpec = typeof m.card?.inputs?.[0]?.preprocessing === 'object';
    if (imageSpec || (m.info.inputs.length === 1 && first?.dims?.length === 4 && first.type === 'float32')) this.mode = 'image';
    else if (m.info.inputs.length === 1 && first?.dims?.length === 2 && typeof first.dims[1] === 'number' && first.dims[1] <= 64) this.mode = 'tabular';
    else this.mode = 'tensor';
    this.generate();
  }

  /** Fill every input with generated data of its declared type and resolved dims. */
  generate(fill: Fill = this.fill): void {
    const m = model.current;
    if (!m) return;
    this.fill = fill;
    this.error = null;
    // A dim nothing tells is asked for in the shape editor, never filled in as 1.
    if (!shapes.ready) {
      this.tensors = {};
      this.inputLabel = '';
      return;
    }
    try {
      const out: TensorMap = {};
      m.info.inputs.forEach((inp, i) => {
        const dims = shapes.shapes[inp.name]!;
        // A scalar the user set (or a hint set) keeps its value whatever the fill.
        out[inp.name] = Object.hasOwn(this.scalars, inp.name)
          ? scalarTensor(inp.type, dims, this.scalars[inp.name]!)
          : generateInput({ type: inp.type as ElementType, dims }, fill, this.seed + i);
      });
      this.tensors = out;
      this.inputLabel = `${fill} ${fill === 'random' ? `(seed ${this.seed})` : ''}`.trim();
    } catch (e) {
      this.error = describeError(e);
    }
  }

  /** Use pasted Open Inference Protocol request JSON as the inputs. */
  paste(text: string): boolean {
    try {
      const req = parseOipRequest(text);
      this.tensors = req.inputs;
      this.inputLabel = 'pasted OIP JSON';
      this.error = null;
      return true;
    } catch (e) {
      this.error = describeError(e);
      return false;
    }
  }

  /** Set a scalar input's value (a sample rate); the inputs keep everything else. */
  setScalar(name: string, value: number): string | null {
    const inp = model.current?.info.inputs.find((i) => i.name === name);
    if (!inp || !isScalarInput(inp)) return `"${name}" is not a scalar input`;
    if (!Number.isFinite(value)) return `the value of ${name} must be a number`;
    if (inp.type.startsWith('int') || inp.type.startsWith('uint')) {
      if (!Number.isInteger(value)) return `${name} is ${inp.type}: give a whole number`;
      if (inp.type.startsWith('uint') && value < 0) return `${name} is ${inp.type}: give a number ≥ 0`;
    }
    this.scalars = { ...this.scalars, [name]: value };
    this.tensors = { ...this.tensors, [name]: scalarTensor(inp.type, shapes.shapes[name] ?? [], value) };
    return null;
  }

  setTensors(tensors: TensorMap, label: string): void {
    this.tensors = tensors;
    this.inputLabel = label;
  }

  async run(): Promise<void> {
    if (this.running) return;
    // A backend switch in flight: run on the new session, not silently on the old one.
    await model.settled();
    const session = model.session;
    if (!session || this.running) return;
    // No inputs because a dim is still unknown: say which. Inputs the user left out (pasted JSON
    // without them) go on to the engine, whose check names the missing inputs.
    if (!Object.keys(this.tensors).length && model.current?.info.inputs.length && !shapes.ready) {
      this.error = { name: 'InputShapeError', message: shapes.problem ?? 'Set the marked dimensions in the shape editor first: nothing in the model tells their sizes.' };
      return;
    }
    await this.guarded(async (signal) => {
      const t0 = performance.now();
      const r = await engine.client.run(session.sessionId, this.tensors, undefined, signal);
      this.roundTripMs = performance.now() - t0;
      this.result = r;
      // onnxruntime finishes setting a session up on its first run: that answer includes warm-up.
      const first = !this.ranOn.has(session.sessionId);
      this.ranOn.add(session.sessionId);
      for (const fn of this.listeners) fn(r, first);
    });
  }
}

export const predict = new PredictState();
