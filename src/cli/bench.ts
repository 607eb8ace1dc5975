// `edgeprobe bench MODEL|DIR`: the latency protocol over a config matrix (a text folder: by sequence
// length), in headless Chromium through the app's worker (default) or natively on onnxruntime-node;
// a table, JSON or github-action-benchmark.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { inspectModel } from '../lib/model/onnx.ts';
import { runBenchmark } from '../lib/bench/run-matrix.ts';
import { checkBudgets, describeMisses, parseBudget, type Budget } from '../lib/bench/budget.ts';
import { progressLog } from '../lib/bench/progress-log.ts';
import { defaultThreadCounts, expandMatrix, type ExpandedMatrix } from '../lib/bench/matrix.ts';
import { makeProtocol, BenchOptionsError } from '../lib/bench/protocol.ts';
import { hasDynamicBatch } from '../lib/bench/inputs.ts';
import { chooseShapes, shapeOption } from './shapes.ts';
import { formatTable } from '../lib/bench/table.ts';
import { toGithubActionBenchmark } from '../lib/bench/export.ts';
import type { BenchBackend, BenchProtocol, BenchResult, OptLevel } from '../lib/bench/types.ts';
import { choiceOption, numberOption, parseArgs, UsageError, type Parsed } from './args.ts';
import { readUserFile, writeOut } from './io.ts';
import { BrowserRuntime, isHarnessError, type HarnessError } from './browser.ts';
import { nativeBenchTarget, nativeEnvironment } from './bench-native.ts';
import { prepareTextBench } from './bench-text.ts';
import type { TokenFeed } from '../lib/text/tokenizer.ts';

export const BENCH_USAGE = `usage: edgeprobe bench MODEL.onnx|DIR [--ep LIST] [--threads LIST] [--opt LIST] [--batch LIST]
       [--seq-len LIST (a text model folder; default 16,64,128 capped at its maximum length)] [--rounds N] [--runs N] [--warmup N] [--warmup-time S] [--min-time S] [--max-time S] [--e2e N]
       [--budget p90=MS]… [--profile N] [--shape NAME=D1,D2,…] [--runtime browser|native]
       [--json FILE] [--format table|json|github-action-benchmark] [--quick]`;

export interface BenchCliOptions {
  runtime: 'browser' | 'native';
  backends?: BenchBackend[];
  threads?: number[];
  optLevels?: OptLevel[];
  batches?: number[];
  shapes?: Record<string, number[]>;
  protocol: Partial<BenchProtocol>;
  quick: boolean;
  profileRuns: number;
  /** Latency budgets (--budget); none when absent. */
  budgets?: Budget[];
  /** The result's model name (a folder's name); default: the file's name without .onnx. */
  name?: string;
  /** --seq-len as given (a text folder's sweep; planned against its maximum by prepareTextBench). */
  seqLen?: number[];
  /** Set for a text folder: the planned sweep and the tokenized sample text. */
  text?: { seqLengths: number[]; feed: TokenFeed };
}

const intList = (p: Parsed, name: string): number[] | undefined => {
  const l = p.lists[name];
  if (!l) return undefined;
  return l.map((s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} takes integers ≥ 1, got "${s}"`);
    return v;
  });
};

/** Parse argv into the model path, options and output choices; UsageError on anything wrong. */
export function parseBenchArgs(argv: readonly string[]) {
  const p = parseArgs(argv, {
    shape: 'repeat', ep: 'list', 'seq-len': 'list', threads: 'list', opt: 'list', batch: 'list', runs: 'string', warmup: 'string', 'min-time': 'string', e2e: 'string',
    rounds: 'string', 'warmup-time': 'string', 'max-time': 'string', budget: 'repeat',
    profile: 'string', runtime: 'string', json: 'string', format: 'string', quick: 'boolean',
  });
  const shapes = shapeOption(p);
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1) throw new UsageError(BENCH_USAGE);
  const runtime = choiceOption(p, 'runtime', ['browser', 'native'] as const, 'browser');
  const validEps = runtime === 'native' ? ['cpu'] : ['wasm', 'webgpu'];
  const backends = p.lists.ep?.map((e) => {
    const b = runtime === 'native' && e === 'wasm' ? 'cpu' : e;
    if (!validEps.includes(b)) throw new UsageError(`--ep ${e} is not available with --runtime ${runtime}; valid: ${validEps.join(', ')}`);
    return b as BenchBackend;
  });
  const optLevels = p.lists.opt?.map((o) => {
    if (!['disabled', 'basic', 'extended', 'all'].includes(o)) throw new UsageError(`--opt ${o} is not a level; valid: disabled, basic, extended, all`);
    return o as OptLevel;
  });
  const quick = p.flags.quick === true;
  const seconds = (name: string) => (p.values[name] === undefined ? undefined : numberOption(p, name, 0) * 1000);
  const minTime = seconds('min-time');
  const protocol: Partial<BenchProtocol> = {
    rounds: p.values.rounds === undefined ? undefined : numberOption(p, 'rounds', 1, { integer: true, min: 1 }),
    warmupMs: seconds('warmup-time'),
    maxTimeMs: seconds('max-time'),
    minRuns: p.values.runs === undefined ? undefined : numberOption(p, 'runs', 1, { integer: true, min: 1 }),
    warmupRuns: p.values.warmup === undefined ? undefined : numberOption(p, 'warmup', 0, { integer: true }),
    minTimeMs: minTime,
    endToEndRuns: p.values.e2e === undefined ? undefined : numberOption(p, 'e2e', 0, { integer: true }),
  };
  try {
    makeProtocol(protocol, quick);
  } catch (e) {
    if (e instanceof BenchOptionsError) throw new UsageError(e.message);
    throw e;
  }
  const budgets = wrapOptions(() => (p.lists.budget ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim()).map(parseBudget));
  const options: BenchCliOptions = {
    runtime, backends, threads: intList(p, 'threads'), optLevels, batches: intList(p, 'batch'), shapes, protocol, quick,
    profileRuns: numberOption(p, 'profile', quick ? 10 : 50, { integer: true }), budgets, seqLen: intList(p, 'seq-len'),
  };
  return {
    file,
    options,
    json: p.values.json,
    format: choiceOption(p, 'format', ['table', 'json', 'github-action-benchmark'] as const, 'table'),
  };
}

/** Run the benchmark of `file` with these options; progress lines go to `log`. */
export async function benchModel(file: string, bytes: Uint8Array, o: BenchCliOptions, log: (line: string) => void = () => undefined): Promise<{ result: BenchResult; skipped: ExpandedMatrix['skipped'] }> {
  const name = o.name ?? basename(file).replace(/\.(onnx|ort)$/i, '');
  if (o.runtime === 'native') {
    const t0 = performance.now();
    const info = await inspectModel(bytes);
    const readMs = performance.now() - t0;
    const env = nativeEnvironment();
    const { configs, skipped } = wrapOptions(() => expandMatrix({
      backends: o.backends ?? ['cpu'], threads: o.threads ?? defaultThreadCounts(env.hardwareConcurrency), optLevels: o.optLevels, batches: o.batches,
      seqLengths: o.text?.seqLengths,
    }, { cores: env.hardwareConcurrency, available: ['cpu'], multiThread: true, dynamicBatch: hasDynamicBatch(info.inputs) && !o.shapes }));
    const result = await runBenchmark(nativeBenchTarget(bytes), {
      model: { name, sha256: info.sha256, bytes: info.bytes }, inputs: info.inputs, configs, shapes: o.shapes,
      protocol: makeProtocol(o.protocol, o.quick), readMs, profileRuns: o.profileRuns, text: o.text?.feed,
      scalarSource: { metadata: info.metadata, docString: info.docString },
    }, progressLog(makeProtocol(o.protocol, o.quick), log));
    return { result, skipped };
  }
  const rt = await BrowserRuntime.open();
  try {
    await rt.page.exposeFunction('__benchProgress', (line: string) => log(line));
    const r = await rt.call<{ result: BenchResult; skipped: ExpandedMatrix['skipped'] } | HarnessError>('bench', rt.mount(file), {
      name, backends: o.backends, threads: o.threads, optLevels: o.optLevels, batches: o.batches, shapes: o.shapes,
      protocol: o.protocol, quick: o.quick, profileRuns: o.profileRuns, seqLengths: o.text?.seqLengths, text: o.text?.feed,
    });
    if (isHarnessError(r)) throw Object.assign(new Error(r.error.message), { name: r.error.name === 'BenchOptionsError' ? 'UsageError' : r.error.name });
    return r;
  } finally {
    await rt.close();
  }
}

function wrapOptions<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BenchOptionsError) throw new UsageError(e.message);
    throw e;
  }
}

export async function benchCommand(argv: string[]): Promise<number> {
  const a = parseBenchArgs(argv);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  let bytes: Uint8Array;
  let modelPath = a.file;
  const notes: { what: string; reason: string }[] = [];
  if (existsSync(a.file) && statSync(a.file).isDirectory()) {
    const t = prepareTextBench(a.file, a.options.seqLen, a.options.shapes);
    bytes = t.bytes;
    modelPath = t.modelPath;
    a.options.text = { seqLengths: t.seqLengths, feed: t.feed };
    a.options.name = basename(resolve(a.file));
    notes.push(...t.notes);
    err(`edgeprobe bench: sequence lengths ${t.seqLengths.join(', ')} tokens (a sample text tokenized by the folder's tokenizer; maximum ${t.maxLength})`);
  } else {
    if (a.options.seqLen) throw new UsageError('--seq-len needs a text model folder (model.onnx + tokenizer.json + config.json); for a single .onnx give the shape with --shape NAME=1,LENGTH');
    bytes = readUserFile(a.file, 'model');
  }
  // Check --shape against the model before starting a browser: a wrong name or rank, or a dim
  // nothing tells the size of, is a usage error; the shapes chosen for the rest are printed.
  const info = await inspectModel(bytes);
  chooseShapes(info, a.options.shapes, a.options.text ? () => undefined : err);
  const { result, skipped } = await benchModel(modelPath, bytes, a.options, err);
  for (const s of [...notes, ...skipped]) err(`edgeprobe bench: skipped ${s.what}: ${s.reason}`);
  const budgetList = a.options.budgets ?? [];
  const budgets = checkBudgets(result.configs, budgetList);
  const out = budgetList.length ? { ...result, budgets } : result;
  if (a.json !== undefined) writeOut(a.json, JSON.stringify(out, null, 1));
  if (a.format === 'json') writeOut(undefined, JSON.stringify(out, null, 1));
  else if (a.format === 'github-action-benchmark') writeOut(undefined, JSON.stringify(toGithubActionBenchmark(result), null, 1));
  else writeOut(undefined, formatTable(result));
  const misses = describeMisses(budgets);
  for (const m of misses) process.stderr.write(`edgeprobe bench: budget missed: ${m}\n`);
  if (budgetList.length && !misses.length) process.stderr.write(`edgeprobe bench: every config within budget (${budgetList.map((b) => `${b.metric} ≤ ${b.ms} ms`).join(', ')})\n`);
  return result.configs.some((c) => c.compute && !c.error) && misses.length === 0 ? 0 : 1;
}
