// Runs a decoded request on the model's onnxruntime-node session (in the worker pool) and encodes
// the OIP response (JSON, or JSON header + binary tensor data when the client asked for binary).
import type { PlainTensor } from '../lib/tensors/types.ts';
import { PoolClosedError, type SessionPool } from '../engine-node/pool.ts';
import { ELEMENT_TO_OIP, plainToOip, type OipTensor } from '../lib/tensors/oip.ts';
import { encodeBinaryTensor } from './binary.ts';
import { HttpError } from './errors.ts';
import type { LoadedModel } from './models.ts';
import type { InferRequest } from './request.ts';
import { TEXT_INPUT, tokenFeeds } from './text-model.ts';

/**
 * onnxruntime's run error without its internals (source paths, C++ signatures), and whether it
 * came from a node: the inputs passed the model's declared checks, so a node that fails on them
 * (a broadcast or reshape that does not fit) is the request's fault: 400, not 500.
 */
export function describeRunError(message: string): { node?: string; text: string } {
  const m = /while running (\S+) node\.(?: Name:'[^']*')?(?: Status Message:)?\s*([\s\S]*)$/.exec(message);
  const detail = (m ? m[2]! : message)
    .replace(/\S*onnxruntime_src\/\S+:\d+\s*/g, '')
    .replace(/(?:[\w:<>*&]+ )?(?:onnxruntime|std)::[\w:~<>]+\((?:[^()]|\([^()]*\))*\)\s*/g, '')
    .trim();
  return m ? { node: m[1]!, text: detail } : { text: detail };
}

/**
 * Run `req` on `model` in the worker pool. Returns the outputs and onnxruntime's run time (ms).
 * @throws HttpError 400 when a node fails on these inputs, 500 for other runtime failures.
 */
export async function runModel(pool: SessionPool, model: LoadedModel, req: InferRequest): Promise<{ outputs: Record<string, PlainTensor>; ms: number }> {
  let feeds = req.feeds;
  if (model.text) {
    try {
      feeds = tokenFeeds(model.text, req.feeds[TEXT_INPUT]!);
    } catch (e) {
      throw new HttpError(400, `model "${model.name}" (text): ${(e as Error).message}`);
    }
  }
  try {
    return await pool.run(model.name, feeds, req.outputs);
  } catch (e) {
    if (e instanceof PoolClosedError) throw new HttpError(503, e.message, { 'Retry-After': '1' });
    const { node, text } = describeRunError((e as Error).message);
    if (node !== undefined) throw new HttpError(400, `model "${model.name}" cannot run on these inputs: its ${node} node failed: ${text}`);
    throw new HttpError(500, `onnxruntime failed to run model "${model.name}": ${text}`);
  }
}

/** An encoded response body and its content type; `headerLength` is set for binary responses. */
export interface EncodedResponse {
  body: Buffer;
  contentType: string;
  headerLength?: number;
}

/** Encode the response for `outputs` in the order the request asked for. */
export function encodeInferResponse(model: LoadedModel, req: InferRequest, outputs: Record<string, PlainTensor>): EncodedResponse {
  const tensors: Array<Omit<OipTensor, 'data'> & { data?: unknown[] }> = [];
  const binary: Buffer[] = [];
  for (const name of req.outputs) {
    const t = outputs[name]!;
    if (req.binaryOutputs.has(name)) {
      const bytes = encodeBinaryTensor(t);
      binary.push(bytes);
      // The extension leaves `data` out and says how many bytes follow the JSON header instead.
      tensors.push({ name, shape: t.dims.slice(), datatype: ELEMENT_TO_OIP[t.type], parameters: { binary_data_size: bytes.length } });
    } else {
      tensors.push(plainToOip(name, t));
    }
  }
  const json: Record<string, unknown> = { model_name: model.name, model_version: model.version };
  if (req.id !== undefined) json.id = req.id;
  json.outputs = tensors;
  const header = Buffer.from(JSON.stringify(json), 'utf8');
  if (binary.length === 0) return { body: header, contentType: 'application/json' };
  return { body: Buffer.concat([header, ...binary]), contentType: 'application/octet-stream', headerLength: header.length };
}
