// One prediction: the inputs being edited (generic tensors, an image, or a tabular row), the run,
// and its outputs with timings. Inputs are kept per model so switching screens loses nothing.
import type { TensorMap } from '../../lib/tensors/types.ts';
import type { Dim } from '../../lib/tensors/types.ts';
import type { ElementType } from '../../lib/tensors/types.ts';
import { generateInput, type Fill } from '../../lib/tensors/generate.ts';
import { resolveDims } from '../../lib/tensors/shape.ts';
import { parseOipRequest } from '../../lib/tensors/oip.ts';
import type { RunResult } from '../../engine-web/protocol.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';

export type InputMode = 'image' | 'tabular' | 'tensor';

class PredictState {
  mode = $state<InputMode>('tensor');
  /** Per input, per symbolic dim name (or index), the concrete size the user chose. */
  dimOverrides = $state<Record<string, Record<string, number>>>({});
  fill = $state<Fill>('random');
  seed = $state(0);
  tensors = $state.raw<TensorMap>({});
  /** Where the current inputs came from, shown beside the Run button. */
  inputLabel = $state('');
  result = $state.raw<RunResult | null>(null);
  /** ms from the main thread's call to the answer: compute plus worker messaging. */
  roundTripMs = $state<number | null>(null);
  error = $state<{ name: string; message: string } | null>(null);
  running = $state(false);
  private forSha = '';

  /** Pick a mode and fresh inputs when the model changes. */
  syncWithModel(): void {
    const m = model.current;
    if (!m || m.info.sha256 === this.forSha) return;
    this.forSha = m.info.sha256;
    this.dimOverrides = {};
    this.result = null;
    this.error = null;
    const first = m.info.inputs[0];
    const imageSpec = typeof m.card?.inputs?.[0]?.preprocessing === 'object';
    if (imageSpec || (m.info.inputs.length === 1 && first?.dims?.length === 4 && first.type === 'float32')) this.mode = 'image';
    else if (m.info.inputs.length === 1 && first?.dims?.length === 2 && typeof first.dims[1] === 'number' && first.dims[1] <= 64) this.mode = 'tabular';
    else this.mode = 'tensor';
    this.generate();
  }

  /** Concrete dims for one input, with the dims that were defaulted. */
  dimsFor(name: string, declared: Dim[] | null) {
    return resolveDims(declared ?? [], this.dimOverrides[name] ?? {});
  }

  setDim(input: string, key: string, value: number): void {
    this.dimOverrides = { ...this.dimOverrides, [input]: { ...(this.dimOverrides[input] ?? {}), [key]: value } };
  }

  /** Fill every input with generated data of its declared type and resolved dims. */
  generate(fill: Fill = this.fill): void {
    const m = model.current;
    if (!m) return;
    this.fill = fill;
    this.error = null;
    try {
      const out: TensorMap = {};
      m.info.inputs.forEach((inp, i) => {
        const { dims } = this.dimsFor(inp.name, inp.dims);
        out[inp.name] = generateInput({ type: inp.type as ElementType, dims }, fill, this.seed + i);
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

  setTensors(tensors: TensorMap, label: string): void {
    this.tensors = tensors;
    this.inputLabel = label;
  }

  async run(): Promise<void> {
    const session = model.session;
    if (!session || this.running) return;
    this.running = true;
    this.error = null;
    try {
      const t0 = performance.now();
      const r = await engine.client.run(session.sessionId, this.tensors);
      this.roundTripMs = performance.now() - t0;
      this.result = r;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.running = false;
    }
  }
}

export const predict = new PredictState();
