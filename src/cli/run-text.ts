// `edgeprobe run DIR --text "…" | --texts FILE`: a Hugging Face-style model folder; the text is
// tokenized where the model runs (the browser worker, or here for --runtime native) and the
// response carries the label from config.json id2label for every text.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readModelFolder, type TextModelFolder } from '../lib/text/folder.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { classifyTexts, type TextAnswer } from '../lib/text/pipeline.ts';
import { decodeUtf8Strict } from '../lib/text/utf8.ts';
import { parseOipRequest, plainToOip, type OipTensor } from '../lib/tensors/oip.ts';
import type { TensorMap } from '../lib/tensors/types.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { BrowserRuntime, isHarnessError } from './browser.ts';
import { readUserFile, readUserText } from './io.ts';
import { UsageError } from './args.ts';

/** Reads every file directly inside DIR (and DIR/onnx/, where Optimum puts model.onnx). */
export function readFolder(dir: string): TextModelFolder {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()).map((n) => join(dir, n));
  const onnxDir = join(dir, 'onnx');
  if (names.every((n) => !n.endsWith('.onnx')) && statSync(onnxDir, { throwIfNoEntry: false })?.isDirectory()) {
    names.push(...readdirSync(onnxDir).map((n) => join(onnxDir, n)));
  }
  return readModelFolder(names.map((n) => ({ name: basename(n), data: readUserFile(n, 'file') })));
}

/** Texts from --text or --texts FILE: one per line, or JSONL objects with a "text" field. */
export function readTexts(text: string | undefined, file: string | undefined): string[] {
  if (text !== undefined && file !== undefined) throw new UsageError('give --text or --texts, not both');
  if (text !== undefined) return [text];
  if (file === undefined) throw new UsageError('a model folder needs --text "…" or --texts FILE');
  const body = decodeUtf8Strict(readUserFile(file, 'texts file'), `texts file "${file}"`);
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new UsageError(`texts file "${file}" has no lines`);
  return lines.map((l, i) => {
    if (!l.trimStart().startsWith('{')) return l;
    const v = JSON.parse(l) as { text?: unknown };
    if (typeof v.text !== 'string') throw new UsageError(`texts file "${file}" line ${i + 1}: a JSON line needs a "text" string`);
    return v.text;
  });
}

export interface TextOutcome {
  answers: TextAnswer[];
  outputs: TensorMap;
  runtime: 'browser' | 'native';
  backend: string;
  threads: number;
  computeMs: number;
}

/** Classifies texts natively (onnxruntime-node) or in the browser worker. */
export async function runTexts(folder: TextModelFolder, modelPath: string, texts: string[], opts: { runtime: 'browser' | 'native'; threads: number }): Promise<TextOutcome> {
  if (opts.runtime === 'native') {
    const runner = await createNativeRunner(folder.externalData.length ? modelPath : folder.model, { threads: opts.threads });
    try {
      const tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
      const r = await classifyTexts((f) => runner.run(f), tok, { inputs: runner.inputs, outputs: runner.outputs, labels: folder.config.labels }, texts);
      return { answers: r.answers, outputs: r.outputs, runtime: 'native', backend: 'cpu', threads: opts.threads, computeMs: r.computeMs };
    } finally {
      await runner.close();
    }
  }
  if (folder.externalData.length) throw new UsageError('a folder model with external data runs with --runtime native for now');
  const rt = await BrowserRuntime.open();
  try {
    await rt.init(opts.threads || 1);
    type Err = { error: { name: string; message: string } };
    const loaded = await rt.call<{ sessionId: string; tokenizerId: string } | Err>('loadText', rt.mount(modelPath), 'wasm', folder.tokenizer, folder.config.maxLength);
    if (isHarnessError(loaded)) throw Object.assign(new Error(loaded.error.message), { name: loaded.error.name });
    const r = await rt.call<{ answers: TextAnswer[]; outputs: OipTensor[]; computeMs: number; backend: string; threads: number } | Err>(
      'classifyTexts', loaded.sessionId, loaded.tokenizerId, texts, folder.config.labels);
    if (isHarnessError(r)) throw Object.assign(new Error(r.error.message), { name: r.error.name });
    return { answers: r.answers, outputs: parseOipRequest({ inputs: r.outputs }).inputs, runtime: 'browser', backend: r.backend, threads: r.threads, computeMs: r.computeMs };
  } finally {
    await rt.close();
  }
}

/** The response: OIP outputs plus, per text, the label, confidence, token count and truncation. */
export function textResponse(modelName: string, r: TextOutcome, maxLength: number): Record<string, unknown> {
  return {
    model_name: modelName,
    outputs: Object.entries(r.outputs).map(([name, t]) => plainToOip(name, t)),
    parameters: {
      runtime: r.runtime, backend: r.backend, threads: r.threads, compute_ms: r.computeMs, max_length: maxLength,
      predictions: r.answers.map((a) => ({
        label: a.label, index: a.index, confidence: a.confidence, tokens: a.tokens.length,
        ...(a.truncated ? { truncated: true, full_length: a.fullLength } : {}),
      })),
    },
  };
}

/** Warns on stderr for each text cut to the maximum length (the response says so too). */
export function warnTruncated(answers: TextAnswer[], maxLength: number): void {
  answers.forEach((a, i) => {
    if (a.truncated) process.stderr.write(`edgeprobe: text ${i + 1} needs ${a.fullLength} tokens; truncated to the model's maximum of ${maxLength}\n`);
  });
}

export { readUserText };
