// `edgeprobe drift --model DIR` on the bundled text pair: prediction columns from the text model
// and the embedding MMD signal in the JSON; two halves of the held-out set show no embedding drift.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftCommand } from './drift.ts';
import { textModelHooks } from './drift-text.ts';

const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-drift-text-'));
const samples = join(process.cwd(), 'public', 'samples');
const model = join(process.cwd(), 'public', 'models', 'debian-sections');

async function run(ref: string, cur: string, json: string): Promise<{ code: number; report: any }> {
  const code = await driftCommand(['--reference', ref, '--current', cur, '--model', model, '--json', json, '--quiet'], textModelHooks);
  return { code, report: JSON.parse(readFileSync(json, 'utf8')) };
}

describe('drift on a text column (no model)', () => {
  it('the bundled text pair: the description column becomes four descriptor tests, each with its test and verdict', async () => {
    const json = join(tmp, 'descriptors.json');
    const code = await driftCommand(['--reference', join(samples, 'debian-sections-heldout.csv'), '--current', join(samples, 'debian-sections-current.csv'), '--json', json, '--quiet']);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(code).toBe(1);
    const descriptors = report.columns.filter((c: any) => c.role === 'text descriptor');
    expect(descriptors.map((c: any) => c.name)).toEqual(['description · length (chars)', 'description · length (words)', 'description · unseen words share', 'description · non-letters share']);
    for (const c of descriptors) {
      expect(c).toMatchObject({ kind: 'numerical', test: 'wasserstein' });
      expect(Number.isFinite(c.statistic)).toBe(true);
      expect(typeof c.drift).toBe('boolean');
    }
    // The current set holds descriptions of sections the reference never saw: their words are new.
    expect(descriptors.find((c: any) => c.name === 'description · unseen words share').drift).toBe(true);
    expect(report.columns.some((c: any) => c.name === 'description')).toBe(false); // the raw text itself is not tested
  }, 60_000);
});

describe('drift --model (text)', () => {
  it('tests the model\'s predictions and its embedding on the bundled text pair', async () => {
    const { code, report } = await run(join(samples, 'debian-sections-heldout.csv'), join(samples, 'debian-sections-current.csv'), join(tmp, 'pair.json'));
    expect(code).toBe(1);
    const pred = report.columns.filter((c: any) => c.role === 'prediction').map((c: any) => c.name);
    expect(pred).toEqual(['prediction', 'prediction confidence']);
    expect(report.embedding).toMatchObject({ output: 'sentence_embedding', test: 'mmd', drift: true, n: 300, m: 300 });
    expect(report.embedding.pValue).toBeLessThan(0.05);
  }, 60_000);

  it('two halves of the held-out set: no embedding drift', async () => {
    const lines = readFileSync(join(samples, 'debian-sections-heldout.csv'), 'utf8').trim().split('\n');
    const [head, ...rows] = lines;
    writeFileSync(join(tmp, 'a.csv'), [head, ...rows.filter((_, i) => i % 2 === 0)].join('\n') + '\n');
    writeFileSync(join(tmp, 'b.csv'), [head, ...rows.filter((_, i) => i % 2 === 1)].join('\n') + '\n');
    const { report } = await run(join(tmp, 'a.csv'), join(tmp, 'b.csv'), join(tmp, 'halves.json'));
    expect(report.embedding.drift).toBe(false);
    expect(report.columns.find((c: any) => c.name === 'prediction').drift).toBe(false);
  }, 60_000);
});
