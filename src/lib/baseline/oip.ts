// Open Inference Protocol v2 (KServe v2 REST) client, as Triton, KServe, MLServer and
// `edgeprobe serve` speak it: health by status code, server/model metadata, infer over JSON.
import { parseOipResponse, toOipRequest } from '../tensors/oip.ts';
import type { TensorMap } from '../tensors/types.ts';
import { BaselineError } from './errors.ts';
import { joinUrl, requestJson, requestText, type HttpOptions } from './http.ts';
import { serverTimes } from './server-timing.ts';
import { shapeFits, type BaselineResult, type TensorSpec } from './types.ts';

export interface OipServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export interface OipModelMetadata {
  name: string;
  versions?: string[];
  platform?: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export interface OipClientOptions extends HttpOptions {
  /** Model name as the server knows it. */
  model: string;
  /** A model version; default: the server's choice. */
  version?: string;
}

function tensorSpecs(v: unknown, key: string, url: string): TensorSpec[] {
  if (v === undefined) return [];
  const bad = () => new BaselineError('protocol', `model metadata from ${url}: "${key}" must be a list of {name, datatype, shape}; got ${JSON.stringify(v)?.slice(0, 120)}`, { url });
  if (!Array.isArray(v)) throw bad();
  return v.map((t: unknown) => {
    const o = t as { name?: unknown; datatype?: unknown; shape?: unknown } | null;
    if (typeof o?.name !== 'string' || typeof o.datatype !== 'string' || !Array.isArray(o.shape) || !o.shape.every((d) => Number.isInteger(d) && d >= -1)) throw bad();
    return { name: o.name, datatype: o.datatype, shape: o.shape as number[] };
  });
}

export class OipClient {
  readonly baseUrl: string;
  readonly model: string;
  private readonly modelPath: string;

  constructor(baseUrl: string, private readonly opts: OipClientOptions) {
    this.baseUrl = baseUrl;
    this.model = opts.model;
    if (!opts.model) throw new BaselineError('not-ready', 'an OIP baseline needs a model name (--baseline-model NAME)');
    this.modelPath = `v2/models/${encodeURIComponent(opts.model)}${opts.version ? `/versions/${encodeURIComponent(opts.version)}` : ''}`;
  }

  private url(path: string): string {
    return joinUrl(this.baseUrl, path);
  }

  /** Status-code health probe: 200 = true, any other status = false (the spec sends no body). */
  private async probe(path: string): Promise<{ ok: boolean; status: number; text: string }> {
    const r = await requestText('GET', this.url(path), undefined, this.opts);
    return { ok: r.status === 200, status: r.status, text: r.text };
  }

  /** GET v2/health/live. */
  async live(): Promise<boolean> {
    return (await this.probe('v2/health/live')).ok;
  }

  /** GET v2/health/ready. */
  async ready(): Promise<boolean> {
    return (await this.probe('v2/health/ready')).ok;
  }

  /** GET v2/models/{model}[/versions/{v}]/ready. */
  async modelReady(): Promise<boolean> {
    return (await this.probe(`${this.modelPath}/ready`)).ok;
  }

  /** GET v2: server name, version and extensions. */
  async serverMetadata(): Promise<OipServerMetadata> {
    const url = this.url('v2');
    const { body } = await requestJson('GET', url, undefined, 'server metadata', this.opts);
    const o = body as Partial<OipServerMetadata> | null;
    if (typeof o?.name !== 'string') throw new BaselineError('protocol', `server metadata from ${url} has no "name"; is this an Open Inference Protocol v2 server?`, { url });
    return { name: o.name, version: typeof o.version === 'string' ? o.version : '', extensions: Array.isArray(o.extensions) ? o.extensions.map(String) : [] };
  }

  /** GET v2/models/{model}: declared inputs and outputs (-1 for variable dims). */
  async modelMetadata(): Promise<OipModelMetadata> {
    const url = this.url(this.modelPath);
    let body: unknown;
    try {
      ({ body } = await requestJson('GET', url, undefined, `metadata of model "${this.model}"`, this.opts));
    } catch (e) {
      if ((e as BaselineError).details?.status === 404) {
        throw new BaselineError('not-ready', `the server at ${this.baseUrl} has no model "${this.model}" (HTTP 404: ${(e as BaselineError).details.serverMessage}); pass the served name with --baseline-model`, (e as BaselineError).details);
      }
      throw e;
    }
    const o = body as Record<string, unknown> | null;
    if (typeof o?.name !== 'string') throw new BaselineError('protocol', `model metadata from ${url} has no "name"`, { url });
    const meta: OipModelMetadata = { name: o.name, inputs: tensorSpecs(o.inputs, 'inputs', url), outputs: tensorSpecs(o.outputs, 'outputs', url) };
    if (Array.isArray(o.versions)) meta.versions = o.versions.map(String);
    if (typeof o.platform === 'string') meta.platform = o.platform;
    return meta;
  }

  /**
   * Check the server before a run: live, ready, the model ready, then its metadata. Each failure
   * says which step failed; network failures keep their own kind (unreachable, cors, timeout).
   */
  async check(): Promise<OipModelMetadata> {
    const live = await this.probe('v2/health/live');
    if (!live.ok) throw new BaselineError('not-ready', `${this.baseUrl} is not live: GET v2/health/live answered HTTP ${live.status}${live.status === 404 ? ' (is this an Open Inference Protocol v2 server? check the URL)' : ''}`, { url: this.url('v2/health/live'), status: live.status });
    const ready = await this.probe('v2/health/ready');
    if (!ready.ok) throw new BaselineError('not-ready', `${this.baseUrl} is live but not ready: GET v2/health/ready answered HTTP ${ready.status}`, { url: this.url('v2/health/ready'), status: ready.status });
    const meta = await this.modelMetadata();
    const mr = await this.probe(`${this.modelPath}/ready`);
    if (!mr.ok) throw new BaselineError('not-ready', `model "${this.model}" is not ready on ${this.baseUrl}: HTTP ${mr.status}`, { url: this.url(`${this.modelPath}/ready`), status: mr.status });
    return meta;
  }

  /**
   * POST v2/models/{model}/infer with JSON tensors. Checks the answer: valid OIP, each tensor's
   * shape against its data, `expect.outputs` present, shapes against `expect.metadata`.
   */
  async infer(inputs: TensorMap, expect: { outputs?: string[]; metadata?: OipModelMetadata; id?: string } = {}): Promise<BaselineResult> {
    const url = this.url(`${this.modelPath}/infer`);
    const body = toOipRequest(inputs, expect.id === undefined ? {} : { id: expect.id });
    const answer = await requestJson('POST', url, body, `inference on model "${this.model}"`, this.opts);
    let outputs: TensorMap;
    try {
      outputs = parseOipResponse(answer.body).outputs;
    } catch (e) {
      const err = e as Error;
      throw new BaselineError(err.name === 'InputShapeError' ? 'shape' : 'protocol', `inference answer from ${url} is not a valid OIP response: ${err.message}`, { url });
    }
    checkOutputs(outputs, url, expect.outputs, expect.metadata?.outputs);
    return { outputs, roundTripMs: answer.roundTripMs, server: serverTimes(answer.headers.get('server-timing')) };
  }
}

/** Check required outputs are present and shapes fit the declared ones (-1 = any). */
export function checkOutputs(outputs: TensorMap, source: string, required: readonly string[] = [], declared: readonly TensorSpec[] = []): void {
  const missing = required.filter((n) => !Object.hasOwn(outputs, n));
  if (missing.length > 0) {
    throw new BaselineError('missing-output', `the baseline answer from ${source} lacks output${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}; it has ${Object.keys(outputs).map((n) => `"${n}"`).join(', ') || 'none'}`, { url: source });
  }
  for (const spec of declared) {
    const t = outputs[spec.name];
    if (t && !shapeFits(spec.shape, t.dims)) {
      throw new BaselineError('shape', `output "${spec.name}" from ${source} has shape [${t.dims.join(', ')}] but the model metadata declares [${spec.shape.join(', ')}]`, { url: source });
    }
  }
}
