// The benchmark screen's state: matrix choices, a run on its own engine worker (so the app's
// session is untouched and each thread count gets a fresh worker), live progress, history, auto.
import { EngineClient } from '../../engine-web/client.ts';
import { runPageBenchmark } from '../../engine-web/bench-target.ts';
import type { EnvironmentInfo } from '../../engine-web/protocol.ts';
import type { BenchBackend, BenchConfig, BenchResult, ConfigResult, OptLevel } from '../../lib/bench/types.ts';
import { defaultThreadCounts, configLabel, type ExpandedMatrix } from '../../lib/bench/matrix.ts';
import { hasDynamicBatch } from '../../lib/bench/inputs.ts';
import { compareLatency, fastestConfig, type Comparison } from '../../lib/bench/compare.ts';
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
  label: string;
  phase: 'load' | 'warmup' | 'measure' | 'profile';
  fraction: number;
  /** ms, NaN before the first measured run */
  liveP50: number;
  runs: number;
}

class BenchState {
  backends = $state<BenchBackend[]>(['wasm']);
  threads = $state<number[]>([1]);
  optLevels = $state<OptLevel[]>(['all']);
  /** Batch sizes to sweep; empty runs at the shape editor's batch. */
  batchText = $state('');
  quick = $state(true);
  profile = $state(true);

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
  comparison = $state.raw<{ a: BenchResult; b: BenchResult; rows: { id: string; label: string; cmp: Comparison }[] } | null>(null);
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
    this.progress = { index: 0, total: 1, label: 'starting', phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0 };
    const client = new EngineClient({ threads: Math.min(...this.threads, 64) || 1 });
    this.client = client;
    try {
      const batches = this.parsedBatches();
      const readMs = await this.timeRead();
      const { result, skipped } = await runPageBenchmark(client, m.bytes, {
        name: m.name, backends: this.backends, threads: this.threads, optLevels: this.optLevels, batches, dims: shapes.dims,
        quick: this.quick, profileRuns: this.profile ? (this.quick ? 10 : 50) : 0, readMs,
      }, {
        signal: abort.signal,
        onConfigStart: (index, total, c) => {
          this.progress = { index, total, label: configLabel(c), phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0 };
        },
        onProgress: (index, total, p) => {
          const prev = this.progress;
          this.progress = { index, total, label: prev?.label ?? '', phase: p.phase, fraction: p.fraction, liveP50: p.liveP50, runs: p.done };
        },
      });
      this.result = result;
      this.skipped = skipped;
      this.focus = result.fastest ?? result.configs[0]?.id ?? null;
      const best = fastestConfig(result.configs);
      if (best && !abort.signal.aborted) {
        rememberAuto(result.model.sha256, best.config);
        this.auto = best.config;
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
  }

  /** Compare the two selected results config by config (matching ids), b against a. */
  async compareSelected(): Promise<void> {
    if (this.selected.length !== 2) return;
    const [a, b] = await Promise.all(this.selected.map((id) => history.getResult(id)));
    if (!a || !b) return;
    const rows: { id: string; label: string; cmp: Comparison }[] = [];
    for (const cb of b.configs) {
      const ca = a.configs.find((c) => c.id === cb.id);
      if (ca?.compute && cb.compute) rows.push({ id: cb.id, label: cb.label, cmp: compareLatency(ca.compute, cb.compute) });
    }
    const fa = fastestConfig(a.configs);
    const fb = fastestConfig(b.configs);
    if (fa?.compute && fb?.compute && !(fa.id === fb.id && rows.some((r) => r.id === fa.id))) {
      rows.push({ id: 'fastest', label: `fastest: ${fa.label} → ${fb.label}`, cmp: compareLatency(fa.compute, fb.compute) });
    }
    this.comparison = { a, b, rows };
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
