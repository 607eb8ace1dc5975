// The Devices view's state: which collector, the results it holds (grouped by model and shape),
// refresh, delete and export. The collector defaults to this app's own origin (npm start has one).
import type { StoredDeviceResult } from '../../lib/devices/result.ts';
import { budgetSummary, devicesCsv, groupResults, type DeviceGroup } from '../../lib/devices/rows.ts';
import { describeError } from './engine.svelte.ts';
import { storedValue } from '../storage/local.ts';

/** The collector URL; earlier versions kept it as plain text under the same key. */
const savedCollector = storedValue<string>('collector', {
  fallback: '',
  parse: (r) => (typeof r === 'string' ? r : undefined),
  legacyText: (text) => text,
});

export function collectorApi(collector: string): string {
  const base = collector.replace(/\/+$/, '');
  return base.endsWith('/collector/v1') ? base : `${base}/collector/v1`;
}

class DevicesState {
  collector = $state(savedCollector.get() || (typeof location === 'undefined' ? '' : location.origin));
  results = $state.raw<StoredDeviceResult[]>([]);
  groups = $derived(groupResults(this.results));
  budget = $derived(budgetSummary(this.results));
  loading = $state(false);
  loadedOnce = $state(false);
  error = $state<{ name: string; message: string } | null>(null);

  setCollector(url: string): void {
    this.collector = url.trim();
    savedCollector.set(this.collector); // false when storage is blocked: still used for this visit
  }

  /** A note instead of an error when the automatic first look finds no collector (offline, or a host without one). */
  note = $state<string | null>(null);

  /** The first look when the screen opens: quiet when there is nothing to reach. */
  async autoRefresh(): Promise<void> {
    if (this.loadedOnce || !this.collector) return;
    if (globalThis.navigator?.onLine === false) {
      this.note = 'The browser is offline: results are read from the collector when the network is back (Refresh).';
      return;
    }
    await this.refresh();
    if (this.error && !this.loadedOnce) {
      this.note = `No collector answered at ${this.collector} (${this.error.message.split(';')[0]}). Type the address of one (npm start, or edgeprobe serve --collect) and press Refresh.`;
      this.error = null;
    }
  }

  async refresh(): Promise<void> {
    if (!this.collector) return;
    this.note = null;
    this.loading = true;
    this.error = null;
    try {
      const api = collectorApi(this.collector);
      let res: Response;
      try {
        res = await fetch(`${api}/results`);
      } catch (e) {
        throw Object.assign(new Error(`the collector at ${api} cannot be reached (${(e as Error).message}); is edgeprobe serve --collect or npm start running, and does it allow this origin (--cors ${location.origin})?`), { name: 'CollectorError' });
      }
      const text = await res.text();
      if (!res.ok) throw Object.assign(new Error(`${api}/results answered HTTP ${res.status}: ${text.slice(0, 200)}`), { name: 'CollectorError' });
      const body = JSON.parse(text) as { results?: StoredDeviceResult[] };
      if (!Array.isArray(body.results)) throw Object.assign(new Error(`${api}/results is not an edgeprobe collector's list`), { name: 'CollectorError' });
      this.results = body.results;
      this.loadedOnce = true;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loading = false;
    }
  }

  async remove(id: number): Promise<void> {
    try {
      const res = await fetch(`${collectorApi(this.collector)}/results/${id}`, { method: 'DELETE' });
      if (!res.ok && res.status !== 404) throw Object.assign(new Error(`delete of result ${id} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`), { name: 'CollectorError' });
      this.results = this.results.filter((r) => r.id !== id);
    } catch (e) {
      this.error = describeError(e);
    }
  }

  exportText(format: 'csv' | 'json'): { name: string; text: string; type: string } {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return format === 'csv'
      ? { name: `edgeprobe-devices-${stamp}.csv`, text: devicesCsv(this.results), type: 'text/csv' }
      : { name: `edgeprobe-devices-${stamp}.json`, text: `${JSON.stringify({ results: this.results }, null, 1)}\n`, type: 'application/json' };
  }
}

export type { DeviceGroup };
export const devices = new DevicesState();
