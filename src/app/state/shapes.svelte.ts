// The one shape per model that Predict, Benchmark, Compare, Demo and Drift use: the sizes the user
// chose for free dims (kept per model on this device), the defaults for the rest, the dims nobody
// can guess (asked for), and whether the whole set can run. Derived values are $derived, not getters.
import { checkShapes, modelShapes, choiceKey, type DimChoices, type ShapeInput } from '../../lib/tensors/model-shapes.ts';
import { imageLayout, isFixedDim } from '../../lib/tensors/shape.ts';
import { storedValue, type KeyValueStore } from '../storage/local.ts';
import { inputByteBudget } from '../../lib/tensors/memory-budget.ts';

/** What the shape state needs to know about the loaded model. */
export interface ShapeModel {
  sha256: string;
  inputs: readonly ShapeInput[];
  /** The preprocessing size of an image input, px: free spatial dims take it by default. */
  imageSize?: { height: number; width: number };
  /** A text model's maximum tokens per text: free sequence dims take it by default. */
  sequenceLength?: number;
}

/** Where choices are kept (localStorage in the page; a Map-backed stand-in in tests). */
export type ShapeStore = KeyValueStore;

/** Largest input the page accepts by default, bytes: what the browser gives (the wasm heap's bound,
 * half the reported device memory and JS heap), which also catches a typo like 224000. */
export const DEFAULT_MAX_INPUT_BYTES = inputByteBudget({
  runtime: 'browser',
  deviceMemoryGb: (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? null,
  jsHeapLimitBytes: (globalThis.performance as { memory?: { jsHeapSizeLimit?: number } } | undefined)?.memory?.jsHeapSizeLimit ?? null,
});

export class ShapeState {
  model = $state.raw<ShapeModel | null>(null);
  /** Sizes the user set for free dims (DimChoices keys). */
  choices = $state.raw<DimChoices>({});
  /** Every input's concrete dims, the defaulted dims, and the unknown ones. */
  resolved = $derived(this.model ? modelShapes(this.model.inputs, this.choices, { imageSize: this.model.imageSize, sequenceLength: this.model.sequenceLength }) : null);
  shapes = $derived<Record<string, number[]>>(this.resolved?.shapes ?? {});
  /** Free dims nothing tells the size of and the user has not set yet. */
  unknown = $derived(this.resolved?.unknown ?? []);
  /** Why these shapes cannot run (rank, size, memory), or null. */
  problem = $derived.by(() => {
    if (!this.model) return null;
    try {
      checkShapes(this.model.inputs, this.shapes, this.maxBytes);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  });
  ready = $derived(this.model !== null && this.unknown.length === 0 && this.problem === null);
  /** The size of every free dim (chosen or defaulted), model-wide, for the benchmark's `dims`. */
  dims = $derived.by(() => {
    const out: Record<string, number> = {};
    for (const inp of this.model?.inputs ?? []) {
      (inp.dims ?? []).forEach((d, i) => {
        if (!isFixedDim(d)) out[choiceKey(inp.name, d, i)] = this.shapes[inp.name]?.[i] ?? 1;
      });
    }
    return out;
  });

  /** An image input's height and width at the chosen shape (px), or null when it is not image-like. */
  imageSize(input: string): { height: number; width: number } | null {
    const declared = this.model?.inputs.find((i) => i.name === input)?.dims;
    const layout = declared ? imageLayout(declared) : null;
    const dims = this.shapes[input];
    return layout && dims ? { height: dims[layout.h]!, width: dims[layout.w]! } : null;
  }

  /** `store`: undefined for the page's localStorage (through the one storage helper), null for none. */
  constructor(private readonly store: ShapeStore | null | undefined = undefined, private readonly maxBytes = DEFAULT_MAX_INPUT_BYTES) {}

  /** Switch to a model (or none): its kept choices come back. */
  use(m: ShapeModel | null): void {
    this.model = m;
    this.choices = m ? this.read(m.sha256) : {};
  }

  /** Set one free dim (key as in DimChoices). A size that is not a whole number ≥ 1 is refused. */
  set(key: string, value: number): string | null {
    if (!this.model) return 'no model loaded';
    if (!Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1) return `a dimension must be a whole number from 1 to 2^31 − 1, got ${value}`;
    this.choices = { ...this.choices, [key]: value };
    this.write();
    return null;
  }

  /** Forget the choices: every free dim back to its default. */
  reset(): void {
    this.choices = {};
    if (this.model) this.kept(this.model.sha256).remove();
  }

  /** The choices kept for one model: `edgeprobe.shape.<sha256>`, only whole sizes >= 1 read back. */
  private kept(sha: string) {
    return storedValue<DimChoices>('shape', {
      id: sha, fallback: {}, store: this.store,
      parse: (raw) => raw && typeof raw === 'object'
        ? Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => Number.isInteger(e[1]) && (e[1] as number) >= 1))
        : undefined,
    });
  }

  private read(sha: string): DimChoices {
    return this.kept(sha).get();
  }

  /** Storage full or blocked: the choice holds for this visit only. */
  private write(): void {
    if (this.model) this.kept(this.model.sha256).set(this.choices);
  }
}

export const shapes = new ShapeState();
