// `edgeprobe compare MODEL --samples FILE --baseline URL|FILE`: run the samples on this device
// (headless Chromium through the app's worker, or onnxruntime-node) and compare with a baseline.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { inspectModel } from '../lib/model/onnx.ts';
import type { ModelInfo } from '../lib/model/types.ts';
import { decodeTensors, encodeTensors, type WireMap } from '../lib/tensors/wire.ts';
import { samplesFromFile, type CardHints } from '../lib/compare/load.ts';
import { buildReport, reportToJson, type CompareReport, type DeviceResult } from '../lib/compare/report.ts';
import type { CompareSample } from '../lib/compare/samples.ts';
import { splitTexts } from '../lib/compare/latency.ts';
import { runRemoteBaseline } from '../lib/baseline/run.ts';
import { baselineFileKind, parseOutputsCsv, parseResponsesJsonl } from '../lib/baseline/files.ts';
import type { BaselineResult } from '../lib/baseline/types.ts';
import { fmt, relErrorText } from '../lib/parity/verdict.ts';
import { choiceOption, numberOption, parseArgs, UsageError } from './args.ts';
import { readUserFile, readUserText, writeOut } from './io.ts';
import { parseToleranceFlags } from './tolerance-flags.ts';
import { chooseShapes, shapeOption } from './shapes.ts';
import { BrowserRuntime, isHarnessError } from './browser.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { formatMsFixed } from '../lib/format.ts';
import { shapesOfSamples } from '../lib/compare/shapes.ts';
import { readFolder } from './run-text.ts';
import { sequenceFromShapes, textCompareSamples } from './compare-text.ts';
import { statSync } from 'node:fs';
import { baselineSequence, comparePlan, runAsSequence } from './compare-sequence.ts';
import { checkServerStreamSamples } from '../lib/compare/stream.ts';

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

const USAGE = 'usage: edgeprobe compare MODEL.onnx|DIR --samples FILE [--text-column NAME] --baseline URL|FILE [--baseline-model NAME] [--baseline-protocol oip|tfserving] [--atol X|NAME=X]… [--rtol Y|NAME=Y]… [--json FILE] [--runtime browser|native] [--ep wasm|webgpu] [--threads N] [--timeout MS] [--worst N] [--shape NAME=D1,D2,…] [--sequence]';

/** What a compare run reports besides the metrics. */
export interface CompareMeta {
  model: string;
  sha256: string;
  samplesFile: string;
  samplesRead: string;
  baseline: string;
  baselineKind: 'oip' | 'tfserving' | 'file' | 'model';
  runtime: 'browser' | 'native';
  backend: string;
  threads: number;
  /** The input shapes the samples ran at: one per input, or each distinct one when samples differ. */
  shapes: Record<string, number[] | number[][]>;
  /** With --sequence: the state pairs carried from sample to sample on this device ("hn→h, cn→c"). */
  sequence?: string;
}

/** The bundled card beside a model file (`weather.onnx` -> `weather.card.json`), when there is one. */
function cardHints(modelPath: string): CardHints {
  const path = modelPath.replace(/\.onnx$/i, '.card.json');
  if (path === modelPath || !existsSync(path)) return {};
  try {
    const card = JSON.parse(readFileSync(path, 'utf8')) as { labels?: string[]; inputs?: { featureNames?: string[] }[] };
    const hints: CardHints = {};
    if (card.labels) hints.labels = card.labels;
    if (card.inputs?.[0]?.featureNames) hints.featureNames = card.inputs[0].featureNames;
    return hints;
  } catch {
    return {};
  }
}

/** runManyWire's answer: outputs in the binary wire form (base64 of raw bytes), not JSON numbers. */
type HarnessRun = { outputs: WireMap; computeMs: number; backend: string; threads: number }[];

async function runDevice(modelPath: string, bytes: Uint8Array, samples: CompareSample[], opts: { runtime: 'browser' | 'native'; ep: 'wasm' | 'webgpu'; threads: number }): Promise<{ results: DeviceResult[]; backend: string; threads: number }> {
  if (opts.runtime === 'native') {
    if (opts.ep !== 'wasm') throw new UsageError('--runtime native runs on the CPU; --ep webgpu needs --runtime browser');
    const runner = await createNativeRunner(bytes, { threads: opts.threads });
    try {
      const results: DeviceResult[] = [];
      for (const s of samples) results.push(await runner.run(s.inputs));
      return { results, backend: 'cpu (onnxruntime-node)', threads: opts.threads };
    } finally {
      await runner.close();
    }
  }
  const rt = await BrowserRuntime.open();
  try {
    if (!(await rt.page.evaluate(() => typeof (globalThis as { edgeprobe?: { runManyWire?: unknown } }).edgeprobe?.runManyWire === 'function'))) {
      throw new UsageError('the built app in dist/ is older than `edgeprobe compare`: rebuild it with `npx vite build` (or use --runtime native)');
    }
    await rt.init(opts.threads || 1);
    const sessionId = await rt.load(modelPath, opts.ep);
    // Tensors cross as base64 of their bytes: one string per tensor, which Playwright moves far
    // faster than JSON number arrays (a [1,40,6625] output is 265 000 numbers).
    const r = await rt.call<HarnessRun | { error: { name: string; message: string } }>('runManyWire', sessionId, samples.map((s) => encodeTensors(s.inputs)));
    if (isHarnessError(r)) throw Object.assign(new Error(r.error.message), { name: r.error.name });
    return {
      results: r.map((x) => ({ outputs: decodeTensors(x.outputs), computeMs: x.computeMs })),
      backend: r[0]?.backend ?? opts.ep,
      threads: r[0]?.threads ?? opts.threads,
    };
  } finally {
    await rt.close();
  }
}

async function runBaseline(spec: string, samples: CompareSample[], device: DeviceResult[], opts: { model: string; protocol: 'oip' | 'tfserving'; timeoutMs: number; sequence: boolean }): Promise<{ results: BaselineResult[]; kind: CompareMeta['baselineKind']; sent?: 'bytes' | 'tensors' }> {
  const outputs = Object.keys(device[0]!.outputs);
  if (/^https?:\/\//i.test(spec)) {
    let last = 0;
    const texts = samples.every((s) => typeof s.text === 'string') ? { texts: samples.map((s) => s.text!) } : {};
    const r = await runRemoteBaseline({ protocol: opts.protocol, url: spec, model: opts.model, timeoutMs: opts.timeoutMs }, samples.map((s) => s.inputs), {
      outputs, ...texts,
      onProgress: (done, total) => {
        if (process.stderr.isTTY && (done === total || performance.now() - last > 250)) {
          last = performance.now();
          process.stderr.write(`\rbaseline: ${done}/${total}${done === total ? '\n' : ''}`);
        }
      },
    });
    return { results: r.results, kind: opts.protocol, ...(r.sent ? { sent: r.sent } : {}) };
  }
  if (/\.onnx$/i.test(spec)) {
    // The edge model against the server model: the second file runs in onnxruntime-node.
    const bbytes = readUserFile(spec, 'baseline model');
    if (opts.sequence) return { results: await baselineSequence(spec, bbytes, samples), kind: 'model' };
    const runner = await createNativeRunner(bbytes);
    try {
      const results: BaselineResult[] = [];
      for (const s of samples) {
        const r = await runner.run(s.inputs);
        results.push({ outputs: r.outputs, computeMs: r.computeMs });
      }
      return { results, kind: 'model' };
    } finally {
      await runner.close();
    }
  }
  const text = readUserText(spec, 'baseline file');
  if (baselineFileKind(spec) === 'jsonl') return { results: parseResponsesJsonl(text, spec), kind: 'file' };
  const first = device[0]!.outputs;
  return { results: parseOutputsCsv(text, Object.entries(first).map(([name, t]) => ({ name, dims: t.dims })), spec), kind: 'file' };
}

const ms = formatMsFixed;
const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length));

/** The human summary printed on stdout. */
export function summaryText(report: CompareReport, meta: CompareMeta): string {
  const lines: string[] = [];
  const at = Object.entries(meta.shapes).map(([n, d]) => `${n}=${(Array.isArray(d[0]) ? (d as number[][]) : [d as number[]]).map((x) => x.join('×')).join('|')}`).join(' ');
  lines.push(`edgeprobe compare ${meta.model}: ${report.samples} samples (${meta.samplesRead}) at ${at || '—'} on ${meta.runtime}/${meta.backend} against ${meta.baseline}`);
  if (meta.sequence) {
    const how = meta.baselineKind === 'model' ? 'the baseline model carries its own' : meta.baselineKind === 'file' ? 'the baseline file is taken as given' : 'the server gets each sample as it is, with the state inputs the sample holds';
    lines.push(`as one stream: state ${meta.sequence} carried from sample to sample on this device; ${how}`);
  }
  const head = ['output', 'max abs', 'mean abs', 'p99 abs', 'max rel', 'cosine', 'within tol', 'top-1 agree', 'tolerance'];
  const widths = [16, 10, 10, 10, 17, 10, 12, 13, 20];
  lines.push(head.map((h, i) => pad(h, widths[i]!)).join(''));
  for (const o of report.outputs) {
    const c = o.overall;
    const a = o.aggregate.agreement;
    const row = [o.name, fmt(c.maxAbs), fmt(c.meanAbs), fmt(c.p99Abs), relErrorText(c), c.cosine.toFixed(6), `${(c.withinTol * 100).toFixed(2)}%`, a ? `${(a.top1Agreement * 100).toFixed(2)}%` : '—', `atol ${fmt(o.tolerance.atol)} rtol ${fmt(o.tolerance.rtol)}`];
    lines.push(row.map((v, i) => pad(v, widths[i]!)).join(''));
  }
  const acc = report.outputs.find((o) => o.accuracy)?.accuracy;
  if (acc) lines.push(`accuracy on ${acc.device.labelled} labelled samples: device ${acc.device.accuracy.toFixed(4)}, baseline ${acc.baseline.accuracy.toFixed(4)}`);
  const l = report.latency;
  let lat = `latency (median): device compute ${ms(l.deviceCompute.p50)}`;
  if (l.roundTrip) lat += `; baseline round trip ${ms(l.roundTrip.p50)}${l.serverTimingReported ? '' : ' (no Server-Timing: all of it counts as network)'}`;
  if (l.baselineCompute) lat += `; baseline compute ${ms(l.baselineCompute.p50)}`;
  lines.push(lat);
  const m = l.medianSplit;
  if (m && l.serverTimingReported) {
    // One real sample's parts add up to its round trip; the medians of the parts need not.
    const t = splitTexts(m);
    lines.push(`round trip of sample ${m.sample} (the median): ${t.total} = server compute ${t.serverCompute} + other server ${t.serverOther} + network & serialisation ${t.network}`);
    lines.push(`medians of each part over all samples: server compute ${ms(l.serverCompute?.p50)}, other server ${ms(l.serverOther?.p50)}, network & serialisation ${ms(l.network?.p50)}`);
  }
  if (report.pairing === 'id') lines.push('baseline results paired with samples by id');
  lines.push(report.verdict.message);
  return lines.join('\n');
}

/** With --shape, every sample must be at that shape: a mismatch names the sample and the input. */
function checkSampleShapes(shapes: Record<string, number[]>, samples: readonly CompareSample[]): void {
  samples.forEach((s, i) => {
    for (const [name, t] of Object.entries(s.inputs)) {
      const want = shapes[name];
      if (want && want.join(',') !== t.dims.join(',')) {
        throw new UsageError(`sample ${i + 1}: input "${name}" has shape ${t.dims.join(',')}, but --shape asks for ${want.join(',')}`);
      }
    }
  });
}

export async function compareCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, {
    samples: 'string', baseline: 'string', 'baseline-model': 'string', 'baseline-protocol': 'string', atol: 'list', rtol: 'list',
    json: 'string', 'text-column': 'string', runtime: 'string', ep: 'string', threads: 'string', timeout: 'string', worst: 'string', help: 'boolean',
    shape: 'repeat', sequence: 'boolean',
  });
  if (p.flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1 || !p.values.samples || !p.values.baseline) throw new UsageError(USAGE);
  const runtime = choiceOption(p, 'runtime', ['browser', 'native'] as const, 'browser');
  const ep = choiceOption(p, 'ep', ['wasm', 'webgpu'] as const, 'wasm');
  const protocol = choiceOption(p, 'baseline-protocol', ['oip', 'tfserving'] as const, 'oip');
  const threads = numberOption(p, 'threads', runtime === 'native' ? 0 : 1, { integer: true });
  const timeoutMs = numberOption(p, 'timeout', 10_000, { min: 1 });
  const worstN = numberOption(p, 'worst', 10, { integer: true });
  const folder = isFolder(file) ? readFolder(file) : null;
  const bytes = folder ? folder.model : readUserFile(file, 'model');
  const info: ModelInfo = await inspectModel(bytes);
  // Per-output tolerances are checked against the model's outputs before anything runs.
  const tols = parseToleranceFlags({ atol: p.lists.atol ?? [], rtol: p.lists.rtol ?? [] }, info.outputs.map((o) => o.name));
  const tolerance = { atol: 1e-5, rtol: 1e-3, ...tols.all };
  const given = shapeOption(p);
  let loaded: { samples: CompareSample[]; description: string };
  let hints: CardHints;
  let modelPath = file;
  if (folder) {
    // A model folder: text samples, tokenized here with its tokenizer.json.
    const t = textCompareSamples(file, folder, info, p.values.samples, { ...(p.values['text-column'] ? { column: p.values['text-column'] } : {}), sequence: sequenceFromShapes(info, given) });
    loaded = t;
    hints = t.labels ? { labels: t.labels } : {};
    modelPath = t.modelPath;
  } else {
    if (p.values['text-column'] !== undefined) throw new UsageError('--text-column needs a model folder (DIR with model.onnx and tokenizer.json)');
    hints = cardHints(file);
    loaded = await samplesFromFile(p.values.samples, readUserFile(p.values.samples, 'samples'), info, hints);
  }
  // A folder's token inputs share one sequence length (set on any of them); other models: every input checked.
  if (given) checkSampleShapes(folder ? given : chooseShapes(info, given), loaded.samples);
  const ran = shapesOfSamples(loaded.samples);
  const shapes = Object.fromEntries(Object.entries(ran).map(([n, list]) => [n, list.length === 1 ? list[0]! : list]));
  const sequence = p.flags.sequence === true;
  if (sequence && folder) throw new UsageError('--sequence needs a streaming model file (state outputs fed back into state inputs), not a text model folder');
  if (sequence && /^https?:\/\//i.test(p.values.baseline)) {
    checkServerStreamSamples(comparePlan(info, loaded.samples, 'model').pairs.map((x) => x.input), loaded.samples.map((s) => s.inputs), 'leave out --sequence');
  }
  const device = sequence
    ? await runAsSequence(modelPath, bytes, info, loaded.samples, { runtime, ep, threads }, 'model')
    : await runDevice(modelPath, bytes, loaded.samples, { runtime, ep, threads });
  const modelName = p.values['baseline-model'] ?? basename(file).replace(/\.onnx$/i, '');
  const baseline = await runBaseline(p.values.baseline, loaded.samples, device.results, { model: modelName, protocol, timeoutMs, sequence });
  const report = buildReport(loaded.samples, device.results, baseline.results, { tolerance, tolerances: tols.perOutput, worstN, labels: hints.labels });
  const meta: CompareMeta = {
    model: basename(file), sha256: info.sha256, samplesFile: p.values.samples, samplesRead: loaded.description,
    baseline: baseline.kind === 'oip' || baseline.kind === 'tfserving' ? `${p.values.baseline} (${baseline.kind === 'oip' ? 'OIP v2' : 'TF Serving'}, model ${modelName}${baseline.sent === 'bytes' ? ', sent text as BYTES' : baseline.sent === 'tensors' ? ', sent token tensors' : ''})` : p.values.baseline,
    baselineKind: baseline.kind, runtime, backend: device.backend, threads: device.threads, shapes,
    ...('pairs' in device && typeof device.pairs === 'string' ? { sequence: device.pairs } : {}),
  };
  if (p.values.json !== undefined) writeOut(p.values.json, reportToJson(report, { meta }));
  if (p.values.json !== '-') process.stdout.write(`${summaryText(report, meta)}\n`);
  if (!report.verdict.pass) {
    process.stderr.write(`edgeprobe compare: ${report.verdict.message}\n`);
    return 1;
  }
  return 0;
}

