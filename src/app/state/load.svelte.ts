// The Compare screen's Load section: a server's concurrency sweep (`edgeprobe load --json`) beside
// the on-device figures from the collector, and the sentence that puts the two budgets side by side.
import { parseLoadResult, serverMeetsUpTo, type LoadResult } from '../../lib/load/summary.ts';
import { devices } from './devices.svelte.ts';
import { describeError } from './engine.svelte.ts';

class LoadState {
  result = $state.raw<LoadResult | null>(null);
  fileName = $state('');
  error = $state<{ name: string; message: string } | null>(null);

  async open(file: File): Promise<void> {
    this.error = null;
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (e) {
        throw Object.assign(new Error(`${file.name} is not JSON: ${(e as Error).message}`), { name: 'DataFormatError' });
      }
      this.result = parseLoadResult(json);
      this.fileName = file.name;
      if (!devices.loadedOnce) void devices.refresh();
    } catch (e) {
      this.error = describeError(e);
    }
  }

  /** "N of M devices meet the budget on the device; the server meets it up to C concurrent requests." */
  get sentence(): string | null {
    const r = this.result;
    const b = devices.budget;
    const budget = devices.groups.find((g) => g.budget)?.budget ?? null;
    if (!r) return null;
    const onDevice = b ? `${b.meet} of ${b.total} device${b.total === 1 ? '' : 's'} meet the budget on the device` : 'no device results with a budget yet (Devices)';
    const metric = budget?.metric ?? 'p99';
    const ms = budget?.ms ?? r.maxLatencyMs;
    if (ms === null || ms === undefined) return `${onDevice}; the server was swept without a latency limit (knee at ${r.knee ?? '—'} concurrent requests).`;
    const upTo = serverMeetsUpTo(r.levels, metric, ms);
    return `${onDevice}; the server meets ${metric} ≤ ${ms} ms ${upTo === null ? 'at no tested concurrency' : `up to ${upTo} concurrent request${upTo === 1 ? '' : 's'}`}.`;
  }
}

export const load = new LoadState();
