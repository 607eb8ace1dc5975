// `edgeprobe devices --collector URL [--json|--csv] [--model SHA256]`: the results devices sent to
// a collector, as a table grouped by model and shape, or as JSON / CSV for scripts.
import { parseArgs, UsageError } from './args.ts';
import type { StoredDeviceResult } from '../lib/devices/result.ts';
import { configName, deviceName, devicesCsv, gpuName, groupResults } from '../lib/devices/rows.ts';

/** The collector's API base from what a user types: "http://host:8000" or ".../collector/v1". */
export function collectorApi(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--collector "${url}" is not a URL (e.g. http://127.0.0.1:8000)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--collector "${url}" must be http:// or https://`);
  const base = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  return base.endsWith('/collector/v1') ? base : `${base}/collector/v1`;
}

/** Fetch every stored result. @throws Error naming the collector when it cannot be reached or answers an error. */
export async function fetchDeviceResults(collector: string, model?: string): Promise<StoredDeviceResult[]> {
  const api = collectorApi(collector);
  const url = `${api}/results${model ? `?model=${encodeURIComponent(model)}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw Object.assign(new Error(`collector ${api} cannot be reached: ${((e as Error).cause as Error)?.message ?? (e as Error).message}`), { name: 'CollectorError' });
  }
  const text = await res.text();
  if (!res.ok) throw Object.assign(new Error(`collector ${api} answered HTTP ${res.status}: ${text.slice(0, 200)}`), { name: 'CollectorError' });
  const body = JSON.parse(text) as { results?: StoredDeviceResult[] };
  if (!Array.isArray(body.results)) throw Object.assign(new Error(`${url} did not answer a result list; is it an edgeprobe collector?`), { name: 'CollectorError' });
  return body.results;
}

const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The human table: one block per model × shape, one line per device × config. */
export function devicesTable(results: readonly StoredDeviceResult[]): string {
  if (results.length === 0) return 'no results collected yet';
  const out: string[] = [];
  for (const g of groupResults(results)) {
    const budget = g.budget ? `  budget ${g.budget.metric} ≤ ${g.budget.ms} ms` : '';
    out.push(`${g.model} (${g.sha256.slice(0, 12)})  shape ${g.shape || '—'}${budget}`);
    for (const r of g.rows) {
      const s = r.stats;
      const pass = r.budget ? (r.budget.pass ? '  pass' : '  FAIL') : '';
      out.push(`  #${r.id}  ${deviceName(r)} · ${gpuName(r.device.gpu)}  ${configName(r.config)}  p50 ${f(s.p50)} ms [${f(s.p50Ci.low)}, ${f(s.p50Ci.high)}]  p90 ${f(s.p90)}  p99 ${f(s.p99)}${r.memory.jsHeapMb === null ? '' : `  heap ${r.memory.jsHeapMb.toFixed(0)} MB`}${pass}`);
    }
  }
  return out.join('\n');
}

export async function devicesCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { collector: 'string', json: 'boolean', csv: 'boolean', model: 'string' });
  if (p.positionals.length) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
  const values = { collector: p.values.collector, model: p.values.model, json: p.flags.json, csv: p.flags.csv };
  if (!values.collector) throw new UsageError('--collector URL is required (the edgeprobe serve --collect server, or the npm start app URL)');
  if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
  const results = await fetchDeviceResults(values.collector, values.model);
  if (values.json) process.stdout.write(`${JSON.stringify({ results }, null, 1)}\n`);
  else if (values.csv) process.stdout.write(devicesCsv(results));
  else process.stdout.write(`${devicesTable(results)}\n`);
  return 0;
}
