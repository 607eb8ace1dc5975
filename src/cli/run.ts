// `edgeprobe run MODEL --input REQ.json [--runtime browser|native] [--ep wasm|webgpu]`: one
// inference, OIP request in, OIP response out (with runtime, backend, threads and time as parameters).
import { inspectModel } from '../lib/model/onnx.ts';
import { parseOipRequest, toOipResponse } from '../lib/tensors/oip.ts';
import { decodeTensors, encodeTensors, type WireMap } from '../lib/tensors/wire.ts';
import { generateInput } from '../lib/tensors/generate.ts';
import { modelShapes } from '../lib/tensors/model-shapes.ts';
import { scalarHint, scalarTensor } from '../lib/sequence/scalars.ts';
import { chooseShapes, memoryBudget, shapeOption } from './shapes.ts';
import type { ElementType, TensorMap } from '../lib/tensors/types.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import { choiceOption, numberOption, parseArgs, UsageError } from './args.ts';
import { readUserFile, readUserText, writeOut } from './io.ts';
import { BrowserRuntime, isHarnessError } from './browser.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { basename, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';

export interface RunOutcome {
  outputs: TensorMap;
  runtime: 'browser' | 'native';
  backend: string;
  threads: number;
  computeMs: number;
}

/** Random inputs for every model input at the given shapes (default: free dims at their defaults);
 * a scalar with a hint (a sample rate `sr` → 16000) holds that value, said on `log`. */
export function defaultInputs(info: ModelInfo, seed = 0, shapes: Record<string, number[]> = modelShapes(info.inputs).shapes, log: (line: string) => void = () => undefined): TensorMap {
  const out: TensorMap = {};
  info.inputs.forEach((v, i) => {
    const hint = scalarHint(v, info);
    if (hint) log(`edgeprobe: ${v.name} = ${hint.value} (${hint.note})`);
    out[v.name] = hint
      ? scalarTensor(v.type, shapes[v.name]!, hint.value)
      : generateInput({ type: v.type as ElementType, dims: shapes[v.name]! }, 'random', seed + i);
  });
  return out;
}

export { mountExternal } from './browser.ts';

/** Run once in the browser worker (through the harness page) or natively. */
export async function runOnce(
  modelPath: string, bytes: Uint8Array, inputs: TensorMap, opts: { runtime: 'browser' | 'native'; ep: 'wasm' | 'webgpu'; threads: number; externalData?: string[] },
): Promise<RunOutcome> {
  if (opts.runtime === 'native') {
    if (opts.ep !== 'wasm') throw new UsageError('--runtime native runs on the CPU; --ep webgpu needs --runtime browser');
    const runner = await createNativeRunner(opts.externalData?.length ? modelPath : bytes, { threads: opts.threads });
    try {
      const r = await runner.run(inputs);
      return { outputs: r.outputs, runtime: 'native', backend: 'cpu', threads: opts.threads, computeMs: r.computeMs };
    } finally {
      await runner.close();
    }
  }
  const rt = await BrowserRuntime.open();
  try {
    await rt.init(opts.threads || 1);
    const sessionId = await rt.load(modelPath, opts.ep, opts.externalData);
    // Binary both ways (base64 of raw bytes), not JSON numbers: see lib/tensors/wire.ts.
    const r = await rt.call<{ outputs: WireMap; backend: string; threads: number; computeMs: number } | { error: { name: string; message: string } }>('runWire', sessionId, encodeTensors(inputs));
    if (isHarnessError(r)) throw Object.assign(new Error(r.error.message), { name: r.error.name });
    const outputs = decodeTensors(r.outputs);
    return { outputs, runtime: 'browser', backend: r.backend, threads: r.threads, computeMs: r.computeMs };
  } finally {
    await rt.close();
  }
}

export async function runCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { shape: 'repeat', input: 'string', runtime: 'string', ep: 'string', out: 'string', threads: 'string', seed: 'string', text: 'string', texts: 'string', sequence: 'string' });
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1) {
    throw new UsageError('usage: edgeprobe run MODEL.onnx|DIR [--input REQ.json | --text "…" | --texts FILE] [--runtime browser|native] [--ep wasm|webgpu] [--threads N] [--shape NAME=D1,D2,…] [--seed N] [--sequence AUDIO.wav|STEPS.jsonl] [--out FILE]');
  }
  const given = shapeOption(p);
  const runtime = choiceOption(p, 'runtime', ['browser', 'native'] as const, 'browser');
  const ep = choiceOption(p, 'ep', ['wasm', 'webgpu'] as const, 'wasm');
  const threads = numberOption(p, 'threads', runtime === 'native' ? 0 : 1, { integer: true });
  if (existsSync(file) && statSync(file).isDirectory()) {
    const { readFolder, readTexts, runTexts, textResponse, warnTruncated } = await import('./run-text.ts');
    const folder = readFolder(file);
    const texts = readTexts(p.values.text, p.values.texts);
    const r = await runTexts(folder, join(file, folder.modelName), texts, { runtime, threads });
    warnTruncated(r.answers, folder.config.maxLength);
    writeOut(p.values.out, JSON.stringify(textResponse(basename(resolve(file)), r, folder.config.maxLength)));
    return 0;
  }
  if (p.values.text !== undefined || p.values.texts !== undefined) throw new UsageError('--text and --texts need a model folder (model.onnx + tokenizer.json + config.json), not a single .onnx file');
  const bytes = readUserFile(file, 'model');
  const info = await inspectModel(bytes);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const sequence = p.values.sequence;
  if (p.values.input !== undefined && given && sequence === undefined) throw new UsageError('--shape sets the shape of generated inputs; with --input the request gives the shapes');
  const shapes = p.values.input === undefined || sequence !== undefined ? chooseShapes(info, given, log, memoryBudget(runtime)) : {};
  const inputs = p.values.input !== undefined
    ? parseOipRequest(readUserText(p.values.input, 'input')).inputs
    : defaultInputs(info, numberOption(p, 'seed', 0, { integer: true }), shapes, log);
  if (p.values.input === undefined) log(`edgeprobe: no --input given; using seeded random inputs${sequence !== undefined ? ' for the fixed inputs' : ''}`);
  const externalData = [...new Set(info.externalData.map((e) => e.location))];
  if (sequence !== undefined) {
    const { runSequenceCommand } = await import('./run-sequence.ts');
    writeOut(p.values.out, JSON.stringify(await runSequenceCommand(file, bytes, info, sequence, shapes, inputs, { runtime, ep, threads, externalData })));
    return 0;
  }
  const r = await runOnce(file, bytes, inputs, { runtime, ep, threads, externalData });
  const body = {
    ...toOipResponse(basename(file).replace(/\.onnx$/i, ''), r.outputs),
    parameters: { runtime: r.runtime, backend: r.backend, threads: r.threads, compute_ms: r.computeMs },
  };
  writeOut(p.values.out, JSON.stringify(body));
  return 0;
}
