// Parity of `edgeprobe drift` with the pandas + SciPy reference (../shared/bench/drift_reference.py)
// on real tables the code never saw (vega-datasets splits written by
// scripts/fixtures/drift_parity_data.py), plus CLI exit codes and outputs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { driftCommand } from './drift.ts';

const repo = resolve(import.meta.dirname, '../..');
const referenceScript = resolve(repo, '../shared/bench/drift_reference.py');
const dataDir = join(repo, 'node_modules/vega-datasets/data');
const PY = '/usr/bin/python3';

interface Pair {
  name: string;
  reference: string;
  current: string;
}

/** Parse JSON that may hold bare Infinity/NaN tokens (Python's allow_nan) or "Infinity" strings (ours). */
function parseLoose(text: string): any {
  const fixed = text.replace(/(:\s*|\[\s*|,\s*)(-?)Infinity\b/g, '$1$21e999').replace(/(:\s*)NaN\b/g, '$1null');
  return JSON.parse(fixed, (_k, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v));
}

function expectStat(a: number, b: number, label: string) {
  if (!Number.isFinite(b) || b === 0) {
    expect(a, label).toBe(b);
    return;
  }
  expect(Math.abs(a - b) / Math.abs(b), `${label}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9);
}

function expectP(a: number, b: number, label: string) {
  const d = Math.abs(a - b);
  expect(d <= 1e-12 || d <= 1e-6 * Math.abs(b), `${label}: ${a} vs ${b}`).toBe(true);
}

async function quietly(argv: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((s: string) => {
    stderr += s;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await driftCommand([...argv, '--quiet']), stderr };
  } finally {
    process.stderr.write = write;
  }
}

let dir: string;
let pairs: Pair[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-drift-'));
  pairs = JSON.parse(execFileSync(PY, [join(repo, 'scripts/fixtures/drift_parity_data.py'), dir, dataDir], { encoding: 'utf8' }));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edgeprobe drift agrees with drift_reference.py on real tables', () => {
  it('reference script is present', () => {
    expect(existsSync(referenceScript)).toBe(true);
  });
  const names = ['weather_by_location', 'weather_small_ref', 'seattle_2012_vs_2013', 'seattle_2012_vs_2015', 'seattle_2012_h1_vs_h2',
    'penguins_biscoe_vs_dream', 'penguins_dream_vs_torgersen', 'cars_usa_vs_europe', 'cars_europe_vs_japan', 'flights5k_by_date',
    'flights20k_small_ref_asymptotic'];
  for (const name of names) {
    it(name, async () => {
      const pair = pairs.find((p) => p.name === name)!;
      const refJson = join(dir, `${name}.reference.json`);
      const ourJson = join(dir, `${name}.edgeprobe.json`);
      execFileSync(PY, [referenceScript, '--reference', pair.reference, '--current', pair.current, '--json', refJson]);
      const { code } = await quietly(['--reference', pair.reference, '--current', pair.current, '--json', ourJson]);
      const expected = parseLoose(readFileSync(refJson, 'utf8'));
      const ours = parseLoose(readFileSync(ourJson, 'utf8'));
      // Text descriptor columns (text-descriptors.ts) are edgeprobe's own, outside the reference algorithm.
      ours.columns = ours.columns.filter((c: any) => c.role !== 'text descriptor');
      expect(ours.columns.map((c: any) => c.name)).toEqual(expected.columns.map((c: any) => c.name));
      for (const e of expected.columns) {
        const o = ours.columns.find((c: any) => c.name === e.name);
        const at = `${name}/${e.name}`;
        expect(o.kind, at).toBe(e.kind);
        expect(o.test, at).toBe(e.test);
        expect(o.threshold, at).toBe(e.threshold);
        expectStat(o.statistic, e.statistic, `${at} statistic`);
        if (e.pValue === null) expect(o.pValue, at).toBeNull();
        else expectP(o.pValue, e.pValue, `${at} pValue`);
        expect(o.drift, at).toBe(e.drift);
        if (e.psi !== undefined) expectStat(o.psi, e.psi, `${at} psi`);
        expect(o.missingRef).toBeCloseTo(e.missingRef, 12);
        expect(o.missingCur).toBeCloseTo(e.missingCur, 12);
      }
      expect(ours.dataset.drifted).toBe(expected.dataset.drifted);
      expect(ours.dataset.driftShare).toBeCloseTo(expected.dataset.driftShare, 12);
      expect(code).toBe(expected.dataset.drifted ? 1 : 0);
    });
  }
});

describe('edgeprobe drift command', () => {
  it('writes JSON and a self-contained, escaped HTML report; exit 0 without drift', async () => {
    const ref = join(dir, 'same_ref.csv');
    const cur = join(dir, 'same_cur.csv');
    const body = 'x,"<b>name</b>"\n' + Array.from({ length: 60 }, (_, i) => `${i % 10},${i % 3 ? '<i>a</i>' : 'b'}`).join('\n') + '\n';
    writeFileSync(ref, body);
    writeFileSync(cur, body);
    const html = join(dir, 'same.html');
    const json = join(dir, 'same.json');
    const { code } = await quietly(['--reference', ref, '--current', cur, '--html', html, '--json', json]);
    expect(code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('&lt;b&gt;name&lt;/b&gt;');
    expect(page).not.toContain('<b>name</b>');
    expect(page).not.toMatch(/(src|href)=["']https?:/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.dataset).toMatchObject({ drifted: false, driftShare: 0, threshold: 0.5 });
    expect(report.columns[0]).toMatchObject({ name: 'x', kind: 'numerical', test: 'ks', pValue: 1, drift: false });
  });
  it('timeline, overrides and correction options are applied', async () => {
    const pair = pairs.find((p) => p.name === 'seattle_2012_vs_2015')!;
    const json = join(dir, 'tl.json');
    const { code } = await quietly(['--reference', pair.reference, '--current', pair.current, '--json', json, '--time-column', 'date',
      '--window', 'month', '--stattest', 'wind=wasserstein', '--threshold', 'wind=0.5', '--correction', 'bh', '--kind', 'weather=ignore']);
    expect(code).toBe(1);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.columns.map((c: any) => c.name)).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
    expect(r.columns[3]).toMatchObject({ test: 'wasserstein', threshold: 0.5, pValue: null });
    expect(r.dataset.correction).toBe('bh');
    expect(r.timeline.windows).toHaveLength(12);
    expect(r.timeline.windows[0].label).toBe('2015-01');
  });
  it('bad usage and bad input exit 2 with a one-line reason', async () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n');
    const ok = pairs[0].reference;
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, readFileSync(ok, 'utf8').split('\n')[0] + '\n');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const cases: [string[], RegExp][] = [
      [['--current', ok], /--reference FILE and --current FILE are required/],
      [['--reference', ok, '--current', ok, '--bogus'], /unknown option --bogus/],
      [['--reference', ok, '--current', join(dir, 'missing.csv')], /no such file/],
      [['--reference', ragged, '--current', ok], /line 3: expected 2 fields/],
      [['--reference', ok, '--current', ok, '--stattest', 'wind=magic'], /unknown test "magic"/],
      [['--reference', ok, '--current', ok, '--columns', 'nope'], /"nope" is not in the reference set/],
      [['--reference', ok, '--current', ok, '--window', 'week'], /needs --time-column/],
      [['--reference', ok, '--current', headerOnly], /the current set has no rows/],
      [['--reference', empty, '--current', ok], /empty\.csv: the file is empty/],
    ];
    for (const [argv, msg] of cases) {
      const { code, stderr } = await quietly(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(msg);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
