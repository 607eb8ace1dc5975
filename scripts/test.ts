// `npm test`: check the layer rules (.dependency-cruiser.cjs), build the app, then run every test
// (unit beside the code, e2e in Chromium) with Vitest, and close with one plain summary line:
// "tests: N passed, N failed". A layer violation fails the run like a failed test.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { buildCli } from './build-cli.ts';
import { checkLayers, formatViolations } from './layers.ts';

const root = resolve(import.meta.dirname, '..');
const bin = (p: string) => resolve(root, 'node_modules', p);
const layers = checkLayers(root, 'src');
if (layers.violations.length) {
  console.error(`\nlayer rules (.dependency-cruiser.cjs): ${layers.violations.length} violation(s)\n${formatViolations(layers.violations)}\n`);
} else {
  console.log(`layer rules: ${layers.modules} modules, ${layers.dependencies} dependencies, no violations`);
}
if (layers.warnings.length) {
  console.log(`layer rules: ${layers.warnings.length} warning(s) (not failing):\n${formatViolations(layers.warnings)}`);
}
execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
// The CLI as it ships (bin/edgeprobe.js runs the TypeScript through tsx when this build is missing).
try {
  await buildCli();
} catch (e) {
  console.warn(`CLI build failed, bin/edgeprobe.js will run the sources with tsx: ${(e as Error).message}`);
}

const report = resolve(tmpdir(), `edgeprobe-vitest-${process.pid}.json`);
const args = [bin('vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, EDGEPROBE_REBUILD: '' } });

let passed = 0, failed = 0, skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  rmSync(report, { force: true });
} catch {
  failed = Math.max(failed, 1);
}
const layerNote = layers.violations.length ? `; layer rules: ${layers.violations.length} violation(s), see above` : '';
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${layerNote}`);
process.exit(layers.violations.length ? 1 : (r.status ?? 1));
