// CLI benchmark: wall time of `edgeprobe compare --runtime browser` against `--runtime native` on
// 6 samples of tests/fixtures/bench-models/wide_output.onnx (one [1,40,6625] float32 output), baseline
// the same model run natively. The browser runtime should cost at most the in-app time plus the
// browser's start: prints the medians and their ratio, and exits 1 when the ratio is over 3.
// Rounds are interleaved so load from other processes hits both alike.
// Run: node --import tsx scripts/bench/cli-browser.ts [--rounds N (3)]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Math.max(1, Number(values.rounds));
const repo = resolve(import.meta.dirname, '../..');
const model = join(repo, 'tests/fixtures/bench-models/wide_output.onnx');
const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-cli-browser-'));
const samples = join(dir, 'samples.jsonl');
// Six seeded OIP requests for x [1, 40, 8].
let seed = 1;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
writeFileSync(samples, Array.from({ length: 6 }, () => JSON.stringify({ inputs: [{ name: 'x', shape: [1, 40, 8], datatype: 'FP32', data: Array.from({ length: 320 }, rand) }] })).join('\n'));

/** Wall time (ms) of one compare run in a fresh process; throws when it fails. */
function compare(runtime: 'browser' | 'native'): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(repo, 'bin/edgeprobe.js'), 'compare', model, '--samples', samples, '--baseline', model, '--runtime', runtime, '--json', join(dir, `${runtime}.json`)], { cwd: repo, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`compare --runtime ${runtime} failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}

try {
  compare('native'); // warm the file cache and the built CLI
  const browser: number[] = [];
  const native: number[] = [];
  for (let k = 0; k < rounds; k++) {
    native.push(compare('native'));
    browser.push(compare('browser'));
  }
  const median = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1]!;
  const ratio = median(browser) / median(native);
  const s = (a: number[]) => a.map((v) => `${(v / 1000).toFixed(2)} s`).join(', ');
  console.log(`compare wide_output.onnx ([1,40,6625] output), 6 samples, ${rounds} interleaved rounds: browser median ${(median(browser) / 1000).toFixed(2)} s (${s(browser)}), native median ${(median(native) / 1000).toFixed(2)} s (${s(native)}), browser/native ${ratio.toFixed(2)} (limit 3)`);
  if (ratio > 3) {
    console.log('the CLI browser runtime costs more than 3× the native runtime');
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
