// Drift benchmark: `edgeprobe drift` against the pandas + SciPy reference (drift_reference.py) on
// the same CSV files, cut from vega-datasets' flights-3m.parquet as two consecutive periods.
// Run: npx tsx scripts/bench/drift.ts [--sizes 100000,1500000] [--repeat 3]
// Sizes are rows per file (reference and current each); ratios are of wall-clock time, CPU shown too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readParquet } from '../../src/lib/data/parquet.ts';
import type { Table } from '../../src/lib/data/table.ts';

const repo = resolve(import.meta.dirname, '../..');
const reference = resolve(repo, '../shared/bench/drift_reference.py');
const parquet = join(repo, 'node_modules/vega-datasets/data/flights-3m.parquet');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const sizes = arg('sizes', '100000,1500000').split(',').map(Number);
const repeat = Number(arg('repeat', '3'));
const dir = join(tmpdir(), 'edgeprobe-drift-bench');
let bundle: string | undefined;
mkdirSync(dir, { recursive: true });

const pad = (n: number) => String(n).padStart(2, '0');
function isoMinute(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Rows [start, end) of the flights table as CSV text. */
function toCsv(t: Table, start: number, end: number): string {
  const [date, delay, distance, origin, destination] = t.columns;
  const parts: string[] = ['date,delay,distance,origin,destination\n'];
  for (let i = start; i < end; i++) {
    const o = origin.kind === 'string' ? origin.dictionary[origin.codes[i]] : '';
    const d = destination.kind === 'string' ? destination.dictionary[destination.codes[i]] : '';
    parts.push(`${isoMinute(date.kind === 'number' ? date.values[i] : 0)},${delay.kind === 'number' ? delay.values[i] : ''},${distance.kind === 'number' ? distance.values[i] : ''},${o},${d}\n`);
  }
  return parts.join('');
}

interface Timing {
  wallMs: number;
  /** user + system CPU time of the process and its threads (from /usr/bin/time), when available */
  cpuMs: number;
  status: number;
}

/** Run a command under /usr/bin/time; exit codes 0 and 1 (drift found) both count as success. */
function time(cmd: string, args: string[]): Timing {
  const useTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '__time %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  const m = /__time ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, status: r.status ?? -1 };
}

function best(n: number, f: () => Timing): Timing {
  let b: Timing | undefined;
  for (let i = 0; i < n; i++) {
    const t = f();
    if (!b || t.wallMs < b.wallMs) b = t;
  }
  return b!;
}

/** Bundle the drift CLI (and its file-reading worker) to plain JavaScript with esbuild, if present. */
function bundleCli(): string | undefined {
  const esbuild = join(repo, 'node_modules/.bin/esbuild');
  if (!existsSync(esbuild)) return undefined;
  const out = join(dir, 'dist');
  const r = spawnSync(esbuild, [join(repo, 'src/cli/drift-main.ts'), join(repo, 'src/cli/drift-read-worker.ts'), '--bundle',
    '--platform=node', '--format=esm', '--target=node20', `--outdir=${out}`, '--out-extension:.js=.mjs', '--log-level=warning'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.warn(`bundling failed, timing the source run only: ${r.stderr}`);
    return undefined;
  }
  return join(out, 'drift-main.mjs');
}

async function main(): Promise<void> {
  if (!existsSync(reference)) throw new Error(`reference implementation not found at ${reference}`);
  bundle = bundleCli();
  const need = Math.max(...sizes) * 2;
  console.log(`reading ${parquet} (${need} rows)…`);
  const table = await readParquet(new Uint8Array(readFileSync(parquet)), { rowEnd: need });
  const results: Record<string, number | boolean>[] = [];
  for (const n of sizes) {
    const ref = join(dir, `flights_${n}_ref.csv`);
    const cur = join(dir, `flights_${n}_cur.csv`);
    if (!existsSync(ref) || !existsSync(cur)) {
      writeFileSync(ref, toCsv(table, 0, n));
      writeFileSync(cur, toCsv(table, n, 2 * n));
    }
    const ourJson = join(dir, `flights_${n}_edgeprobe.json`);
    const refJson = join(dir, `flights_${n}_reference.json`);
    const args = ['--reference', ref, '--current', cur, '--json', ourJson, '--quiet'];
    // From source, as `npx tsx src/cli/drift-main.ts` without npx's own start-up …
    const ep = best(repeat, () => time(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/drift-main.ts'), ...args]));
    // … and as a shipped CLI would run: the same code bundled to plain JavaScript.
    const dist = bundle;
    const bundled = dist ? best(repeat, () => time(process.execPath, [dist, ...args])) : undefined;
    const py = best(repeat, () => time('/usr/bin/python3', [reference, '--reference', ref, '--current', cur, '--json', refJson]));
    const ours = JSON.parse(readFileSync(ourJson, 'utf8'));
    const theirs = JSON.parse(readFileSync(refJson, 'utf8').replace(/\bNaN\b/g, 'null').replace(/-?Infinity\b/g, '0'));
    const agree = ours.dataset.drifted === theirs.dataset.drifted &&
      theirs.columns.every((c: { name: string; test: string; drift: boolean }) => {
        const o = ours.columns.find((x: { name: string }) => x.name === c.name);
        return o && o.test === c.test && o.drift === c.drift;
      });
    const mb = (statSync(ref).size + statSync(cur).size) / 1e6;
    const line = (label: string, t: Timing) =>
      `  ${label.padEnd(28)} ${t.wallMs.toFixed(0).padStart(6)} ms wall, ${t.cpuMs.toFixed(0).padStart(6)} ms cpu` +
      (t === py ? '' : `  → ${(py.wallMs / t.wallMs).toFixed(2)}× faster (cpu ${(py.cpuMs / t.cpuMs).toFixed(2)}×)`);
    console.log(`${n} + ${n} rows (${mb.toFixed(0)} MB), best of ${repeat}; tests and verdicts agree: ${agree}`);
    console.log(line('drift_reference.py', py));
    console.log(line('edgeprobe (tsx, from source)', ep));
    if (bundled) console.log(line('edgeprobe (bundled JS)', bundled));
    results.push({ rows: n, referenceMs: py.wallMs, referenceCpuMs: py.cpuMs, edgeprobeMs: ep.wallMs, edgeprobeCpuMs: ep.cpuMs,
      ratio: py.wallMs / ep.wallMs, ...(bundled ? { bundledMs: bundled.wallMs, bundledCpuMs: bundled.cpuMs, bundledRatio: py.wallMs / bundled.wallMs } : {}), agree });
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`results: ${join(dir, 'results.json')}`);
}

await main();
