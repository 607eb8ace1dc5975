// `edgeprobe drift` beside the drift verdict: data-quality findings, the multivariate signal,
// report date/version in the JSON, and --fail-on choosing what sets exit 1.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftCommand } from './drift.ts';
import { EDGEPROBE_VERSION } from '../lib/version.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeprobe-quality-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((s: string) => ((stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  try {
    return { code: await driftCommand(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

// Same distributions (no drift), but the current set lost a column, gained duplicates and a new category.
const rows = (n: number, extra: (i: number) => string) => Array.from({ length: n }, (_, i) => `${i % 50},${['a', 'b', 'c'][i % 3]}${extra(i)}`).join('\n');

describe('data quality in edgeprobe drift', () => {
  it('JSON has the findings, the multivariate signal, date and version; --fail-on picks the exit code', async () => {
    const ref = join(dir, 'ref.csv');
    const cur = join(dir, 'cur.csv');
    writeFileSync(ref, 'x,c,gone\n' + rows(300, (i) => `,${i}`) + '\n');
    // Same rows without the column "gone" (no drift, a failed quality check); then new categories and duplicates.
    writeFileSync(cur, 'x,c\n' + rows(300, () => '') + '\n');
    const cur2 = join(dir, 'cur2.csv');
    writeFileSync(cur2, 'x,c\n' + rows(300, () => '') + '\n' + '1,zz\n'.repeat(40));
    const json = join(dir, 'r.json');
    const drift = await run(['--reference', ref, '--current', cur2, '--json', json]);
    expect(drift.stdout).toMatch(/data quality: \d+ failed/);
    expect(drift.stdout).toMatch(/FAIL column-missing gone/);
    expect(drift.stdout).toMatch(/multivariate \(PCA reconstruction/);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.meta.edgeprobe).toBe(EDGEPROBE_VERSION);
    expect(Date.parse(r.meta.generated)).not.toBeNaN();
    const by = (check: string, column: string | null) => r.quality.find((f: any) => f.check === check && f.column === column);
    expect(by('column-missing', 'gone')).toMatchObject({ severity: 'fail' });
    expect(by('new-categories', 'c')).toMatchObject({ severity: 'fail', details: { count: 1, values: [{ value: 'zz', count: 40 }] } });
    expect(by('duplicate-rows', null).details.current).toBeGreaterThan(0);
    expect(r.multivariate).toMatchObject({ method: 'pca-reconstruction', columns: ['x', 'c'] });
    expect((await run(['--reference', ref, '--current', cur, '--quiet'])).code).toBe(0);
    expect((await run(['--reference', ref, '--current', cur, '--quiet', '--fail-on', 'drift'])).code).toBe(0);
    expect((await run(['--reference', ref, '--current', cur, '--quiet', '--fail-on', 'quality'])).code).toBe(1);
    expect((await run(['--reference', ref, '--current', cur, '--quiet', '--fail-on', 'both'])).code).toBe(1);
    expect((await run(['--reference', ref, '--current', ref, '--quiet', '--fail-on', 'both'])).code).toBe(0);
    const bad = await run(['--reference', ref, '--current', cur, '--fail-on', 'everything']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on must be drift, quality or both/);
  });
  it('HTML report has the quality section, the date and the version', async () => {
    const ref = join(dir, 'ref.csv');
    const html = join(dir, 'r.html');
    await run(['--reference', ref, '--current', ref, '--quiet', '--html', html]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Data quality');
    expect(page).toContain(`edgeprobe ${EDGEPROBE_VERSION}`);
    expect(page).toMatch(/Multivariate drift/);
  });
});
