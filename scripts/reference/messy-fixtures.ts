// Writes tests/fixtures/drift-reference/messy.json: the messy pairs (messy-pairs.ts) through the
// pandas + SciPy reference (messy_reference.py). Run: npx tsx scripts/reference/messy-fixtures.ts
// Needs /usr/bin/python3 (or $PYTHON) with pandas and SciPy; npm test itself runs no Python.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeMessyPairs } from './messy-pairs.ts';

const root = resolve(import.meta.dirname, '../..');
const python = process.env.PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-messy-'));
try {
  writeMessyPairs(dir);
  const reports = JSON.parse(execFileSync(python, [join(root, 'scripts/reference/messy_reference.py'), dir], { encoding: 'utf8' }));
  const versions = execFileSync(python, ['-c', 'import sys, numpy, pandas, scipy; print(sys.version.split()[0], numpy.__version__, pandas.__version__, scipy.__version__)'], { encoding: 'utf8' }).trim().split(' ');
  const out = {
    command: 'npx tsx scripts/reference/messy-fixtures.ts',
    versions: { python: versions[0], numpy: versions[1], pandas: versions[2], scipy: versions[3] },
    reports,
  };
  writeFileSync(join(root, 'tests/fixtures/drift-reference/messy.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote tests/fixtures/drift-reference/messy.json (${Object.keys(reports).join(', ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
