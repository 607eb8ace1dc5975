// Messy reference/current pairs made from real vega-datasets tables by injecting the warts people's
// data has: numbers with text markers and 3/"3" mixes (JSON), a European CSV (`;`, decimal comma,
// day-first dates), US thousands separators, nested JSON records. Deterministic (every k-th row),
// so the TS tests and the Python reference (messy_reference.py) read the very same files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, recordsToCsv } from './drift-pairs.ts';

type Row = Record<string, unknown>;

export interface MessyPair {
  name: string;
  reference: string;
  current: string;
}

const readJson = (file: string): Row[] => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Row[];

function readCsv(file: string): Row[] {
  const [head, ...lines] = readFileSync(join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** Cars with markers: Horsepower "unknown"/"?" on some rows, Cylinders as text "4" on every 3rd row. */
function carsMarkers(rows: Row[], offset: number): Row[] {
  return rows.map((r, i) => ({
    ...r,
    Horsepower: (i + offset) % 9 === 0 ? 'unknown' : (i + offset) % 23 === 0 ? '?' : r.Horsepower,
    Cylinders: i % 3 === 0 ? String(r.Cylinders) : r.Cylinders,
  }));
}

const comma = (v: unknown) => (v === '' || v === null || v === undefined ? '' : String(v).replace('.', ','));

/** Seattle weather as a German spreadsheet would save it: `;`, decimal comma, dd.mm.yyyy dates. */
function seattleEu(rows: Row[]): string {
  const head = 'date;precipitation;temp_max;temp_min;wind;weather';
  const lines = rows.map((r) => {
    const [y, m, d] = String(r.date).split('-');
    return [`${d}.${m}.${y}`, comma(r.precipitation), comma(r.temp_max), comma(r.temp_min), comma(r.wind), r.weather].join(';');
  });
  return [head, ...lines].join('\n') + '\n';
}

/** Flights with US thousands separators in distance ("2,399", quoted) and month-first dates. */
function flightsUs(rows: Row[]): Row[] {
  return rows.map((r) => {
    const [date, time] = String(r.date).split(' ');
    const [y, m, d] = date!.split('/');
    return { ...r, date: `${m}/${d}/${y} ${time}`, distance: Number(r.distance).toLocaleString('en-US') };
  });
}

/** Cars as nested records (JSON Lines): engine.{cylinders,displacement,horsepower}, performance.{mpg,acceleration}. */
function carsNested(rows: Row[]): string {
  return rows.map((r) => JSON.stringify({
    name: r.Name, origin: r.Origin, year: r.Year, weight: r.Weight_in_lbs,
    engine: { cylinders: r.Cylinders, displacement: r.Displacement, horsepower: r.Horsepower },
    performance: { mpg: r.Miles_per_Gallon, acceleration: r.Acceleration },
  })).join('\n') + '\n';
}

/** Write the messy pairs into `dir`; returns their paths. */
export function writeMessyPairs(dir: string): MessyPair[] {
  mkdirSync(dir, { recursive: true });
  const out: MessyPair[] = [];
  const write = (name: string, ext: string, ref: string, cur: string) => {
    const reference = join(dir, `${name}_ref.${ext}`);
    const current = join(dir, `${name}_cur.${ext}`);
    writeFileSync(reference, ref);
    writeFileSync(current, cur);
    out.push({ name, reference, current });
  };
  const cars = readJson('cars.json');
  const origin = (o: string) => cars.filter((r) => r.Origin === o);
  write('cars_markers', 'json', JSON.stringify(carsMarkers(origin('USA'), 0)), JSON.stringify(carsMarkers(origin('Japan'), 4)));
  const sw = readCsv('seattle-weather.csv');
  const year = (y: string) => sw.filter((r) => String(r.date).startsWith(y));
  write('seattle_eu', 'csv', seattleEu(year('2012')), seattleEu(year('2015')));
  const f5 = readJson('flights-5k.json').sort((a, b) => (String(a.date) < String(b.date) ? -1 : String(a.date) > String(b.date) ? 1 : 0));
  write('flights_us_thousands', 'csv', recordsToCsv(flightsUs(f5.slice(0, 2500)) as never), recordsToCsv(flightsUs(f5.slice(2500)) as never));
  write('cars_nested', 'jsonl', carsNested(origin('Europe')), carsNested(origin('Japan')));
  return out;
}
