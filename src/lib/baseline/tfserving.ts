// TensorFlow Serving REST client: model status and `:predict` in the columnar ("inputs") form.
// TF Serving carries no datatypes in JSON, so its outputs come back as float64 tensors.
import type { TensorMap } from '../tensors/types.ts';
import { BaselineError } from './errors.ts';
import { joinUrl, requestJson, type HttpOptions } from './http.ts';
import { fromNested, toNested } from './nested.ts';
import { checkOutputs } from './oip.ts';
import type { BaselineResult } from './types.ts';

export interface TfServingOptions extends HttpOptions {
  model: string;
  version?: string;
}

export class TfServingClient {
  private readonly modelPath: string;

  constructor(readonly baseUrl: string, private readonly opts: TfServingOptions) {
    if (!opts.model) throw new BaselineError('not-ready', 'a TensorFlow Serving baseline needs a model name (--baseline-model NAME)');
    this.modelPath = `v1/models/${encodeURIComponent(opts.model)}${opts.version ? `/versions/${encodeURIComponent(opts.version)}` : ''}`;
  }

  /** GET v1/models/{model}: throws 'not-ready' unless some version is AVAILABLE. */
  async check(): Promise<void> {
    const url = joinUrl(this.baseUrl, this.modelPath);
    let body: unknown;
    try {
      ({ body } = await requestJson('GET', url, undefined, `status of model "${this.opts.model}"`, this.opts));
    } catch (e) {
      if ((e as BaselineError).details?.status === 404) throw new BaselineError('not-ready', `TensorFlow Serving at ${this.baseUrl} has no model "${this.opts.model}": ${(e as BaselineError).details.serverMessage}`, (e as BaselineError).details);
      throw e;
    }
    const list = (body as { model_version_status?: { state?: string; version?: string }[] } | null)?.model_version_status;
    if (!Array.isArray(list)) throw new BaselineError('protocol', `status from ${url} has no "model_version_status"; is this TensorFlow Serving?`, { url });
    if (!list.some((v) => v?.state === 'AVAILABLE')) {
      throw new BaselineError('not-ready', `model "${this.opts.model}" is not available on ${this.baseUrl}: states ${list.map((v) => `${v?.version}:${v?.state}`).join(', ') || 'none'}`, { url });
    }
  }

  /**
   * POST v1/models/{model}:predict with `{"inputs": {name: nested}}`. A single unnamed output in
   * the answer is given the first name of `expect.outputs`.
   */
  async predict(inputs: TensorMap, expect: { outputs?: string[] } = {}): Promise<BaselineResult> {
    const url = `${joinUrl(this.baseUrl, this.modelPath)}:predict`;
    const named: Record<string, unknown> = {};
    for (const [name, t] of Object.entries(inputs)) named[name] = toNested(t);
    const answer = await requestJson('POST', url, { inputs: named }, `predict on model "${this.opts.model}"`, this.opts);
    const o = answer.body as { outputs?: unknown; predictions?: unknown } | null;
    const raw = o?.outputs ?? o?.predictions;
    if (raw === undefined) throw new BaselineError('protocol', `predict answer from ${url} has no "outputs"; got keys ${Object.keys(o ?? {}).join(', ') || 'none'}`, { url });
    const isNamed = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
    const entries: [string, unknown][] = isNamed ? Object.entries(raw as Record<string, unknown>) : [[expect.outputs?.[0] ?? 'output', raw]];
    const outputs: TensorMap = {};
    for (const [name, value] of entries) {
      const r = fromNested(value);
      if ('error' in r) throw new BaselineError('shape', `output "${name}" from ${url}: ${r.error}`, { url });
      outputs[name] = { type: 'float64', dims: r.dims, data: Float64Array.from(r.values) };
    }
    checkOutputs(outputs, url, expect.outputs);
    return { outputs, roundTripMs: answer.roundTripMs };
  }
}
