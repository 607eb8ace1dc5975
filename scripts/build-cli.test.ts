// The prebuilt CLI: bin/edgeprobe.js takes it only while it is newer than all its sources, and it
// gives the same drift report as the TypeScript run through tsx.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtCli } from '../bin/built-cli.js';
import { buildCli } from './build-cli.ts';

const repo = resolve(import.meta.dirname, '..');

describe('builtCli (which CLI bin/edgeprobe.js runs)', () => {
  const root = mkdtempSync(join(tmpdir(), 'edgeprobe-cli-'));
  const url = pathToFileURL(root + '/');
  mkdirSync(join(root, '.cache/cli'), { recursive: true });
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/a.ts'), '');
  const at = (ms: number) => utimesSync(join(root, 'src/a.ts'), ms / 1000, ms / 1000);
  const info = (builtAtMs: number) => writeFileSync(join(root, '.cache/cli/inputs.json'), JSON.stringify({ builtAtMs, inputs: ['src/a.ts'] }));

  it('is null without a build, and with a build older than a source', () => {
    expect(builtCli(url)).toBeNull();
    info(1_000_000);
    at(2_000_000);
    expect(builtCli(url)).toBeNull();
  });
  it('is the bundle when every source is older; null when forced to run from source or an input is gone', () => {
    info(3_000_000);
    at(2_000_000);
    expect(builtCli(url)?.href).toBe(new URL('.cache/cli/main.mjs', url).href);
    expect(builtCli(url, true)).toBeNull();
    rmSync(join(root, 'src/a.ts'));
    expect(builtCli(url)).toBeNull();
  });
  it('is null for a malformed record', () => {
    writeFileSync(join(root, '.cache/cli/inputs.json'), '{"inputs": 3}');
    expect(builtCli(url)).toBeNull();
    rmSync(root, { recursive: true, force: true });
  });
});

describe('the built CLI', () => {
  it('gives the same drift report as the sources run through tsx', async () => {
    await buildCli();
    expect(builtCli(pathToFileURL(repo + '/'))).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-cli-drift-'));
    const rows = (shift: number) => 'x,c\n' + Array.from({ length: 400 }, (_, i) => `${(i * 7) % 50 + shift},${'abc'[i % 3]}`).join('\n') + '\n';
    writeFileSync(join(dir, 'r.csv'), rows(0));
    writeFileSync(join(dir, 'c.csv'), rows(9));
    const run = (json: string, env: Record<string, string>) => {
      try {
        execFileSync(process.execPath, [join(repo, 'bin/edgeprobe.js'), 'drift', '--reference', join(dir, 'r.csv'), '--current', join(dir, 'c.csv'), '--json', json, '--quiet'], { env: { ...process.env, ...env } });
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e; // 1 = dataset drift
      }
      return JSON.parse(readFileSync(json, 'utf8'), (k, v) => (k === 'computeMs' || k === 'generated' ? 0 : v)); // times differ run to run
    };
    expect(run(join(dir, 'built.json'), {})).toEqual(run(join(dir, 'source.json'), { EDGEPROBE_FROM_SOURCE: '1' }));
    rmSync(dir, { recursive: true, force: true });
  });
});
