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
  /** OIP with text samples: 'bytes' when the server's model takes a BYTES input (the text), else 'tensors' (token ids). */
  sent?: 'bytes' | 'tensors';
}

export interface RemoteRunOptions extends Pick<HttpOptions, 'signal' | 'fetch'> {
  /** Outputs every answer must carry (the device's output names). */
  outputs?: string[];
  /** Called after each sample with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** The text of each sample (text models): sent as BYTES when the server's model declares a BYTES input. */
  texts?: readonly string[];
}

/** The BYTES input a served model declares (it tokenizes text itself), if any. */
export function bytesInput(model: OipModelMetadata): string | null {
  return model.inputs.find((i) => i.datatype === 'BYTES')?.name ?? null;
}

/** What is sent for sample i: the text as a [1] BYTES tensor when the server takes text, else the sample's tensors. */
function requestInputs(samples: readonly TensorMap[], texts: readonly string[] | undefined, textInput: string | null, i: number): TensorMap {
  if (textInput === null) return samples[i]!;
  const text = texts?.[i];
  if (text === undefined) {
    throw new BaselineError('shape', `the served model takes text (BYTES input "${textInput}"), but sample ${i + 1} has no text: compare text samples, or serve the model's .onnx file to send token tensors`);
  }
  return { [textInput]: { type: 'string', dims: [1], data: [text] } };
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
    const textInput = bytesInput(model);
    for (let i = 0; i < samples.length; i++) {
      results.push(await at(i, async () => client.infer(requestInputs(samples, opts.texts, textInput, i), { outputs: opts.outputs, metadata: model })));
      opts.onProgress?.(i + 1, samples.length);
    }
    const sent = opts.texts ? { sent: textInput ? ('bytes' as const) : ('tensors' as const) } : {};
    return server ? { results, server, model, ...sent } : { results, model, ...sent };
  }
  const client = new TfServingClient(spec.url, { ...http, model: spec.model, version: spec.version });
  await client.check();
  for (let i = 0; i < samples.length; i++) {
    results.push(await at(i, () => client.predict(samples[i]!, { outputs: opts.outputs })));
    opts.onProgress?.(i + 1, samples.length);
  }
  return { results };
}
