// The layer check fails on a violation: a tiny tree (tests/fixtures/layers/src) with one deliberate
// break of each kind of rule, cruised with the repository's own .dependency-cruiser.cjs.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('report each deliberate violation in the fixture tree, and the checker exits 1', () => {
    const fx = 'tests/fixtures/layers/src';
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layers.ts'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, EDGEPROBE_LAYERS_ROOT: fx },
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('layer rules (.dependency-cruiser.cjs): 10 violation(s)');
    // Paths shortened: the fixture prefix dropped, and a package named without its entry file.
    const found = lines.slice(1).map((l) => l.trim().replace(new RegExp(`${fx}/`, 'g'), '').replace(/(node_modules\/[^/]+)\/\S+/, '$1')).sort();
    expect(found).toEqual([
      'engine-node-below-workers: engine-node/native.ts → app/view.ts',
      'lib-is-the-bottom: lib/uses-app.ts → app/view.ts',
      'lib-no-dom-packages: lib/uses-comlink.ts → node_modules/comlink',
      'lib-no-node-modules: lib/reads-disk.ts → fs',
      'no-cycles: lib/ping.ts → lib/pong.ts → lib/ping.ts',
      // A loop made only of `import type` fails like any other.
      'no-cycles: lib/shape-check.ts → lib/shape.ts → lib/shape-check.ts',
      'no-test-code-in-product: lib/uses-test.ts → lib/pure.test.ts',
      'onnxruntime-node-only-in-engine-node: cli/native.ts → node_modules/onnxruntime-node',
      'onnxruntime-web-only-in-engine-web: app/view.ts → node_modules/onnxruntime-web',
      'workers-below-ui: workers/reader.ts → app/view.ts',
    ]);
    // Allowed: onnxruntime-web inside engine-web, onnxruntime-node inside engine-node, node:fs in a
    // lib test file.
    expect(r.stderr).not.toMatch(/engine-web\/session\.ts|engine-node\/session\.ts|lib\/pure\.test\.ts →/);
  }, 120_000);
});
