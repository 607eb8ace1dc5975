// Messy pairs the code never saw (real vega-datasets tables with injected warts: text markers in
// numbers, 3/"3" mixes, a European CSV, US thousands, month-first dates, nested JSON) through
// `edgeprobe drift` with NO column or type flags: the columns chosen, their types, every statistic
// and the timeline's months must equal what pandas + SciPy give when a person reads the files
// right (scripts/reference/messy_reference.py → tests/fixtures/drift-reference/messy.json).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { driftCommand } from './drift.ts';
import { writeMessyPairs, type MessyPair } from '../../scripts/reference/messy-pairs.ts';
import { driftReportDifferences, type RefReport } from '../../scripts/reference/drift-compare.ts';

type Expected = RefReport & { excluded: string[]; timeline?: { label: string; rows: number }[] };
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/drift-reference/messy.json'), 'utf8')) as {
  reports: Record<string, Expected>;
};

async function run(argv: string[]): Promise<number> {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await driftCommand([...argv, '--quiet']);
  } finally {
    process.stderr.write = write;
  }
}

let dir: string;
let pairs: MessyPair[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-messy-'));
  pairs = writeMessyPairs(dir);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edgeprobe drift on messy pairs, no flags, agrees with pandas + SciPy read by a person', () => {
  for (const name of ['cars_markers', 'seattle_eu', 'flights_us_thousands', 'cars_nested']) {
    it(name, async () => {
      const pair = pairs.find((p) => p.name === name)!;
      const expected = fixture.reports[name]!;
      const json = join(dir, `${name}.json`);
      const extra = expected.timeline ? ['--time-column', 'date', '--window', 'month'] : [];
      const code = await run(['--reference', pair.reference, '--current', pair.current, '--json', json, ...extra]);
      const ours = JSON.parse(readFileSync(json, 'utf8'));
      // Free-text columns add their descriptors (text-descriptors.ts), a signal the reference has not: compare the features.
      const features = { ...ours, columns: ours.columns.filter((c: { role: string }) => c.role === 'feature') };
      expect(driftReportDifferences(features, expected)).toEqual([]);
      expect(code).toBe(expected.dataset.drifted ? 1 : 0);
      const excluded = (ours.excluded as { name: string }[]).map((e) => e.name).filter((n) => n !== 'date' || !expected.timeline);
      expect(excluded.sort()).toEqual(expected.excluded.filter((n) => n !== 'date' || !expected.timeline).sort());
      if (expected.timeline) {
        const windows = (ours.timeline.windows as { label: string; rows: number }[]).map((w) => ({ label: w.label, rows: w.rows }));
        expect(windows).toEqual(expected.timeline);
        expect(ours.timeline.skippedRows).toBe(0);
      }
    });
  }
});
