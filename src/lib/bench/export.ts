// Result exports: CSV (one row per config), github-action-benchmark's customSmallerIsBetter JSON,
// and checked import of a saved result JSON (history import, --json files).
import { BENCH_SCHEMA, type BenchResult, type ConfigResult, type PeakMemory } from './types.ts';
import { intervalOf } from './compare.ts';
import { formatShapes } from '../tensors/model-shapes.ts';

/** The shapes a config ran at (results saved before `shapes` existed carry `inputShapes`). */
export function configShapes(c: Pick<ConfigResult, 'shapes' | 'inputShapes'>): Record<string, number[]> {
  return c.shapes ?? c.inputShapes ?? {};
}

/** The memory figure to show for a config, bytes: native peak RSS, else wasm heap + JS heap; null when unknown. */
export function memoryBytes(m: PeakMemory | null | undefined): number | null {
  if (!m) return null;
  if (m.peakRssBytes !== null) return m.peakRssBytes;
  if (m.wasmHeapBytes === null && m.jsHeapBytes === null) return null;
  return (m.wasmHeapBytes ?? 0) + (m.jsHeapBytes ?? 0);
}

export class BenchResultFormatError extends Error {
  override name = 'BenchResultFormatError';
}

const CSV_COLUMNS = [
  'result_id', 'date', 'model', 'model_sha256', 'runtime', 'config', 'backend', 'threads', 'graph_optimization', 'batch',
  'read_ms', 'create_ms', 'first_run_ms', 'warmup_ms', 'n', 'mean_ms', 'std_ms', 'min_ms', 'p50_ms', 'p50_ci_low_ms', 'p50_ci_high_ms',
  'p90_ms', 'p90_ci_low_ms', 'p90_ci_high_ms', 'p95_ms', 'p99_ms', 'max_ms', 'throughput_per_s', 'items_per_s', 'stable',
  'outliers_low', 'outliers_high', 'outliers_extreme', 'e2e_n', 'e2e_p50_ms', 'e2e_mean_ms', 'long_tasks', 'error',
  'shapes', 'wasm_heap_bytes', 'js_heap_bytes', 'peak_rss_bytes',
  'rounds', 'round_p50s_ms', 'interval_method', 'interval_low_ms', 'interval_high_ms', 'round_spread', 'capped', 'seq_len',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(r: BenchResult, c: ConfigResult): unknown[] {
  const s = c.compute;
  const i = intervalOf(c);
  const e = c.endToEnd;
  return [
    r.id, r.fingerprint.date, r.model.name, r.model.sha256, r.fingerprint.runtime, c.id, c.config.backend, c.config.threads,
    c.config.graphOptimizationLevel, c.config.batch, c.phases.readMs, c.phases.createMs, c.phases.firstRunMs, c.phases.warmupMs,
    s?.n, s?.mean, s?.std, s?.min, s?.p50, s?.p50Ci.low, s?.p50Ci.high, s?.p90, s?.p90Ci.low, s?.p90Ci.high, s?.p95, s?.p99, s?.max,
    s?.throughputPerSec, s?.itemsPerSec, s ? s.stability.stable : null, s?.outliers.low, s?.outliers.high, s?.outliers.extreme,
    e?.n, e?.p50, e?.mean, c.longTasks, c.error ? `${c.error.name}: ${c.error.message}` : null,
    formatShapes(configShapes(c)), c.memory?.wasmHeapBytes, c.memory?.jsHeapBytes, c.memory?.peakRssBytes,
    c.rounds?.length ?? null, c.rounds?.map((k) => k.p50).join(' '), i?.method, i?.low, i?.high, i?.spread, c.capped ?? null,
    c.config.seqLen ?? null,
  ];
}

/** CSV (RFC 4180, header row, ms) of one or more results: one row per config. */
export function toCsv(results: BenchResult | readonly BenchResult[]): string {
  const list = Array.isArray(results) ? results : [results as BenchResult];
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of list) for (const c of r.configs) lines.push(csvRow(r, c).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One entry of github-action-benchmark's `customSmallerIsBetter` format. */
export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** p50 and p90 per config (ms, smaller is better), range = half the 95% CI width, for github-action-benchmark. */
export function toGithubActionBenchmark(r: BenchResult): GabEntry[] {
  const out: GabEntry[] = [];
  for (const c of r.configs) {
    if (!c.compute) continue;
    const s = c.compute;
    const extra = `n=${s.n} stable=${s.stability.stable} runtime=${r.fingerprint.runtime} ort=${r.fingerprint.ortVersion}`;
    // The shapes are part of the name: the same config at another input size is another series.
    const name = `${r.model.name} ${c.id} ${formatShapes(configShapes(c))}`;
    const i = intervalOf(c)!;
    out.push({ name: `${name} p50`, unit: 'ms', value: s.p50, range: `±${((i.high - i.low) / 2).toPrecision(3)}`, extra: `${extra} rounds=${c.rounds?.length ?? 1}` });
    out.push({ name: `${name} p90`, unit: 'ms', value: s.p90, range: `±${((s.p90Ci.high - s.p90Ci.low) / 2).toPrecision(3)}`, extra });
    const mem = memoryBytes(c.memory);
    if (mem !== null) out.push({ name: `${name} peak memory`, unit: 'MiB', value: Number((mem / 2 ** 20).toFixed(1)), extra });
  }
  return out;
}

/** Check that parsed JSON is a bench result this version understands; returns it typed. */
export function parseBenchResult(json: unknown): BenchResult {
  const o = json as Partial<BenchResult> | null;
  if (typeof o !== 'object' || o === null) throw new BenchResultFormatError('a benchmark result must be a JSON object');
  if (o.schema !== BENCH_SCHEMA) {
    throw new BenchResultFormatError(`unknown result schema ${JSON.stringify(o.schema)}; expected "${BENCH_SCHEMA}" (an edgeprobe benchmark export)`);
  }
  if (typeof o.id !== 'string' || !o.model || typeof o.model.sha256 !== 'string' || !o.fingerprint || !Array.isArray(o.configs)) {
    throw new BenchResultFormatError('the result lacks id, model, fingerprint or configs');
  }
  for (const [i, c] of o.configs.entries()) {
    if (typeof c?.id !== 'string' || !c.config || !Array.isArray(c.samples)) {
      throw new BenchResultFormatError(`config ${i} lacks id, config or samples`);
    }
    // Results saved before rounds: one implicit round, shapes under their old name, no decisions stored.
    const old = c as ConfigResult & { inputShapes?: Record<string, number[]> };
    c.shapes ??= old.inputShapes ?? {};
    c.rounds ??= [];
    c.capped ??= false;
    c.endToEndCompute ??= null;
    c.p50Interval ??= c.compute ? intervalOf(c) : null;
  }
  o.fastestClear ??= false;
  o.tiedWithFastest ??= [];
  o.bestThroughput ??= null;
  o.longTaskDetail ??= null;
  return o as BenchResult;
}

/** Parse an import file: one result, or an array of results (a history export). */
export function parseBenchImport(text: string): BenchResult[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BenchResultFormatError(`the file is not JSON: ${(e as Error).message}`);
  }
  return Array.isArray(json) ? json.map(parseBenchResult) : [parseBenchResult(json)];
}
