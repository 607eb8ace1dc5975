// `edgeprobe bench-compare A.json B.json`: two saved benchmark runs, the older one (by date) as the
// baseline whatever the order given; unlike runs refused (exit 2) unless --force; exit 1 when the
// newer run is slower beyond the between-round spread and the threshold — a CI regression gate.
import { parseArgs } from 'node:util';
import { parseBenchImport } from '../lib/bench/export.ts';
import { compareRuns, UnlikeRunsError, type RunComparison } from '../lib/bench/run-compare.ts';
import type { BenchResult } from '../lib/bench/types.ts';
import { UsageError } from './args.ts';
import { readUserText, writeOut } from './io.ts';
import { formatChange } from '../lib/format.ts';

export const BENCH_COMPARE_USAGE = `usage: edgeprobe bench-compare A.json B.json [--threshold 5%] [--force] [--json FILE]

Compares two results of \`edgeprobe bench --json\` (or app exports). The older run is the baseline.
Refuses runs that differ in model sha256, device, backend, threads, batch, optimisation or input
shapes (exit 2, naming what differs) unless --force. Per config: the ratio new/old of the p50s,
its 95 % interval from the round medians (Welch's t on logs), and a verdict: faster, slower or
no clear difference. Exit 1 when a config is slower beyond the interval and the threshold.`;

/** "5%", "5" → 0.05; UsageError otherwise. */
export function parseThreshold(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m) throw new UsageError(`--threshold must be a percentage like 5%, got "${text}"`);
  return Number(m[1]) / 100;
}

function readRun(path: string): BenchResult {
  const text = readUserText(path, 'benchmark result');
  let runs: BenchResult[];
  try {
    runs = parseBenchImport(text);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
  if (runs.length !== 1) throw new UsageError(`${path} holds ${runs.length} results; give one result per file`);
  return runs[0]!;
}

const pct = formatChange;

/** The comparison as terminal lines. */
export function formatRunComparison(c: RunComparison): string {
  const out = [
    `baseline (older): ${c.baseline.id} ${c.baseline.date}`,
    `newer:            ${c.newer.id} ${c.newer.date}`,
  ];
  if (c.differences.length) out.push(`forced despite: ${c.differences.join('; ')}`);
  const rows = c.configs.map((k) => [k.id, k.baselineP50.toFixed(4), k.newP50.toFixed(4), `${k.ratio.toFixed(3)} (${pct(k.ratio)})`, `[${k.low.toFixed(3)}, ${k.high.toFixed(3)}]`, k.verdict + (k.beyondThreshold ? '' : k.verdict === 'no clear difference' ? '' : ' (within threshold)')]);
  const head = ['config', 'old p50 ms', 'new p50 ms', 'ratio new/old', '95% interval', 'verdict'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  out.push(head.map((h, i) => h.padEnd(w[i]!)).join('  '));
  for (const r of rows) out.push(r.map((v, i) => v.padEnd(w[i]!)).join('  ').trimEnd());
  const method = c.configs[0]?.method === 'welch-rounds' ? "Welch's t over the round medians" : 'one round per run: within-run intervals only (blind to drift between runs)';
  out.push(`verdict: ${c.verdict}${c.regression ? ' — REGRESSION' : ''} (threshold ${(c.threshold * 100).toFixed(1)}%; interval: ${method})`);
  return out.join('\n');
}

export async function benchCompareCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { threshold: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${BENCH_COMPARE_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${BENCH_COMPARE_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`give two result files\n${BENCH_COMPARE_USAGE}`);
  const threshold = values.threshold === undefined ? 0.05 : parseThreshold(values.threshold);
  const [a, b] = positionals.map(readRun) as [BenchResult, BenchResult];
  let cmp: RunComparison;
  try {
    cmp = compareRuns(a, b, { threshold, force: values.force === true });
  } catch (e) {
    if (e instanceof UnlikeRunsError) {
      process.stderr.write(`edgeprobe bench-compare: refused: ${e.differences.join('; ')}. Compare like with like, or pass --force.\n`);
      if (values.json !== undefined) writeOut(values.json, JSON.stringify({ refused: true, differences: e.differences }, null, 1));
      return 2;
    }
    throw e;
  }
  if (values.json !== undefined) writeOut(values.json, JSON.stringify(cmp, null, 1));
  writeOut(undefined, formatRunComparison(cmp));
  return cmp.regression ? 1 : 0;
}
