// The benchmark screen's run: the options (bench-options), a run on its own engine worker (so the
// app's session is untouched and each thread count gets a fresh worker) with live progress
// (run-progress), the result, the remembered fastest config ("auto") and the history (bench-history).
import { EngineClient } from '../../engine-web/client.ts';
import { runPageBenchmark } from '../../engine-web/bench-target.ts';
import type { BenchConfig, BenchResult } from '../../lib/bench/types.ts';
import type { ExpandedMatrix } from '../../lib/bench/matrix.ts';
import { decideFastest } from '../../lib/bench/compare.ts';
import { checkBudgets } from '../../lib/bench/budget.ts';
import { estimateRoundMs } from '../../lib/bench/estimate.ts';
import { benchText } from '../../lib/bench/seq-len.ts';
import type { TokenFeed } from '../../lib/text/tokenizer.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { shapes } from './shapes.svelte.ts';
import { modelUrl } from './catalog.ts';
import { storedValue } from '../storage/local.ts';
import { BenchOptions } from './bench-options.svelte.ts';
import { BenchHistory } from './bench-history.svelte.ts';
import { RunProgress } from './run-progress.svelte.ts';

export type { LiveProgress } from './run-progress.svelte.ts';

const autoConfigs = storedValue<Record<string, BenchConfig>>('bench.auto', { fallback: {}, parse: (r) => (r && typeof r === 'object' ? (r as Record<string, BenchConfig>) : undefined) });

/** The remembered fastest config per model sha256 on this device (localStorage). */
export function autoConfigFor(sha256: string): BenchConfig | null {
  return autoConfigs.get()[sha256] ?? null;
}

class BenchState {
  readonly options = new BenchOptions(() => ({
    model: model.current ? { inputs: model.current.info.inputs, textMaxLength: model.current.text?.folder.config.maxLength ?? null } : null,
    env: engine.env,
  }));
  readonly progress = new RunProgress();
  readonly history = new BenchHistory();

  running = $state(false);
  result = $state.raw<BenchResult | null>(null);
  skipped = $state.raw<ExpandedMatrix['skipped']>([]);
  error = $state<{ name: string; message: string } | null>(null);
  saved = $state(false);
  /** Config whose histogram and trend are shown. */
  focus = $state<string | null>(null);
  /** Bumped when a new fastest config is remembered (localStorage is not reactive). */
  private autoVersion = $state(0);
  /** The remembered fastest config for the loaded model on this device. */
  readonly auto = $derived.by(() => {
    void this.autoVersion;
    return model.current ? autoConfigFor(model.current.info.sha256) : null;
  });
  readonly focused = $derived(this.result?.configs.find((c) => c.id === this.focus) ?? null);
  /** Pass/fail per config and budget for the shown result ([] without budgets or with a bad field). */
  readonly budgetChecks = $derived(this.result ? checkBudgets(this.result.configs, this.options.budgets.value) : []);
  /** Time estimate before a run, ms: a lower bound per config (a fast model) × configs × rounds. */
  readonly estimateBefore = $derived(this.options.configCount * this.options.protocol.value.rounds * estimateRoundMs(this.options.protocol.value, 0));

  private client: EngineClient | null = null;
  /** The running benchmark's controller: cancel() aborts it. */
  private abort: AbortController | null = null;

  async run(): Promise<void> {
    const m = model.current;
    if (!m || this.running) return;
    if (!shapes.ready) {
      this.error = { name: 'InputShapeError', message: shapes.problem ?? 'Set the marked dimensions of the input shape first: nothing in the model tells their sizes.' };
      return;
    }
    const o = this.options;
    if (o.problem) {
      this.error = { name: 'BenchOptionsError', message: o.problem };
      return;
    }
    this.error = null;
    this.saved = false;
    this.result = null;
    const abort = new AbortController();
    this.abort = abort;
    this.running = true;
    const protocol = o.protocol.value;
    this.progress.start(protocol);
    const client = new EngineClient({ threads: Math.min(...o.threads, 64) || 1 });
    this.client = client;
    try {
      const seq = o.seqPlan.value;
      const readMs = await this.timeRead();
      const text = await this.textFeed(seq?.lengths);
      const { result, skipped } = await runPageBenchmark(client, m.bytes, {
        name: m.name, backends: o.backends, threads: o.threads, optLevels: o.optLevels, batches: o.batches.value, dims: shapes.dims,
        protocol, quick: o.quick, profileRuns: o.profile ? (o.quick ? 10 : 50) : 0, readMs, seqLengths: seq?.lengths, text, measureWorkerJsHeap: o.workerHeap,
      }, { signal: abort.signal, ...this.progress.hooks() });
      this.result = result;
      this.skipped = [...(seq?.notes ?? []), ...skipped];
      this.focus = result.fastest ?? result.configs[0]?.id ?? null;
      // auto keeps a choice only when the data make one clear: its interval overlaps no other's, and
      // (with several configs) the intervals come from rounds, so drift between runs is inside them.
      const d = decideFastest(result.configs);
      const measured = result.configs.filter((c) => c.compute && !c.error).length;
      if (d.fastest && d.clear && (measured === 1 || d.fastest.p50Interval?.method === 'rounds-t') && !abort.signal.aborted) {
        // Storage full or blocked: auto simply is not remembered.
        autoConfigs.set({ ...autoConfigs.get(), [result.model.sha256]: d.fastest.config });
        this.autoVersion++;
      }
      if (result.configs.some((c) => c.compute)) {
        await this.history.save(result);
        this.saved = true;
      }
    } catch (e) {
      this.error = describeError(e);
    } finally {
      client.dispose();
      this.client = null;
      this.running = false;
      this.progress.stop();
    }
  }

  /** A text model's sample text tokenized in the app's worker, long enough for the sweep (or the shape's length). */
  private async textFeed(lengths: number[] | undefined): Promise<TokenFeed | undefined> {
    const t = model.current?.text;
    if (!t) return undefined;
    const seqDims = Object.values(shapes.shapes).map((d) => d[1] ?? 0);
    return engine.client.tokenFeed(t.tokenizer.tokenizerId, benchText(Math.max(1, ...(lengths ?? seqDims))));
  }

  /** Re-read the bytes where that can be timed (demo or URL); a local file was read before. */
  private async timeRead(): Promise<number | null> {
    const m = model.current;
    if (!m || m.source === 'file') return null;
    const entry = m.source === 'demo' ? model.catalog.find((e) => e.id === m.ref) : null;
    const url = entry ? modelUrl(entry) : m.source === 'url' ? m.ref : null;
    if (!url) return null;
    try {
      const t0 = performance.now();
      await (await fetch(url)).arrayBuffer();
      return performance.now() - t0;
    } catch {
      return null;
    }
  }

  async cancel(): Promise<void> {
    this.abort?.abort();
    await this.client?.cancel();
  }

  /** Make the fastest config the app's choice: its backend for the loaded model. */
  async useAuto(): Promise<void> {
    const c = this.auto;
    if (!c || c.backend === 'cpu') return;
    await model.setBackend(c.backend);
  }

  /** Open a saved result. */
  async show(id: string): Promise<void> {
    const r = await this.history.get(id);
    if (r) {
      this.result = r;
      this.skipped = [];
      this.saved = true;
      this.focus = r.fastest ?? r.configs[0]?.id ?? null;
    }
  }

  async importFile(file: File): Promise<void> {
    const n = await this.history.importFile(file);
    if (!this.history.error) engine.notify('info', 'Results imported', `${n} benchmark result${n === 1 ? '' : 's'} added to the history.`);
  }
}

export const bench = new BenchState();
