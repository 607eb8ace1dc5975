// Drift benchmark: `edgeprobe drift` against the pandas + SciPy reference (drift_reference.py) on
// the same CSV files, cut from vega-datasets' flights-3m.parquet as two consecutive periods.
// Run: npx tsx scripts/bench/drift.ts [--sizes 100000,1500000] [--repeat 5]
// Sizes are rows per file (reference and current each). The runs are interleaved, `repeat` rounds,
// and medians reported: ratios of wall-clock time, CPU shown too. `edgeprobe` is the command as
// installed (bin/edgeprobe.js on its prebuilt CLI, built first when out of date); `from source` is
// the same command made to compile the TypeScript with tsx (EDGEPROBE_FROM_SOURCE=1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readParquet } from '../../src/lib/data/parquet.ts';
import type { Table } from '../../src/lib/data/table.ts';
import { buildCli } from '../build-cli.ts';

const repo = resolve(import.meta.dirname, '../..');
const reference = join(repo, 'scripts/reference/drift_reference.py');
const parquet = join(repo, 'node_modules/vega-datasets/data/flights-3m.parquet');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const sizes = arg('sizes', '100000,1500000').split(',').map(Number);
const repeat = Number(arg('repeat', '5'));
const dir = join(tmpdir(), 'edgeprobe-drift-bench');
const cli = join(repo, 'bin/edgeprobe.js');
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
function time(cmd: string, args: string[], env: Record<string, string> = {}): Timing {
  const useTime = existsSync('/usr/bin/time');
  const opts = { encoding: 'utf8' as const, maxBuffer: 1 << 30, env: { ...process.env, ...env } };
  const t0 = performance.now();
  const r = useTime ? spawnSync('/usr/bin/time', ['-f', '__time %U %S', cmd, ...args], opts) : spawnSync(cmd, args, opts);
  const wallMs = performance.now() - t0;
  const m = /__time ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, status: r.status ?? -1 };
}

/** Median wall and CPU time of several runs. */
function median(ts: Timing[]): Timing {
  const mid = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  };
  return { wallMs: mid(ts.map((t) => t.wallMs)), cpuMs: mid(ts.map((t) => t.cpuMs)), status: ts[0].status };
}

async function main(): Promise<void> {
  if (!existsSync(reference)) throw new Error(`reference implementation not found at ${reference}`);
  try {
    console.log((await buildCli()) ? 'built the CLI (.cache/cli)' : 'the built CLI (.cache/cli) is up to date');
  } catch (e) {
    console.warn(`CLI build failed; "edgeprobe" below runs from source too: ${(e as Error).message}`);
  }
  const need = Math.max(...sizes) * 2;
  const missing = sizes.some((n) => !existsSync(join(dir, `flights_${n}_ref.csv`)) || !existsSync(join(dir, `flights_${n}_cur.csv`)));
  let table: Table | undefined;
  if (missing) {
    console.log(`reading ${parquet} (${need} rows)…`);
    table = await readParquet(new Uint8Array(readFileSync(parquet)), { rowEnd: need });
  }
  const results: Record<string, number | boolean>[] = [];
  for (const n of sizes) {
    const ref = join(dir, `flights_${n}_ref.csv`);
    const cur = join(dir, `flights_${n}_cur.csv`);
    if (!existsSync(ref) || !existsSync(cur)) {
      writeFileSync(ref, toCsv(table!, 0, n));
      writeFileSync(cur, toCsv(table!, n, 2 * n));
    }
    const ourJson = join(dir, `flights_${n}_edgeprobe.json`);
    const refJson = join(dir, `flights_${n}_reference.json`);
    // The reference tests the date text as categories (pandas dtype object); edgeprobe leaves dates
    // out of the verdict by default, so it is told the same type here to compare like with like.
    const args = [cli, 'drift', '--reference', ref, '--current', cur, '--json', ourJson, '--quiet', '--kind', 'date=categorical'];
    const runs = { py: [] as Timing[], ep: [] as Timing[], src: [] as Timing[] };
    // Interleaved, so load from anything else on the machine falls on all three alike.
    for (let r = 0; r < repeat; r++) {
      runs.py.push(time('/usr/bin/python3', [reference, '--reference', ref, '--current', cur, '--json', refJson]));
      runs.ep.push(time(process.execPath, args));
      runs.src.push(time(process.execPath, args, { EDGEPROBE_FROM_SOURCE: '1' }));
    }
    const [py, ep, src] = [median(runs.py), median(runs.ep), median(runs.src)];
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
    const each = (ts: Timing[]) => ts.map((t) => t.wallMs.toFixed(0)).join(' ');
    console.log(`${n} + ${n} rows (${mb.toFixed(0)} MB), median of ${repeat} interleaved runs; tests and verdicts agree: ${agree}`);
    console.log(line('drift_reference.py', py));
    console.log(line('edgeprobe', ep));
    console.log(line('edgeprobe (from source, tsx)', src));
    console.log(`  wall ms per run: reference ${each(runs.py)}; edgeprobe ${each(runs.ep)}; from source ${each(runs.src)}`);
    results.push({ rows: n, referenceMs: py.wallMs, referenceCpuMs: py.cpuMs, edgeprobeMs: ep.wallMs, edgeprobeCpuMs: ep.cpuMs,
      ratio: py.wallMs / ep.wallMs, fromSourceMs: src.wallMs, fromSourceCpuMs: src.cpuMs, fromSourceRatio: py.wallMs / src.wallMs, agree });
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`results: ${join(dir, 'results.json')}`);
}

await main();
