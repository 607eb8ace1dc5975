// Runs a batch of samples against a remote baseline (OIP v2 or TF Serving) one request at a time,
// so each sample's round trip is measured alone; progress and cancel like the device side.
import type { TensorMap } from '../tensors/types.ts';
import { BaselineError } from './errors.ts';
import type { HttpOptions } from './http.ts';
import { OipClient, type OipModelMetadata, type OipServerMetadata } from './oip.ts';
import { TfServingClient } from './tfserving.ts';
import type { BaselineResult } from './types.ts';

/** A remote baseline: protocol, base URL (e.g. http://127.0.0.1:8000) and served model name. */
export interface RemoteBaselineSpec {
  protocol: 'oip' | 'tfserving';
  url: string;
  model: string;
  version?: string;
  /** Per-request limit, ms (default 10 000). */
  timeoutMs?: number;
}

export interface RemoteRun {
  results: BaselineResult[];
  /** OIP only: what the server says about itself and the model. */
  server?: OipServerMetadata;
  model?: OipModelMetadata;
}

export interface RemoteRunOptions extends Pick<HttpOptions, 'signal' | 'fetch'> {
  /** Outputs every answer must carry (the device's output names). */
  outputs?: string[];
  /** Called after each sample with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Check the baseline (health, model metadata), then send each sample. A failure stops the run
 * with a BaselineError of the same kind whose message starts with the sample number.
 */
export async function runRemoteBaseline(spec: RemoteBaselineSpec, samples: readonly TensorMap[], opts: RemoteRunOptions = {}): Promise<RemoteRun> {
  const http: HttpOptions = { timeoutMs: spec.timeoutMs, signal: opts.signal, fetch: opts.fetch };
  const results: BaselineResult[] = [];
  const at = async <T>(i: number, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof BaselineError && e.kind !== 'cancelled') throw new BaselineError(e.kind, `sample ${i + 1} of ${samples.length}: ${e.message}`, e.details);
      throw e;
    }
  };
  if (spec.protocol === 'oip') {
    const client = new OipClient(spec.url, { ...http, model: spec.model, version: spec.version });
    const model = await client.check();
    const server = await client.serverMetadata().catch(() => undefined);
    for (let i = 0; i < samples.length; i++) {
      results.push(await at(i, () => client.infer(samples[i]!, { outputs: opts.outputs, metadata: model })));
      opts.onProgress?.(i + 1, samples.length);
    }
    return server ? { results, server, model } : { results, model };
  }
  const client = new TfServingClient(spec.url, { ...http, model: spec.model, version: spec.version });
  await client.check();
  for (let i = 0; i < samples.length; i++) {
    results.push(await at(i, () => client.predict(samples[i]!, { outputs: opts.outputs })));
    opts.onProgress?.(i + 1, samples.length);
  }
  return { results };
}
