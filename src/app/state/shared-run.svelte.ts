// A benchmark someone shared as a link (#/run?…): what will run and roughly how long, the run on
// its own worker, and the result sent to the collector named in the link (kept and retried if it is down).
import { EngineClient } from '../../engine-web/client.ts';
import { runPageBenchmark } from '../../engine-web/bench-target.ts';
import type { BenchResult } from '../../lib/bench/types.ts';
import { deviceResultsFrom, type DeviceResult } from '../../lib/devices/result.ts';
import { estimateSeconds, parseShareHash, resolveShareModel, type ShareSpec } from '../../lib/devices/share-link.ts';
import { describeError } from './engine.svelte.ts';
import { fetchBytes } from './fetch-progress.ts';
import { listPending, retryPending, sendOrKeep } from './outbox.ts';
import { allowOrigin } from './allowed-origins.ts';
import { makeProtocol } from '../../lib/bench/protocol.ts';
import { RunProgress } from './run-progress.svelte.ts';

export type RunPhase = 'ready' | 'download' | 'running' | 'sending' | 'done';

/** The page's JS heap in use, MB (Chromium's performance.memory), or null elsewhere. */
function jsHeapMb(): number | null {
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return mem ? mem.usedJSHeapSize / 1024 / 1024 : null;
}

class SharedRunState {
  spec = $state.raw<ShareSpec | null>(null);
  modelUrl = $state<string | null>(null);
  linkError = $state<{ name: string; message: string } | null>(null);
  phase = $state<RunPhase>('ready');
  /** The model's download, before the benchmark. */
  private download = $state<{ label: string; fraction: number } | null>(null);
  /** The benchmark's progress, the same as on the Benchmark screen. */
  readonly live = new RunProgress();
  readonly progress = $derived(this.download ?? (this.live.live ? { label: this.live.line, fraction: this.live.fraction } : null));
  result = $state.raw<BenchResult | null>(null);
  records = $state.raw<DeviceResult[]>([]);
  error = $state<{ name: string; message: string } | null>(null);
  /** What happened to the result: sent (ids), kept on the device (retrying), or refused. */
  delivery = $state<{ kind: 'sent' | 'kept' | 'refused' | 'none'; message: string } | null>(null);
  pending = $state(0);
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private client: EngineClient | null = null;
  private abort: AbortController | null = null;

  /** Read the link from the hash; a bad link or a model on another origin is an error by name. */
  fromHash(hash: string): void {
    if (this.phase !== 'ready' && this.phase !== 'done') return;
    this.linkError = null;
    try {
      const spec = parseShareHash(hash);
      this.modelUrl = resolveShareModel(spec.model, location.href);
      this.spec = spec;
    } catch (e) {
      this.spec = null;
      this.modelUrl = null;
      this.linkError = describeError(e);
    }
    this.startRetries();
  }

  get estimate(): number {
    return this.spec ? estimateSeconds(this.spec) : 0;
  }

  async run(): Promise<void> {
    const spec = this.spec;
    if (!spec || !this.modelUrl || (this.phase !== 'ready' && this.phase !== 'done')) return;
    this.error = null;
    this.delivery = null;
    this.result = null;
    const abort = new AbortController();
    this.abort = abort;
    this.phase = 'download';
    this.download = { label: `downloading ${spec.name}`, fraction: 0 };
    const client = new EngineClient({ threads: Math.min(...spec.threads) });
    this.client = client;
    try {
      const t0 = performance.now();
      const bytes = await fetchBytes(this.modelUrl, (loaded, total) => {
        this.download = { label: `downloading ${spec.name}`, fraction: total ? loaded / total : 0 };
      });
      const readMs = performance.now() - t0;
      this.phase = 'running';
      this.download = null;
      this.live.start(makeProtocol(undefined, spec.quick));
      const { result } = await runPageBenchmark(client, bytes, {
        name: spec.name, backends: spec.backends, threads: spec.threads, optLevels: ['all'],
        shapes: Object.keys(spec.shapes).length ? spec.shapes : undefined, quick: spec.quick, profileRuns: 0, readMs,
        // A phone on a shared link should not wait a GC per config for the worker JS heap.
        measureWorkerJsHeap: false,
      }, { signal: abort.signal, ...this.live.hooks() });
      this.result = result;
      this.records = deviceResultsFrom(result, { budget: spec.budget, jsHeapMb: jsHeapMb(), link: spec.id || null });
      if (this.records.length === 0) throw Object.assign(new Error(result.configs.map((c) => c.error?.message).filter(Boolean).join('; ') || 'no config produced a result'), { name: 'BenchmarkError' });
      await this.deliver(spec.collector);
    } catch (e) {
      this.error = describeError(e);
    } finally {
      client.dispose();
      this.client = null;
      this.download = null;
      this.live.stop();
      this.phase = this.result ? 'done' : 'ready';
    }
  }

  private async deliver(collector: string): Promise<void> {
    if (!collector) {
      this.delivery = { kind: 'none', message: 'The link names no collector: the result stays on this page.' };
      return;
    }
    this.phase = 'sending';
    let reloadHint = '';
    try {
      // Pressing Run under "Results go to …" is the consent: the page may now reach that origin.
      if (new URL(collector).origin !== location.origin && (await allowOrigin(collector)).reloadNeeded) {
        reloadHint = ' This page may reach the collector only after a reload (its security policy is set when it loads): reload to send it.';
      }
    } catch {
      // Not an address the page can be allowed to reach: the send below says why.
    }
    try {
      const out = await sendOrKeep(collector, this.records);
      if (out.kind === 'sent') this.delivery = { kind: 'sent', message: `Sent to ${collector} (result ${out.ids.join(', ')}).` };
      else if (out.kind === 'kept') this.delivery = { kind: 'kept', message: `Kept on this device: ${out.reason}. It will be sent again every 15 s while this page is open, and whenever this link is opened again.${reloadHint}` };
      else this.delivery = { kind: 'refused', message: out.reason };
    } catch (e) {
      this.delivery = { kind: 'kept', message: `Could not store the result for a retry: ${(e as Error).message}` };
    }
    await this.countPending();
  }

  async cancel(): Promise<void> {
    this.abort?.abort();
    await this.client?.cancel();
  }

  private async countPending(): Promise<void> {
    try {
      this.pending = (await listPending()).length;
    } catch {
      this.pending = 0;
    }
  }

  /** Retry kept results now, then every 15 s and whenever the browser comes back online. */
  private startRetries(): void {
    if (this.retryTimer || typeof window === 'undefined') return;
    const tick = async () => {
      try {
        if ((await listPending()).length === 0) return void (this.pending = 0);
        const { sent, left } = await retryPending();
        this.pending = left;
        if (sent > 0 && this.delivery?.kind === 'kept' && left === 0) this.delivery = { kind: 'sent', message: 'The kept result has now been sent to the collector.' };
      } catch {
        // IndexedDB unavailable: nothing was kept, nothing to retry.
      }
    };
    this.retryTimer = setInterval(tick, 15_000);
    addEventListener('online', tick);
    void tick();
  }

  /** Try the kept results now (the "Send again" button). */
  async retryNow(): Promise<void> {
    const { sent, left } = await retryPending();
    this.pending = left;
    if (left === 0 && sent > 0) this.delivery = { kind: 'sent', message: 'The kept result has now been sent to the collector.' };
  }
}

export const sharedRun = new SharedRunState();
