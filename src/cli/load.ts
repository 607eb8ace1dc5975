// `edgeprobe load`: a perf_analyzer-style concurrency sweep against any Open Inference Protocol v2
// server or TF Serving REST endpoint: per level throughput, p50/p90/p99 and errors; stops past --max-latency.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, UsageError } from './args.ts';
import { runLevel } from './load-runner.ts';
import { findKnee, LOAD_SCHEMA, withinBudgetUpTo, type LoadLevel, type LoadResult } from '../lib/load/summary.ts';

/** The server cannot be load-tested: unreachable, unknown model, or an answer that is not a success. */
export class LoadError extends Error {
  override name = 'LoadError';
}

interface OipInput { name: string; shape: number[]; datatype: string; data: unknown[] }

function randomData(datatype: string, n: number): unknown[] {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    if (datatype === 'BOOL') out[i] = Math.random() < 0.5;
    else if (datatype.startsWith('FP')) out[i] = Math.round(Math.random() * 1000) / 1000;
    else if (datatype === 'BYTES') out[i] = 'x';
    else out[i] = Math.floor(Math.random() * 10);
  }
  return out;
}

/** Request inputs from the model's OIP metadata, dynamic dims from `shapes` (else 1). */
async function inputsFromMetadata(base: string, model: string, shapes: Record<string, number[]>): Promise<OipInput[]> {
  const url = `${base}/v2/models/${encodeURIComponent(model)}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new LoadError(`${base} cannot be reached: ${((e as Error).cause as Error)?.message ?? (e as Error).message}`);
  }
  if (!res.ok) throw new LoadError(`GET ${url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const meta = (await res.json()) as { inputs?: { name: string; datatype: string; shape: number[] }[] };
  if (!Array.isArray(meta.inputs)) throw new LoadError(`${url} has no "inputs"; is it an Open Inference Protocol v2 server?`);
  return meta.inputs.map((i) => {
    const given = shapes[i.name];
    const shape = given ?? i.shape.map((d) => (d < 0 ? 1 : d));
    if (given && given.length !== i.shape.length) throw new UsageError(`--shape ${i.name} has ${given.length} dims; the model declares ${i.shape.length} (${i.shape.join(',')})`);
    return { name: i.name, shape, datatype: i.datatype, data: randomData(i.datatype, shape.reduce((a, b) => a * b, 1)) };
  });
}

/** Nest flat row-major data into arrays of arrays, as TF Serving's JSON expects. */
function nest(data: unknown[], shape: number[]): unknown {
  if (shape.length <= 1) return data;
  const step = data.length / shape[0]!;
  return Array.from({ length: shape[0]! }, (_, i) => nest(data.slice(i * step, (i + 1) * step), shape.slice(1)));
}

function readSamples(file: string): OipInput[][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--samples ${file}: ${(e as Error).message}`);
  }
  // One JSON request, a JSON array of requests, or JSONL (one request per line).
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  const lines = whole === undefined ? text.split('\n').filter((l) => l.trim()) : (Array.isArray(whole) ? whole : [whole]).map((x) => JSON.stringify(x));
  return lines.map((l, i) => {
    let v: { inputs?: OipInput[] };
    try {
      v = JSON.parse(l);
    } catch (e) {
      throw Object.assign(new Error(`--samples ${file} line ${i + 1} is not JSON: ${(e as Error).message}`), { name: 'DataFormatError' });
    }
    if (!Array.isArray(v?.inputs)) throw Object.assign(new Error(`--samples ${file} line ${i + 1} is not an OIP request ({"inputs":[…]})`), { name: 'DataFormatError' });
    return v.inputs;
  });
}

const f = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));

export function levelLine(l: LoadLevel): string {
  const errs = l.errorCount ? `  errors ${l.errorCount} (${Object.entries(l.errors).map(([k, v]) => `${k}: ${v}`).join(', ')})` : '  errors 0';
  return `  concurrency ${String(l.concurrency).padStart(4)}  ${f(l.throughputPerSec).padStart(8)} req/s  p50 ${f(l.p50)} ms  p90 ${f(l.p90)} ms  p99 ${f(l.p99)} ms${errs}`;
}

export async function loadCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, {
    baseline: 'string', 'baseline-model': 'string', samples: 'string', concurrency: 'string', duration: 'string', warmup: 'string',
    'max-latency': 'string', protocol: 'string', shape: 'repeat', timeout: 'string', json: 'string', insecure: 'boolean',
  });
  if (p.positionals.length) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
  const v = (name: string, fallback?: string) => p.values[name] ?? fallback;
  const values = {
    baseline: v('baseline'), 'baseline-model': v('baseline-model'), samples: v('samples'), concurrency: v('concurrency', '1,2,4,8'),
    duration: v('duration', '5'), warmup: v('warmup', '1'), 'max-latency': v('max-latency'), protocol: v('protocol', 'oip'),
    timeout: v('timeout', '30'), json: v('json'), insecure: p.flags.insecure, shape: p.lists.shape,
  };
  if (!values.baseline) throw new UsageError('--baseline URL is required (an OIP v2 or TF Serving server)');
  if (!values['baseline-model']) throw new UsageError('--baseline-model NAME is required');
  let base: string;
  try {
    base = new URL(values.baseline).href.replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--baseline "${values.baseline}" is not a URL`);
  }
  const protocol = values.protocol;
  if (protocol !== 'oip' && protocol !== 'tfserving') throw new UsageError(`--protocol must be oip or tfserving, got "${protocol}"`);
  const levels = values.concurrency!.split(',').map((c) => {
    const n = Number(c);
    if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`--concurrency "${c}" must be whole numbers from 1 to 1024`);
    return n;
  });
  const num = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${v}"`);
    return n;
  };
  const durationMs = num('duration', values.duration!, 0.1, 3600) * 1000;
  const warmupMs = num('warmup', values.warmup!, 0, 600) * 1000;
  const timeoutMs = num('timeout', values.timeout!, 0.1, 600) * 1000;
  const maxLatency = values['max-latency'] === undefined ? null : num('max-latency', values['max-latency'], 0.001, 1e7);
  const shapes: Record<string, number[]> = {};
  for (const s of values.shape ?? []) {
    const eq = s.lastIndexOf('=');
    const dims = s.slice(eq + 1).split(',').map(Number);
    if (eq <= 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new UsageError(`--shape "${s}" is not NAME=D1,D2,…`);
    shapes[s.slice(0, eq)] = dims;
  }
  const model = values['baseline-model'];
  let requests: OipInput[][];
  if (values.samples) requests = readSamples(values.samples);
  else if (protocol === 'oip') requests = [await inputsFromMetadata(base, model, shapes)];
  else throw new UsageError('TF Serving has no input shapes in its REST metadata: give --samples FILE (JSONL of OIP requests)');
  const url = protocol === 'oip' ? `${base}/v2/models/${encodeURIComponent(model)}/infer` : `${base}/v1/models/${encodeURIComponent(model)}:predict`;
  const bodies = requests.map((inputs) => Buffer.from(JSON.stringify(protocol === 'oip'
    ? { inputs }
    : { inputs: Object.fromEntries(inputs.map((i) => [i.name, nest(i.data, i.shape)])) })));
  // One request first: a wrong model or body fails here with the server's message, not as N errors.
  const probe = await fetch(url, { method: 'POST', body: bodies[0], headers: { 'Content-Type': 'application/json' } }).catch((e: Error) => {
    throw new LoadError(`${url} cannot be reached: ${(e.cause as Error)?.message ?? e.message}`);
  });
  if (!probe.ok) throw new LoadError(`${url} answered HTTP ${probe.status} to the first request: ${(await probe.text()).slice(0, 300)}`);
  await probe.arrayBuffer();

  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`edgeprobe load: ${url}, ${bodies.length} request bod${bodies.length === 1 ? 'y' : 'ies'}, ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s per level`);
  const done: LoadLevel[] = [];
  let stoppedEarly: string | null = null;
  for (const c of levels) {
    const l = await runLevel({ url, bodies, contentType: 'application/json', concurrency: c, warmupMs, durationMs, timeoutMs, insecure: values.insecure });
    done.push(l);
    process.stdout.write(`${levelLine(l)}\n`);
    if (maxLatency !== null && !(l.p99 <= maxLatency)) {
      if (c !== levels[levels.length - 1]) stoppedEarly = `p99 ${f(l.p99)} ms passed --max-latency ${maxLatency} ms at concurrency ${c}`;
      break;
    }
  }
  const result: LoadResult = {
    schema: LOAD_SCHEMA, target: { url: base, model, protocol }, warmupMs, durationMs, maxLatencyMs: maxLatency, levels: done,
    knee: findKnee(done), withinBudgetUpTo: withinBudgetUpTo(done, maxLatency), stoppedEarly, date: new Date().toISOString(),
  };
  if (stoppedEarly) process.stdout.write(`stopped: ${stoppedEarly}\n`);
  if (result.knee !== null) process.stdout.write(`knee: concurrency ${result.knee} (more concurrency adds < 10 % throughput)\n`);
  if (maxLatency !== null) process.stdout.write(result.withinBudgetUpTo === null ? `no level met p99 ≤ ${maxLatency} ms without errors\n` : `p99 ≤ ${maxLatency} ms up to concurrency ${result.withinBudgetUpTo}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 1)}\n`);
  return 0;
}
