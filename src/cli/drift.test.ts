// Parity of `edgeprobe drift` with the project's pandas + SciPy reference
// (scripts/reference/drift_reference.py) on real tables the code never saw: the vega-datasets splits
// of scripts/reference/drift-pairs.ts, against the reference's committed output
// (tests/fixtures/drift-reference/expected.json; `npm run test:reference` re-runs the Python side).
// Plus the CLI's exit codes and outputs. No Python runs here.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { driftCommand } from './drift.ts';
import { writeDriftPairs, type DriftPair } from '../../scripts/reference/drift-pairs.ts';
import { driftReportDifferences, type RefReport } from '../../scripts/reference/drift-compare.ts';

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/drift-reference/expected.json'), 'utf8')) as {
  reports: Record<string, RefReport>;
};

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
let pairs: DriftPair[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-drift-'));
  pairs = writeDriftPairs(dir);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edgeprobe drift agrees with drift_reference.py on real tables', () => {
  it('the fixture covers every split', () => {
    expect(Object.keys(fixture.reports)).toEqual(pairs.map((p) => p.name));
  });
  const names = ['weather_by_location', 'weather_small_ref', 'seattle_2012_vs_2013', 'seattle_2012_vs_2015', 'seattle_2012_h1_vs_h2',
    'penguins_biscoe_vs_dream', 'penguins_dream_vs_torgersen', 'cars_usa_vs_europe', 'cars_europe_vs_japan', 'flights5k_by_date',
    'flights20k_small_ref_asymptotic'];
  for (const name of names) {
    it(name, async () => {
      const pair = pairs.find((p) => p.name === name)!;
      const expected = fixture.reports[name]!;
      const ourJson = join(dir, `${name}.edgeprobe.json`);
      // The reference types columns by pandas dtype (a date column is text, so categories): the
      // same columns and types given explicitly reproduce every statistic.
      const typed = expected.columns.flatMap((c) => ['--kind', `${c.name}=${c.kind}`]);
      const { code } = await quietly(['--reference', pair.reference, '--current', pair.current, '--json', ourJson,
        '--columns', expected.columns.map((c) => c.name).join(','), ...typed]);
      const ours = JSON.parse(readFileSync(ourJson, 'utf8')) as RefReport;
      expect(expected.columns.length).toBeGreaterThan(0);
      expect(driftReportDifferences(ours, expected)).toEqual([]);
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
