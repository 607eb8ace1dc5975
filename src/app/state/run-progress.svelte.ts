// Live progress of a benchmark run, for the Benchmark screen and a shared-link run alike: which
// round and config, the phase, the live p50, and the time left estimated from each config's first run.
import type { BenchHooks } from '../../lib/bench/run-matrix.ts';
import type { BenchProtocol } from '../../lib/bench/types.ts';
import { configId, configLabel } from '../../lib/bench/matrix.ts';
import { estimateRoundMs } from '../../lib/bench/estimate.ts';

export interface LiveProgress {
  index: number;
  total: number;
  /** 0-based round and the number of rounds. */
  round: number;
  rounds: number;
  label: string;
  phase: 'load' | 'first' | 'warmup' | 'measure' | 'profile';
  /** Fraction of the current phase done, 0–1. */
  fraction: number;
  /** ms, NaN before the first measured run */
  liveP50: number;
  runs: number;
  /** Estimated time left for the whole benchmark, ms (from each config's first run; a lower bound before). */
  remainingMs: number;
}

const PHASE_WORDS: Record<LiveProgress['phase'], string> = { load: 'creating session', first: 'first run', warmup: 'warm-up', measure: 'measuring', profile: 'profiling' };

export class RunProgress {
  /** null while no benchmark runs. */
  live = $state<LiveProgress | null>(null);
  /** Share of the whole benchmark done, 0–1 (rounds × configs; a round counts as it measures). */
  readonly fraction = $derived.by(() => {
    const p = this.live;
    if (!p) return 0;
    return (p.round * p.total + p.index + (p.phase === 'measure' ? p.fraction : 0)) / Math.max(1, p.total * p.rounds);
  });
  /** One line for the page: "config 2 of 3: wasm · 1 thread · opt all · seq 64 · measuring". */
  readonly line = $derived.by(() => {
    const p = this.live;
    return p ? `config ${p.index + 1} of ${p.total}: ${p.label} · ${PHASE_WORDS[p.phase]}` : '';
  });

  private protocol: BenchProtocol | null = null;
  /** Per-run and create time of each config (ms) from its first run, keyed by config id. */
  private readonly firstRuns = new Map<string, { perRunMs: number; createMs: number }>();
  private ids: string[] = [];
  private current = '';

  /** A run starts under `protocol`: nothing known yet. */
  start(protocol: BenchProtocol): void {
    this.protocol = protocol;
    this.firstRuns.clear();
    this.ids = [];
    this.current = '';
    this.live = { index: 0, total: 1, round: 0, rounds: protocol.rounds, label: 'starting', phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0, remainingMs: Number.NaN };
  }

  /** The run is over (done, failed or cancelled). */
  stop(): void {
    this.live = null;
  }

  /** The runner's hooks that feed this progress. */
  hooks(): Pick<BenchHooks, 'onConfigStart' | 'onProgress'> {
    return {
      onConfigStart: (index, total, c, round, rounds) => {
        this.current = configId(c);
        if (this.ids.length < total) this.ids = [...this.ids, this.current];
        const p = this.need();
        this.live = {
          index, total, round, rounds, label: configLabel(c), phase: 'load', fraction: 0, liveP50: Number.NaN, runs: 0,
          remainingMs: this.later(index, round, total) + estimateRoundMs(p, this.firstRuns.get(this.current)?.perRunMs ?? 0),
        };
      },
      onProgress: (index, total, lp) => {
        const p = this.need();
        const prev = this.live;
        if (lp.phase === 'first' && !this.firstRuns.has(this.current)) this.firstRuns.set(this.current, { perRunMs: lp.firstRunMs, createMs: 0 });
        const round = prev?.round ?? 0;
        const perRun = this.firstRuns.get(this.current)?.perRunMs ?? 0;
        // This round's time left: its estimate less what has passed (the measuring phase's own part counted as done).
        const thisRound = Math.max(0, estimateRoundMs(p, perRun) - lp.elapsedMs - (lp.phase === 'measure' ? estimateRoundMs({ ...p, minRuns: 0, minTimeMs: 0 }, perRun) : 0));
        this.live = {
          index, total, round, rounds: prev?.rounds ?? p.rounds, label: prev?.label ?? '', phase: lp.phase, fraction: lp.fraction, liveP50: lp.liveP50, runs: lp.done,
          remainingMs: this.later(index, round, total) + thisRound,
        };
      },
    };
  }

  private need(): BenchProtocol {
    if (!this.protocol) throw new Error('RunProgress.start(protocol) must come before the run');
    return this.protocol;
  }

  /** ms of the rounds still to start: this config's later rounds, later configs of this round, all later rounds. */
  private later(index: number, round: number, total: number): number {
    const p = this.need();
    const known = [...this.firstRuns.values()];
    const fallback = known.length ? known.reduce((a, k) => a + k.perRunMs, 0) / known.length : 0;
    let ms = 0;
    for (let r = round; r < p.rounds; r++) {
      for (let i = r === round ? index + 1 : 0; i < total; i++) {
        const k = this.firstRuns.get(this.ids[i] ?? '');
        ms += estimateRoundMs(p, k?.perRunMs ?? fallback, k?.createMs ?? 0);
      }
    }
    return ms;
  }
}
