// Reference/current CSV pairs cut from real vega-datasets tables (an npm devDependency, so the
// input is pinned by package-lock.json), for the drift parity fixtures: the test and the Python
// reference (scripts/reference/drift_reference.py) read the very same files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const dataDir = resolve(import.meta.dirname, '../../node_modules/vega-datasets/data');

export interface DriftPair {
  name: string;
  /** Absolute paths of the CSV files written. */
  reference: string;
  current: string;
}

type Row = Record<string, string | number | boolean | null | undefined>;

/** A record's field as CSV: empty for missing, quoted when it holds a comma, quote or line break. */
const cell = (v: Row[string]): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Records as CSV text; columns in order of first appearance across the records. */
export function recordsToCsv(rows: readonly Row[]): string {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return [cols.map(cell).join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** A plain CSV file (no quoted fields: true of the two weather files) as records of strings. */
function readPlainCsv(file: string): Row[] {
  const [head, ...lines] = readFileSync(join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

const readJson = (file: string): Row[] => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Row[];
const byDate = (rows: Row[]) => [...rows].sort((a, b) => (String(a.date) < String(b.date) ? -1 : String(a.date) > String(b.date) ? 1 : 0));

/** The splits: [name, reference rows, current rows]. Names are the fixture file names. */
export function driftSplits(): [string, Row[], Row[]][] {
  const weather = readPlainCsv('weather.csv');
  const at = (loc: string) => weather.filter((r) => r.location === loc);
  const sw = readPlainCsv('seattle-weather.csv');
  const year = (y: string) => sw.filter((r) => String(r.date).startsWith(y));
  const penguins = readJson('penguins.json');
  const island = (i: string) => penguins.filter((r) => r.Island === i);
  const cars = readJson('cars.json');
  const origin = (o: string) => cars.filter((r) => r.Origin === o);
  const f5 = byDate(readJson('flights-5k.json'));
  const f20 = byDate(readJson('flights-20k.json'));
  return [
    ['weather_by_location', at('Seattle'), at('New York')],
    ['weather_small_ref', at('Seattle').slice(0, 500), at('New York')],
    ['seattle_2012_vs_2013', year('2012'), year('2013')],
    ['seattle_2012_vs_2015', year('2012'), year('2015')],
    ['seattle_2012_h1_vs_h2', year('2012').filter((r) => String(r.date) < '2012-07-01'), year('2012').filter((r) => String(r.date) >= '2012-07-01')],
    ['penguins_biscoe_vs_dream', island('Biscoe'), island('Dream')],
    ['penguins_dream_vs_torgersen', island('Dream'), island('Torgersen')],
    ['cars_usa_vs_europe', origin('USA'), origin('Europe')],
    ['cars_europe_vs_japan', origin('Europe'), origin('Japan')],
    ['flights5k_by_date', f5.slice(0, 2500), f5.slice(2500)],
    ['flights20k_small_ref_asymptotic', f20.slice(0, 800), f20.slice(5000)],
  ];
}

/** Write every pair into `dir` as NAME_ref.csv / NAME_cur.csv. */
export function writeDriftPairs(dir: string): DriftPair[] {
  mkdirSync(dir, { recursive: true });
  return driftSplits().map(([name, ref, cur]) => {
    const reference = join(dir, `${name}_ref.csv`);
    const current = join(dir, `${name}_cur.csv`);
    writeFileSync(reference, recordsToCsv(ref));
    writeFileSync(current, recordsToCsv(cur));
    return { name, reference, current };
  });
}
