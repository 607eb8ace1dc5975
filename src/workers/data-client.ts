// Main-thread side of the data worker: typed calls, progress through comlink proxies, output
// buffers transferred in, and a fresh worker after a crash (its tables are lost; callers are told).
import { wrap, proxy, transfer, releaseProxy, type Remote } from 'comlink';
import type { SplitSpec } from '../lib/data/split.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import { buffersOf } from '../engine/ort-tensors.ts';
import type { DataApi, DataProgressFn, DataSource, DriftRequest, DriftResult, ModelInputs, PredictionSummary, Slot, TableInfo } from './data-protocol.ts';

/** The data worker died (out of memory, most likely); a new one is running without the loaded sets. */
export class DataWorkerCrashedError extends Error {
  override name = 'DataWorkerCrashedError';
}

const defaultFactory = () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'edgeprobe-data' });

function revive(e: unknown): Error {
  if (e instanceof Error) return e;
  const o = e as { name?: string; message?: string } | undefined;
  const err = new Error(o?.message ?? String(e));
  if (o?.name) err.name = o.name;
  return err;
}

export class DataClient {
  private worker!: Worker;
  private api!: Remote<DataApi>;
  private crashed!: Promise<never>;
  private rejectCrash!: (e: Error) => void;

  constructor(private readonly factory: () => Worker = defaultFactory, private readonly onCrash?: (e: Error) => void) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = this.factory();
    this.crashed = new Promise<never>((_, reject) => (this.rejectCrash = reject));
    this.crashed.catch(() => undefined);
    this.worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const err = new DataWorkerCrashedError(`The data worker stopped (${ev.message || 'out of memory?'}); a new one was started — load the sets again.`);
      this.rejectCrash(err);
      this.api[releaseProxy]?.();
      this.worker.terminate();
      this.spawn();
      this.onCrash?.(err);
    }, { once: true });
    this.api = wrap<DataApi>(this.worker);
  }

  private async call<T>(fn: (api: Remote<DataApi>) => Promise<T>): Promise<T> {
    try {
      return await Promise.race([fn(this.api), this.crashed]);
    } catch (e) {
      throw revive(e);
    }
  }

  load(slot: Slot, source: DataSource, onProgress?: DataProgressFn): Promise<TableInfo> {
    return this.call((a) => a.load(slot, source, onProgress && proxy(onProgress)));
  }

  loadSplit(source: DataSource, split: SplitSpec, onProgress?: DataProgressFn): Promise<{ reference: TableInfo; current: TableInfo; dropped: number }> {
    return this.call((a) => a.loadSplit(source, split, onProgress && proxy(onProgress)));
  }

  peekColumns(source: DataSource) {
    return this.call((a) => a.peekColumns(source));
  }

  clear(slot: Slot): Promise<void> {
    return this.call((a) => a.clear(slot));
  }

  modelInputs(slot: Slot, plan: ModelPlan): Promise<ModelInputs> {
    return this.call((a) => a.modelInputs(slot, plan) as Promise<ModelInputs>);
  }

  /** Hands the outputs over (their buffers are transferred: the caller gives them up). */
  setPredictions(slot: Slot, outputs: PlainTensor[], labels: string[] | null): Promise<PredictionSummary> {
    return this.call((a) => a.setPredictions(slot, transfer(outputs, buffersOf(outputs)), labels));
  }

  clearPredictions(): Promise<void> {
    return this.call((a) => a.clearPredictions());
  }

  compute(req: DriftRequest, onProgress?: DataProgressFn): Promise<DriftResult> {
    return this.call((a) => a.compute(req, onProgress && proxy(onProgress)));
  }

  exportHtml(title: string): Promise<string> {
    return this.call((a) => a.exportHtml(title));
  }

  exportJson(): Promise<string> {
    return this.call((a) => a.exportJson());
  }

  cancel(): Promise<void> {
    return this.api.cancel();
  }

  dispose(): void {
    this.api[releaseProxy]?.();
    this.worker.terminate();
  }
}
