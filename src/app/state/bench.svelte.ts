// The benchmark screen's state: matrix choices, a run on its own engine worker (so the app's
// session is untouched and each thread count gets a fresh worker), live progress, history, auto.
import { EngineClient } from '../../engine-web/client.ts';
import { runPageBenchmark } from '../../engine-web/bench-target.ts';
import type { EnvironmentInfo } from '../../engine-web/protocol.ts';
import type { BenchBackend, BenchConfig, BenchProtocol, BenchResult, ConfigResult, OptLevel } from '../../lib/bench/types.ts';
import { defaultThreadCounts, configLabel, configId, type ExpandedMatrix } from '../../lib/bench/matrix.ts';
import { hasDynamicBatch } from '../../lib/bench/inputs.ts';
import { decideFastest } from '../../lib/bench/compare.ts';
import { compareRuns, UnlikeRunsError, type RunComparison } from '../../lib/bench/run-compare.ts';
import { checkBudgets, parseBudget, type Budget, type BudgetCheck } from '../../lib/bench/budget.ts';
import { makeProtocol, DEFAULT_PROTOCOL, QUICK_PROTOCOL } from '../../lib/bench/protocol.ts';
import { estimateRoundMs } from '../../lib/bench/estimate.ts';
import { engine, describeError } from './engine.svelte.ts';
import { model } from './model.svelte.ts';
import { shapes } from './shapes.svelte.ts';
import { modelUrl } from './catalog.ts';
import * as history from './history.ts';
import { storedValue } from '../storage/local.ts';

const autoConfigs = storedValue<Record<string, BenchConfig>>('bench.auto', { fallback: {}, parse: (r) => (r && typeof r === 'object' ? (r as Record<string, BenchConfig>) : undefined) });

/** The remembered fastest config per model sha256 on this device (localStorage). */
export function autoConfigFor(sha256: string): BenchConfig | null {
  return autoConfigs.get()[sha256] ?? null;
}

function rememberAuto(sha256: string, c: BenchConfig): void {
  // Storage full or blocked: auto simply is not remembered.
  autoConfigs.set({ ...autoConfigs.get(), [sha256]: c });
}

export interface LiveProgress {
  index: number;
  total: number;
  /** 0-based round and the number of rounds. */
  round: number;
  rounds: number;
  label: string;
  phase: 'load' | 'first' | 'warmup' | 'measure' | 'profile';
  fraction: number;
  /** ms, NaN before the first measured run */
  liveP50: number;
  runs: number;
  /** Estimated time left for the whole benchmark, ms (from each config's first run; a lower bound before). */
  remainingMs: number;
}

class BenchState {
  backends = $state<BenchBackend[]>(['wasm']);
  threads = $state<number[]>([1]);
  optLevels = $state<OptLevel[]>(['all']);
  /** Batch sizes to sweep; empty runs at the shape editor's batch. */
  batchText = $state('');
  quick = $state(true);
  profile = $state(true);
  /** Protocol fields as typed in the page (empty = the mode's default). */
  roundsText = $state<string | number | null>('');
  minRunsText = $state<string | number | null>('');
  minTimeText = $state<string | number | null>('');
  /** Budgets as typed, e.g. "p90=50, p99=80" (ms). */
  budgetText = $state('');
  /** Per-run time of each config (ms) from its first run, for the estimate; keyed by config id. */
  private firstRuns = new Map<string, { perRunMs: number; createMs: number }>();

  running = $state(false);
  progress = $state<LiveProgress | null>(null);
  result = $state.raw<BenchResult | null>(null);
  skipped = $state.raw<ExpandedMatrix['skipped']>([]);
  error = $state<{ name: string; message: string } | null>(null);
  saved = $state(false);
  /** Config whose histogram and trend are shown. */
  focus = $state<string | null>(null);

  history = $state.raw<history.HistoryEntry[]>([]);
  historyError = $state<string | null>(null);
  selected = $state<string[]>([]);
  comparison = $state.raw<{ a: BenchResult; b: BenchResult; cmp: RunComparison } | null>(null);
  /** Why the selected runs were not compared (they differ), with what differs. */
  refused = $state.raw<string[] | null>(null);
  auto = $state.raw<BenchConfig | null>(null);

  private client: EngineClient | null = null;
  /** The running benchmark's controller: cancel() aborts it. */
  private abort: AbortController | null = null;
  private envSeen: EnvironmentInfo | null = null;

  /** Device-dependent defaults, once the engine has described the device. */
  applyEnvironment(env: EnvironmentInfo): void {
    if (this.envSeen) return;
    this.envSeen = env;
    this.threads = defaultThreadCounts(env.hardwareConcurrency, env.crossOriginIsolated).slice(0, 3);
  }

  get threadChoices(): number[] {
    const env = engine.env;
    return env ? defaultThreadCounts(env.hardwareConcurrency, env.crossOriginIsolated) : [1];
  }

  get dynamicBatch(): boolean {
    return model.current ? hasDynamicBatch(model.current.info.inputs) : false;
  }

  toggle<T>(list: T[], v: T): T[] {
    return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  }

  /** The protocol the page will run (mode defaults + the fields); BenchOptionsError on nonsense. */
  protocol(): BenchProtocol {
    // Number inputs bind numbers (or null when empty), text inputs strings: accept both.
    const num = (raw: string | number | null | undefined, what: string, scale = 1): number | undefined => {
      const text = raw === null || raw === undefined ? '' : String(raw).trim();
      if (!text) return undefined;
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0) throw Object.assign(new Error(`${what} must be a number ≥ 0, got "${text}"`), { name: 'BenchOptionsError' });
      return Math.round(v * scale);
    };
    return makeProtocol({ rounds: num(this.roundsText, 'rounds'), minRuns: num(this.minRunsText, 'runs per round'), minTimeMs: num(this.minTimeText, 'min time per round', 1000) }, this.quick);
  }

  /** The protocol if the fields are valid, else the mode's default (for labels). */
  protocolOrDefault(): BenchProtocol {
    try {
      return this.protocol();
    } catch {
      return this.quick ? QUICK_PROTOCOL : DEFAULT_PROTOCOL;
    }
  }

  /** Budgets from the field; BenchOptionsError naming a bad one. */
  budgets(): Budget[] {
    return this.budgetText.split(/[\s,;]+/).filter(Boolean).map(parseBudget);
  }

  /** Pass/fail per config and budget for the shown result ([] without budgets or with a bad field). */
  budgetChecks(): BudgetCheck[] {
    if (!this.result) return [];
    try {
      return checkBudgets(this.result.configs, this.budgets());
    } catch {
      return [];
    }
  }

  /** Time estimate before a run, ms: a lower bound per config (a fast model) × configs × rounds. */
  estimateBefore(configCount: number): number {
    const p = this.protocolOrDefault();
    return configCount * p.rounds * estimateRoundMs(p, 0);
  }

  parsedBatches(): number[] | undefined {
    if (!this.dynamicBatch) return undefined;
    const v = this.batchText.split(/[\s,]+/).filter(Boolean).map(Number);
    if (v.some((b) => !Number.isInteger(b) || b < 1 || b > 4096)) {
      throw Object.assign(new Error(`batch sizes must be whole numbers from 1 to 4096, separated by commas (got "${this.batchText}")`), { name: 'BenchOptionsError' });
    }
    return v.length ? v : undefined;
  }

  async run(): Promise<void> {
    const m = model.current;
    if (!m || this.running) return;
    if (!shapes.ready) {
      this.error = { name: 'InputShapeError', message: shapes.problem ?? 'Set the marked dimensions of the input shape first: nothing in the model tells their sizes.' };
      return;
    }
    this.error = null;
    this.saved = false;
    const abort = new AbortController();
    this.abort = abort;
    this.running = true;
    this.result = null;
    this.progress = { index: 0, total: 1, round: 0, rounds: 1, label: 'starting', phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0, remainingMs: Number.NaN };
    const client = new EngineClient({ threads: Math.min(...this.threads, 64) || 1 });
    this.client = client;
    this.firstRuns.clear();
    try {
      const batches = this.parsedBatches();
      const protocol = this.protocol();
      this.budgets();
      const readMs = await this.timeRead();
      let ids: string[] = [];
      let current = '';
      const remaining = (index: number, round: number, total: number): number => {
        // Rounds still to start: this config's later rounds, later configs of this round, all later rounds.
        const known = [...this.firstRuns.values()];
        const fallback = known.length ? known.reduce((a, k) => a + k.perRunMs, 0) / known.length : 0;
        let ms = 0;
        for (let r = round; r < protocol.rounds; r++) {
          for (let i = r === round ? index + 1 : 0; i < total; i++) {
            const k = this.firstRuns.get(ids[i] ?? '');
            ms += estimateRoundMs(protocol, k?.perRunMs ?? fallback, k?.createMs ?? 0);
          }
        }
        return ms;
      };
      const { result, skipped } = await runPageBenchmark(client, m.bytes, {
        name: m.name, backends: this.backends, threads: this.threads, optLevels: this.optLevels, batches, dims: shapes.dims,
        protocol, quick: this.quick, profileRuns: this.profile ? (this.quick ? 10 : 50) : 0, readMs,
      }, {
        signal: abort.signal,
        onConfigStart: (index, total, c, round, rounds) => {
          current = configId(c);
          if (ids.length < total) ids = [...ids, current];
          this.progress = { index, total, round, rounds, label: configLabel(c), phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0, remainingMs: remaining(index, round, total) + estimateRoundMs(protocol, this.firstRuns.get(current)?.perRunMs ?? 0) };
        },
        onProgress: (index, total, p) => {
          const prev = this.progress;
          if (p.phase === 'first' && !this.firstRuns.has(current)) this.firstRuns.set(current, { perRunMs: p.firstRunMs, createMs: 0 });
          const round = prev?.round ?? 0;
          const perRun = this.firstRuns.get(current)?.perRunMs ?? 0;
          const thisRound = Math.max(0, estimateRoundMs(protocol, perRun) - p.elapsedMs - (p.phase === 'measure' ? estimateRoundMs({ ...protocol, minRuns: 0, minTimeMs: 0 }, perRun) : 0));
          this.progress = {
            index, total, round, rounds: prev?.rounds ?? protocol.rounds, label: prev?.label ?? '', phase: p.phase, fraction: p.fraction, liveP50: p.liveP50, runs: p.done,
            remainingMs: remaining(index, round, total) + thisRound,
          };
        },
      });
      this.result = result;
      this.skipped = skipped;
      this.focus = result.fastest ?? result.configs[0]?.id ?? null;
      // auto keeps a choice only when the data make one clear: its interval overlaps no other's, and
      // (with several configs) the intervals come from rounds, so drift between runs is inside them.
      const d = decideFastest(result.configs);
      const measured = result.configs.filter((c) => c.compute && !c.error).length;
      if (d.fastest && d.clear && (measured === 1 || d.fastest.p50Interval?.method === 'rounds-t') && !abort.signal.aborted) {
        rememberAuto(result.model.sha256, d.fastest.config);
        this.auto = d.fastest.config;
      }
      if (result.configs.some((c) => c.compute)) {
        await history.saveResult(result);
        this.saved = true;
        await this.loadHistory();
      }
    } catch (e) {
      this.error = describeError(e);
    } finally {
      client.dispose();
      this.client = null;
      this.running = false;
      this.progress = null;
    }
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
    const c = this.auto ?? (model.current ? autoConfigFor(model.current.info.sha256) : null);
    if (!c || c.backend === 'cpu') return;
    await model.setBackend(c.backend);
  }

  refreshAuto(): void {
    this.auto = model.current ? autoConfigFor(model.current.info.sha256) : null;
  }

  async loadHistory(): Promise<void> {
    try {
      this.history = await history.listResults();
      this.historyError = null;
    } catch (e) {
      this.historyError = (e as Error).message;
    }
  }

  async show(id: string): Promise<void> {
    const r = await history.getResult(id);
    if (r) {
      this.result = r;
      this.skipped = [];
      this.saved = true;
      this.focus = r.fastest ?? r.configs[0]?.id ?? null;
    }
  }

  async remove(id: string): Promise<void> {
    await history.deleteResult(id);
    this.selected = this.selected.filter((s) => s !== id);
    await this.loadHistory();
  }

  toggleSelected(id: string): void {
    const s = this.selected.includes(id) ? this.selected.filter((x) => x !== id) : [...this.selected, id].slice(-2);
    this.selected = s;
    this.comparison = null;
    this.refused = null;
  }

  /**
   * Compare the two selected results as bench-compare does: the older one (by date) is the baseline,
   * whatever order they were ticked in; unlike runs are refused with what differs unless `force`.
   */
  async compareSelected(force = false): Promise<void> {
    if (this.selected.length !== 2) return;
    const [x, y] = await Promise.all(this.selected.map((id) => history.getResult(id)));
    if (!x || !y) return;
    this.comparison = null;
    this.refused = null;
    try {
      const cmp = compareRuns(x, y, { force });
      const [a, b] = cmp.baseline.id === x.id ? [x, y] : [y, x];
      this.comparison = { a, b, cmp };
    } catch (e) {
      if (e instanceof UnlikeRunsError) this.refused = e.differences;
      else this.historyError = `${(e as Error).name}: ${(e as Error).message}`;
    }
  }

  async exportFile(format: 'json' | 'csv', only?: string[]): Promise<{ name: string; text: string }> {
    const text = await history.exportHistory(format, only);
    return { name: `edgeprobe-bench-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`, text };
  }

  async importFile(file: File): Promise<void> {
    try {
      const n = await history.importHistory(await file.text());
      this.historyError = null;
      engine.notify('info', 'Results imported', `${n} benchmark result${n === 1 ? '' : 's'} added to the history.`);
      await this.loadHistory();
    } catch (e) {
      this.historyError = `${(e as Error).name}: ${(e as Error).message}`;
    }
  }

  focused(): ConfigResult | null {
    return this.result?.configs.find((c) => c.id === this.focus) ?? null;
  }
}

export const bench = new BenchState();
