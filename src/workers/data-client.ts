// Main-thread side of the data worker: typed calls, progress through comlink proxies, output
// buffers transferred in, and a fresh worker after a crash (its tables are lost; callers are told).
import { proxy, transfer, type Remote } from 'comlink';
import { WorkerHost } from '../platform/worker-host.ts';
import type { SplitSpec } from '../lib/data/split.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import { buffersOf } from '../lib/tensors/buffers.ts';
import type { ColumnTexts, DataApi, DataProgressFn, DataSource, DriftPlanInfo, DriftRequest, DriftResult, ModelInputs, PredictionSummary, Slot, TableInfo } from './data-protocol.ts';
import type { DriftSettings } from '../lib/drift/settings.ts';
import { CancelledError } from '../lib/cancel.ts';

/** The data worker died (out of memory, most likely); a new one is running without the loaded sets. */
export class DataWorkerCrashedError extends Error {
  override name = 'DataWorkerCrashedError';
}

const defaultFactory = () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'edgeprobe-data' });

/** Cancel found the worker stuck (a read that never ends) and replaced it. */
export class DataWorkerStuckError extends CancelledError {
}

export class DataClient {
  private readonly host: WorkerHost<DataApi>;

  constructor(factory: () => Worker = defaultFactory, private readonly onCrash?: (e: Error) => void) {
    this.host = new WorkerHost<DataApi>({
      factory,
      crashError: (detail) => new DataWorkerCrashedError(`The data worker stopped (${detail}); a new one was started — load the sets again.`),
      onCrash,
    });
  }

  private call<T>(fn: (api: Remote<DataApi>) => Promise<T>): Promise<T> {
    return this.host.call(fn);
  }

  load(slot: Slot, source: DataSource, onProgress?: DataProgressFn, missing?: string[]): Promise<TableInfo> {
    return this.call((a) => a.load(slot, source, onProgress && proxy(onProgress), missing));
  }

  plan(settings: DriftSettings): Promise<DriftPlanInfo> {
    return this.call((a) => a.plan(settings));
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

  columnTexts(slot: Slot, column?: string): Promise<ColumnTexts> {
    return this.call((a) => a.columnTexts(slot, column) as Promise<ColumnTexts>);
  }

  /** Hands a set's pooled embeddings over (the buffer is transferred). */
  setEmbeddings(slot: Slot, output: string, data: Float32Array, dim: number): Promise<void> {
    return this.call((a) => a.setEmbeddings(slot, output, transfer(data, [data.buffer]), dim));
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

  /**
   * Cancel the work in flight. A worker that does not stop within 1.5 s is stuck (a corrupt file
   * can send a decoder into an endless loop that never reads the cancel message): it is replaced,
   * and `onCrash` is told that the loaded sets are gone.
   */
  async cancel(): Promise<void> {
    void this.host.api.cancel().catch(() => undefined);
    const stuck = new DataWorkerStuckError('Cancelled: the data worker did not stop (a file it could not finish reading), so it was restarted — load the sets again.');
    if (await this.host.settleOrReplace(1500, stuck)) this.onCrash?.(stuck);
  }

  dispose(): void {
    this.host.dispose();
  }
}
