// Benchmark results kept on this device: the list, two picked for a comparison (the older is the
// baseline, unlike runs refused with what differs), export and import. The store is injectable.
import type { BenchResult } from '../../lib/bench/types.ts';
import { compareRuns, UnlikeRunsError, type RunComparison } from '../../lib/bench/run-compare.ts';
import * as stored from './history.ts';

/** The history store (IndexedDB in the app; a Map in tests). */
export interface HistoryStore {
  listResults(): Promise<stored.HistoryEntry[]>;
  getResult(id: string): Promise<BenchResult | undefined>;
  saveResult(r: BenchResult): Promise<void>;
  deleteResult(id: string): Promise<void>;
  exportHistory(format: 'json' | 'csv', ids?: string[]): Promise<string>;
  importHistory(text: string): Promise<number>;
}

const describe = (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`;

export class BenchHistory {
  entries = $state.raw<stored.HistoryEntry[]>([]);
  error = $state<string | null>(null);
  /** Ids ticked for a comparison (the last two). */
  selected = $state<string[]>([]);
  comparison = $state.raw<{ a: BenchResult; b: BenchResult; cmp: RunComparison } | null>(null);
  /** Why the selected runs were not compared (they differ), with what differs. */
  refused = $state.raw<string[] | null>(null);
  readonly canCompare = $derived(this.selected.length === 2);

  private readonly store: HistoryStore;

  constructor(store: HistoryStore = stored) {
    this.store = store;
  }

  async load(): Promise<void> {
    try {
      this.entries = await this.store.listResults();
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** Keep a finished run and refresh the list. */
  async save(r: BenchResult): Promise<void> {
    await this.store.saveResult(r);
    await this.load();
  }

  get(id: string): Promise<BenchResult | undefined> {
    return this.store.getResult(id);
  }

  async remove(id: string): Promise<void> {
    await this.store.deleteResult(id);
    this.selected = this.selected.filter((s) => s !== id);
    await this.load();
  }

  toggleSelected(id: string): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((x) => x !== id) : [...this.selected, id].slice(-2);
    this.comparison = null;
    this.refused = null;
  }

  /**
   * Compare the two selected results as bench-compare does: the older one (by date) is the baseline,
   * whatever order they were ticked in; unlike runs are refused with what differs unless `force`.
   */
  async compareSelected(force = false): Promise<void> {
    if (this.selected.length !== 2) return;
    const [x, y] = await Promise.all(this.selected.map((id) => this.store.getResult(id)));
    if (!x || !y) return;
    this.comparison = null;
    this.refused = null;
    try {
      const cmp = compareRuns(x, y, { force });
      const [a, b] = cmp.baseline.id === x.id ? [x, y] : [y, x];
      this.comparison = { a, b, cmp };
    } catch (e) {
      if (e instanceof UnlikeRunsError) this.refused = e.differences;
      else this.error = describe(e);
    }
  }

  /** The history (or the `only` ids) as a file to download. */
  async exportFile(format: 'json' | 'csv', only?: string[]): Promise<{ name: string; text: string }> {
    const text = await this.store.exportHistory(format, only);
    return { name: `edgeprobe-bench-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`, text };
  }

  /** Adds the results of an exported file; returns how many (0 with the error shown). */
  async importFile(file: Pick<File, 'text'>): Promise<number> {
    try {
      const n = await this.store.importHistory(await file.text());
      this.error = null;
      await this.load();
      return n;
    } catch (e) {
      this.error = describe(e);
      return 0;
    }
  }
}
