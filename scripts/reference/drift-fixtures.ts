// `npm run test:reference`: re-run the Python drift reference (scripts/reference/drift_reference.py)
// on the real-table splits and compare it with the committed fixture
// (tests/fixtures/drift-reference/expected.json) that `npm test` checks edgeprobe against.
// `--update` rewrites the fixture instead. Needs /usr/bin/python3 (or $PYTHON) with pandas + SciPy;
// without them it says so and exits 0, since `npm test` needs no Python.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { writeDriftPairs } from './drift-pairs.ts';
import { driftReportDifferences, type RefReport } from './drift-compare.ts';

const root = resolve(import.meta.dirname, '../..');
export const fixturePath = join(root, 'tests/fixtures/drift-reference/expected.json');
const script = join(root, 'scripts/reference/drift_reference.py');
const python = process.env.PYTHON ?? '/usr/bin/python3';

/** The committed fixture: how it was made, and one reference report per split. */
export interface DriftFixture {
  command: string;
  versions: Record<string, string>;
  reports: Record<string, RefReport>;
}

function versions(): Record<string, string> | null {
  const r = spawnSync(python, ['-c', 'import sys, numpy, pandas, scipy; print(sys.version.split()[0], numpy.__version__, pandas.__version__, scipy.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [py, numpy, pandas, scipy] = r.stdout.trim().split(' ');
  return { python: py!, numpy: numpy!, pandas: pandas!, scipy: scipy! };
}

function main(): number {
  const update = process.argv.includes('--update');
  const v = versions();
  if (!v) {
    console.log(`test:reference skipped: ${python} with numpy, pandas and scipy is not available (Debian: apt-get install python3-scipy python3-pandas)`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-drift-ref-'));
  try {
    const reports: Record<string, RefReport> = {};
    for (const pair of writeDriftPairs(dir)) {
      const out = join(dir, `${pair.name}.json`);
      execFileSync(python, [script, '--reference', pair.reference, '--current', pair.current, '--json', out], { stdio: 'inherit' });
      reports[pair.name] = JSON.parse(readFileSync(out, 'utf8')) as RefReport;
    }
    if (update) {
      const fixture: DriftFixture = {
        command: `npm run test:reference -- --update  (runs ${relative(root, script)} on each split of scripts/reference/drift-pairs.ts)`,
        versions: v,
        reports,
      };
      writeFileSync(fixturePath, JSON.stringify(fixture, null, 1) + '\n');
      console.log(`wrote ${relative(root, fixturePath)} (${Object.keys(reports).length} splits; ${Object.entries(v).map(([k, x]) => `${k} ${x}`).join(', ')})`);
      return 0;
    }
    const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as DriftFixture;
    const diffs: string[] = [];
    if (Object.keys(fixture.reports).join() !== Object.keys(reports).join()) diffs.push(`splits: fixture has ${Object.keys(fixture.reports).join(', ')}`);
    for (const [name, r] of Object.entries(reports)) {
      if (fixture.reports[name]) diffs.push(...driftReportDifferences(r, fixture.reports[name], `${name}/`));
    }
    if (diffs.length) {
      console.error(`the Python reference no longer matches ${relative(root, fixturePath)}:\n  ${diffs.join('\n  ')}`);
      return 1;
    }
    console.log(`test:reference: the Python reference (${Object.entries(v).map(([k, x]) => `${k} ${x}`).join(', ')}) matches the committed fixture on ${Object.keys(reports).length} splits`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exit(main());
