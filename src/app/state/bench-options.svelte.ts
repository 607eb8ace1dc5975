// What the Benchmark screen will run: the matrix choices, the protocol fields, budgets, batch and
// (for a text model) sequence-length sweeps, each field's problem and the config count, derived.
import type { BenchBackend, BenchProtocol, OptLevel } from '../../lib/bench/types.ts';
import { defaultThreadCounts } from '../../lib/bench/matrix.ts';
import { hasDynamicBatch, type DeclaredTensor } from '../../lib/bench/inputs.ts';
import { parseBudget, type Budget } from '../../lib/bench/budget.ts';
import { makeProtocol, BenchOptionsError, DEFAULT_PROTOCOL, QUICK_PROTOCOL } from '../../lib/bench/protocol.ts';
import { DEFAULT_SEQ_LENGTHS, hasSequenceDim, parseSeqLengths, planSeqLengths, type SeqNote } from '../../lib/bench/seq-len.ts';

/** What the options depend on: the loaded model (inputs; a text model's maximum length) and the device. */
export interface BenchContext {
  model: { inputs: readonly DeclaredTensor[]; textMaxLength: number | null } | null;
  env: { hardwareConcurrency: number; crossOriginIsolated: boolean } | null;
}

/** A field's value when it parses, else the fallback and the problem in words. */
export interface Checked<T> {
  value: T;
  error: string | null;
}

function check<T>(fn: () => T, fallback: T): Checked<T> {
  try {
    return { value: fn(), error: null };
  } catch (e) {
    return { value: fallback, error: (e as Error).message };
  }
}

export class BenchOptions {
  backends = $state<BenchBackend[]>(['wasm']);
  /** Thread counts the user picked; null until then (the device's first three counts apply). */
  private pickedThreads = $state<number[] | null>(null);
  optLevels = $state<OptLevel[]>(['all']);
  /** Batch sizes to sweep; empty runs at the shape editor's batch. */
  batchText = $state('');
  /** A text model's sequence lengths (tokens); empty runs at the shape editor's length. */
  seqText = $state(DEFAULT_SEQ_LENGTHS.join(', '));
  quick = $state(true);
  profile = $state(true);
  /** Off by default: Chromium answers the worker-memory measurement at its next GC, 10–20 s per config. */
  workerHeap = $state(false);
  /** Protocol fields as typed (number inputs bind numbers or null; empty = the mode's default). */
  roundsText = $state<string | number | null>('');
  minRunsText = $state<string | number | null>('');
  minTimeText = $state<string | number | null>('');
  /** Budgets as typed, e.g. "p90=50, p99=80" (ms). */
  budgetText = $state('');

  private readonly context: () => BenchContext;

  readonly threadChoices = $derived.by(() => {
    const env = this.context().env;
    return env ? defaultThreadCounts(env.hardwareConcurrency, env.crossOriginIsolated) : [1];
  });
  /** Thread counts to run: the user's pick, else up to three of the device's (1, 2, 4). */
  readonly threads = $derived(this.pickedThreads ?? this.threadChoices.slice(0, 3));
  readonly dynamicBatch = $derived.by(() => {
    const m = this.context().model;
    return m ? hasDynamicBatch(m.inputs) : false;
  });
  /** The text model's maximum length when it can sweep sequence lengths (a free sequence dim), else null. */
  readonly seqMax = $derived.by(() => {
    const m = this.context().model;
    return m && m.textMaxLength !== null && hasSequenceDim(m.inputs) ? m.textMaxLength : null;
  });
  readonly protocol = $derived(check<BenchProtocol>(() => this.parseProtocol(), this.quick ? QUICK_PROTOCOL : DEFAULT_PROTOCOL));
  readonly budgets = $derived(check<Budget[]>(() => this.budgetText.split(/[\s,;]+/).filter(Boolean).map(parseBudget), []));
  readonly batches = $derived(check<number[] | undefined>(() => this.parseBatches(), undefined));
  /** The sequence sweep (capped at the maximum, with notes on what was capped); undefined without one. */
  readonly seqPlan = $derived(check<{ lengths: number[]; notes: SeqNote[] } | undefined>(() => this.planSeq(), undefined));
  readonly configCount = $derived(
    this.backends.length * this.threads.length * this.optLevels.length * (this.batches.value?.length ?? 1) * (this.seqPlan.value?.lengths.length ?? 1),
  );
  /** The first problem among the fields, or null when a run can start. */
  readonly problem = $derived(this.protocol.error ?? this.budgets.error ?? this.batches.error ?? this.seqPlan.error);

  constructor(context: () => BenchContext) {
    this.context = context;
  }

  toggleBackend(b: BenchBackend): void {
    this.backends = toggled(this.backends, b);
  }

  toggleThreads(t: number): void {
    this.pickedThreads = toggled(this.threads, t);
  }

  toggleOptLevel(l: OptLevel): void {
    this.optLevels = toggled(this.optLevels, l);
  }

  private parseProtocol(): BenchProtocol {
    const num = (raw: string | number | null | undefined, what: string, scale = 1): number | undefined => {
      const text = raw === null || raw === undefined ? '' : String(raw).trim();
      if (!text) return undefined;
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0) throw new BenchOptionsError(`${what} must be a number ≥ 0, got "${text}"`);
      return Math.round(v * scale);
    };
    return makeProtocol({ rounds: num(this.roundsText, 'rounds'), minRuns: num(this.minRunsText, 'runs per round'), minTimeMs: num(this.minTimeText, 'min time per round', 1000) }, this.quick);
  }

  private parseBatches(): number[] | undefined {
    if (!this.dynamicBatch) return undefined;
    const v = this.batchText.split(/[\s,]+/).filter(Boolean).map(Number);
    if (v.some((b) => !Number.isInteger(b) || b < 1 || b > 4096)) {
      throw new BenchOptionsError(`batch sizes must be whole numbers from 1 to 4096, separated by commas (got "${this.batchText}")`);
    }
    return v.length ? v : undefined;
  }

  private planSeq(): { lengths: number[]; notes: SeqNote[] } | undefined {
    if (this.seqMax === null) return undefined;
    const asked = parseSeqLengths(this.seqText);
    return asked ? planSeqLengths(asked, this.seqMax) : undefined;
  }
}

function toggled<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}
