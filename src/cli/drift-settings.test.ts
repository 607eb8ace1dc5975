// `edgeprobe drift` settings: the plan's exclusions and overrides (--kind, --date-format), number
// locale (--decimal, --thousands), missing markers (--na, "None" in pandas' list), nested JSON
// columns, and settings stored in a report and loaded again (--settings).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { driftCommand } from './drift.ts';

const samples = resolve(import.meta.dirname, '../../public/samples');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-drift-settings-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stderr: string; json: any }> {
  const out = join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  try {
    const code = await driftCommand([...argv, '--json', out, '--quiet']);
    let json: any = null;
    try {
      json = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      json = null;
    }
    return { code, stderr, json };
  } finally {
    process.stderr.write = write;
  }
}

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const weather = ['--reference', join(samples, 'weather-2012.csv'), '--current', join(samples, 'weather-2015.csv')];

describe('plan and overrides', () => {
  it('the weather example: date is datetime, listed as not tested; --kind col=id leaves a column out; --kind date=numerical tests it', async () => {
    const r = await run(weather);
    expect(r.json.columns.map((c: any) => c.name)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind', 'weather', 'month']);
    expect(r.json.excluded).toEqual([{ name: 'date', type: 'datetime', reason: expect.stringMatching(/^datetime \(iso\): left out of the verdict/) }]);
    expect(r.json.settings).toMatchObject({ columns: null, kinds: {}, correction: 'none', datasetThreshold: 0.5, decimal: null, na: null });
    const id = await run([...weather, '--kind', 'weather=id']);
    expect(id.json.columns.map((c: any) => c.name)).not.toContain('weather');
    expect(id.json.excluded.find((e: any) => e.name === 'weather')).toMatchObject({ type: 'id', reason: 'set to id in the settings: not tested' });
    const num = await run([...weather, '--kind', 'date=numerical']);
    expect(num.json.columns.find((c: any) => c.name === 'date')).toMatchObject({ kind: 'numerical', test: 'ks', inferredType: 'numerical' });
  });

  it('--settings: a report\'s settings apply again, flags on top; a bad file exits 2 naming the field', async () => {
    const first = await run([...weather, '--kind', 'weather=ignore', '--stattest', 'wind=psi', '--correction', 'bh']);
    const saved = file('saved.json', JSON.stringify(first.json));
    const again = await run([...weather, '--settings', saved]);
    expect({ ...again.json, timing: 0, meta: 0 }).toEqual({ ...first.json, timing: 0, meta: 0 });
    const over = await run([...weather, '--settings', saved, '--correction', 'none']);
    expect(over.json.dataset.correction).toBe('none');
    expect(over.json.settings.stattest).toEqual({ wind: 'psi' });
    const bad = await run([...weather, '--settings', file('bad.json', '{"settings":{"kinds":{"a":"number"}}}')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--settings .*bad\.json: settings: kind of "a" must be one of numerical, categorical/);
  });

  it('--date-format fixes an undecidable day/month order (the timeline follows it)', async () => {
    const rows = (ds: string[]) => 'd,x\n' + ds.map((d, i) => `${d},${i % 7}`).join('\n') + '\n';
    const ds = ['01/02/2020', '02/03/2020', '03/04/2020', '04/05/2020'];
    const ref = file('d_ref.csv', rows(ds));
    const cur = file('d_cur.csv', rows(ds));
    const auto = await run(['--reference', ref, '--current', cur, '--time-column', 'd', '--window', 'month']);
    expect(auto.json.quality.filter((q: any) => q.check === 'date-format')).toEqual([expect.objectContaining({ column: 'd', check: 'date-format', severity: 'warn', message: expect.stringMatching(/ambiguous/) })]);
    expect(auto.json.timeline.windows.map((w: any) => w.label)).toEqual(['2020-01', '2020-02', '2020-03', '2020-04']);
    const dmy = await run(['--reference', ref, '--current', cur, '--time-column', 'd', '--window', 'month', '--date-format', 'd=dmy']);
    expect(dmy.json.timeline.windows.map((w: any) => w.label)).toEqual(['2020-02', '2020-03', '2020-04', '2020-05']);
    expect((await run(['--reference', ref, '--current', cur, '--date-format', 'd=ydm'])).stderr).toMatch(/valid formats are iso, dmy, mdy/);
  });
});

describe('locale and missing markers', () => {
  const body = (vals: string[]) => 'p;c\n' + vals.map((v, i) => `${v};${i % 3 ? 'red' : 'None'}`).join('\n') + '\n';
  it('decimal comma sniffed with evidence; --decimal / --thousands fix it; a thousands equal to the decimal is refused', async () => {
    const vals = Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 100}`);
    const ref = file('eu_ref.csv', body(vals));
    const cur = file('eu_cur.csv', body(vals.map((v, i) => `1.${String(i).padStart(3, '0')}${v.slice(v.indexOf(','))}`)));
    const r = await run(['--reference', ref, '--current', cur]);
    expect(r.json.columns[0]).toMatchObject({ name: 'p', kind: 'numerical', nRef: 30, nCur: 30 });
    expect(r.json.locale.reference).toBe('decimal comma in 30 of 30 number-like text values');
    expect(r.json.locale.current).toMatch(/^decimal comma in \d+ of 30 number-like text values; thousands separator '\.' in 30$/);
    const point = await run(['--reference', ref, '--current', cur, '--decimal', '.']);
    // With a decimal point "3,21" is not a number: the column is no longer numerical.
    expect(point.json.plan.find((p: any) => p.name === 'p').type).not.toBe('numerical');
    expect((await run(['--reference', ref, '--current', cur, '--decimal', ',', '--thousands', ','])).stderr).toMatch(/--thousands "," cannot be the decimal separator too/);
  });
  it('"None" is missing by default (pandas 2 list); --na replaces the list so it becomes a category', async () => {
    const vals = Array.from({ length: 30 }, (_, i) => String(i));
    const ref = file('na_ref.csv', body(vals).replaceAll(';', ','));
    const cur = file('na_cur.csv', body(vals).replaceAll(';', ','));
    const d = await run(['--reference', ref, '--current', cur]);
    expect(d.json.columns.find((c: any) => c.name === 'c').missingRef).toBeCloseTo(10 / 30, 12);
    const na = await run(['--reference', ref, '--current', cur, '--na', 'NA,']);
    const c = na.json.columns.find((x: any) => x.name === 'c');
    expect(c.missingRef).toBe(0);
    expect(c.categories.categories.map((k: any) => k.key).sort()).toEqual(['None', 'red']);
    expect(na.json.settings.na).toEqual(['NA', '']);
  });
});

describe('nested records', () => {
  it('JSON objects become dotted columns; --columns engine.cylinders works', async () => {
    const rec = (i: number) => JSON.stringify({ id: `car${i}`, engine: { cylinders: 4 + (i % 3) * 2, hp: 80 + ((i * 7) % 40) }, tags: ['a', i % 2 ? 'b' : 'c'] });
    const ref = file('n_ref.jsonl', Array.from({ length: 40 }, (_, i) => rec(i)).join('\n'));
    const cur = file('n_cur.jsonl', Array.from({ length: 40 }, (_, i) => rec(i + 5)).join('\n'));
    const r = await run(['--reference', ref, '--current', cur, '--columns', 'engine.cylinders']);
    expect(r.code).not.toBe(2);
    expect(r.json.columns.map((c: any) => [c.name, c.kind])).toEqual([['engine.cylinders', 'numerical']]);
    const all = await run(['--reference', ref, '--current', cur]);
    expect(all.json.plan.map((p: any) => [p.name, p.type])).toEqual([['id', 'id'], ['engine.cylinders', 'numerical'], ['engine.hp', 'numerical'], ['tags', 'categorical']]);
  });
});
