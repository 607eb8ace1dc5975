// "Why this answer?" for the Demo: attributions for a table row (KernelSHAP / permutation), an
// occlusion map for an image at whatever size the input has. A long occlusion shows its run count
// and a time estimate first and waits to be started; every explanation can be cancelled.
import { kernelShap, permutationAttributions, occlusionMap, occlusionRuns, type Attribution, type SaliencyMap } from '../../lib/explain/index.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';
import type { ModelInfo } from '../../lib/model/types.ts';
import type { PredictRows } from '../../lib/explain/types.ts';

export type Explanation =
  | { kind: 'attribution'; result: Attribution; features: string[]; x: Float32Array; target: number }
  | { kind: 'saliency'; result: SaliencyMap; image: Float32Array; channels: number; layout: 'NCHW' | 'NHWC'; target: number; width: number; height: number };

/** An occlusion waiting to be started: how many model runs, about how long (ms). */
export interface OcclusionPlan { runs: number; estimateMs: number }

/** What an explanation needs: the input, the target class, and the model as rows in → rows out. */
export interface ExplainRequest {
  info: ModelInfo;
  x: PlainTensor;
  target: number;
  /** Image inputs: the layout and channels of the preprocessing. */
  image?: { layout: 'NCHW' | 'NHWC'; channels: number };
  /** Scores to explain per row (class scores or log-probabilities). */
  scores: PredictRows;
  /** Table rows: the background set, the method and the feature names. */
  table?: { background: Float32Array[]; method: 'shap' | 'permutation'; features: string[] };
  /** ms one run took (the last prediction's compute time), for the estimate. */
  runMs: number;
}

/** An error as the page shows it (kept here so this class loads without the engine worker). */
const describeError = (e: unknown) => ({ name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });

/** Occlusions estimated to take longer than this wait for the user to start them (ms). */
export const AUTO_START_MS = 3000;

/** Height and width of an image tensor from its actual dims (never the declared, maybe free, ones). */
export function imageSize(dims: readonly number[], layout: 'NCHW' | 'NHWC'): { width: number; height: number; channels: number } {
  const [, a, b, c] = dims as [number, number, number, number];
  return layout === 'NCHW' ? { channels: a, height: b, width: c } : { height: a, width: b, channels: c };
}

export class DemoExplainer {
  explanation = $state.raw<Explanation | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  error = $state<{ name: string; message: string } | null>(null);
  /** An occlusion that waits for Start (shown with its run count and estimate). */
  plan = $state<OcclusionPlan | null>(null);
  running = $derived(this.progress !== null);
  private abort: AbortController | null = null;
  private pending: ExplainRequest | null = null;

  /** Explain `req`; a long occlusion is planned instead and waits for start(). */
  async explain(req: ExplainRequest, force = false): Promise<void> {
    this.cancel();
    this.error = null;
    this.explanation = null;
    if (req.image && req.x.dims.length === 4) {
      const { width, height } = imageSize(req.x.dims, req.image.layout);
      const runs = occlusionRuns({ width, height });
      const plan = { runs, estimateMs: runs * Math.max(req.runMs, 0.05) };
      if (!force && plan.estimateMs > AUTO_START_MS) {
        this.plan = plan;
        this.pending = req;
        return;
      }
    }
    await this.run(req);
  }

  /** Start the planned occlusion. */
  async start(): Promise<void> {
    const req = this.pending;
    if (req) await this.explain(req, true);
  }

  /** Stop what is running (or drop the plan). */
  cancel(): void {
    this.abort?.abort();
    this.abort = null;
    this.progress = null;
    this.plan = null;
    this.pending = null;
  }

  /** Forget everything (a new model). */
  clear(): void {
    this.cancel();
    this.explanation = null;
    this.error = null;
  }

  private async run(req: ExplainRequest): Promise<void> {
    const abort = (this.abort = new AbortController());
    this.plan = null;
    this.pending = null;
    this.progress = { done: 0, total: 1 };
    const { x } = req;
    try {
      if (Array.isArray(x.data)) throw new Error('the current input is not numeric, so it cannot be explained');
      const row = Float32Array.from(x.data as ArrayLike<number>, Number);
      const opts = { target: req.target, signal: abort.signal, batchSize: 256, onProgress: (done: number, total: number) => { if (!abort.signal.aborted) this.progress = { done, total }; } };
      if (req.image) {
        if (x.dims.length !== 4) throw new Error(`occlusion needs a rank-4 image input; this one is [${x.dims.join(', ')}]`);
        const { width, height, channels } = imageSize(x.dims, req.image.layout);
        const result = await occlusionMap(row, { width, height, channels, layout: req.image.layout }, req.scores, opts);
        if (!abort.signal.aborted) this.explanation = { kind: 'saliency', result, image: row, channels, layout: req.image.layout, target: req.target, width, height };
      } else if (req.table) {
        if (!req.table.background.length) throw new Error('explanations need reference samples (a background set); this model has none bundled');
        const result = req.table.method === 'permutation'
          ? await permutationAttributions(row, req.table.background, req.scores, { ...opts, permutations: 4 })
          : await kernelShap(row, req.table.background, req.scores, opts);
        if (!abort.signal.aborted) this.explanation = { kind: 'attribution', result, features: req.table.features, x: row, target: req.target };
      }
    } catch (e) {
      if ((e as Error).name !== 'CancelledError' && !abort.signal.aborted) this.error = describeError(e);
    } finally {
      if (this.abort === abort) {
        this.progress = null;
        this.abort = null;
      }
    }
  }
}
