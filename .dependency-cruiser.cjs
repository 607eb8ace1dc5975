// Layer rules for src/, checked by dependency-cruiser inside `npm test` (scripts/layers.ts).
// Layers run one way: lib ← platform ← engine-web / engine-node ← workers ← app / cli / server
// (plus the top-level pages harness/ and sw/). No cycles, not even of `import type`. onnxruntime-web only in src/engine-web,
// onnxruntime-node only in src/engine-node; src/lib imports no node: module and no DOM-only package.
// Test-only files (`*.test.ts`, and `*.testing.ts` for helpers and fuzzers that only tests run) may
// read fixtures with node:fs, and use either onnxruntime as an independent reference, wherever they
// sit; the layer and runtime rules skip them, and no other file may import them.
/**
 * The tree the rules apply to: src/, or another folder laid out like it (the checker's own test
 * points this at tests/fixtures/layers/src through EDGEPROBE_LAYERS_ROOT).
 */
const SRC = (process.env.EDGEPROBE_LAYERS_ROOT || 'src').replace(/[.+*?()[\]{}|^$\\]/g, '\\$&');

/** Test-only modules: exempt from the layer rules, never imported by product code. */
const TEST_ONLY = '\\.(test|testing)\\.ts$';
/** DOM-, browser- or UI-only packages that pure code must not pull in. */
const DOM_ONLY = '^(svelte|comlink|playwright-core|idb|d3-selection)(/|$)';

/** `from` may import nothing under the listed src folders. */
const layer = (name, from, forbidden, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: `^${SRC}/${from}/`, pathNot: TEST_ONLY },
  to: { path: `^${SRC}/(${forbidden.join('|')})/` },
});

module.exports = {
  forbidden: [
    layer('lib-is-the-bottom', 'lib', ['platform', 'engine-web', 'engine-node', 'workers', 'app', 'cli', 'server', 'harness', 'sw'],
      'src/lib is pure: it imports only src/lib and pure packages.'),
    layer('platform-below-engines', 'platform', ['engine-web', 'engine-node', 'workers', 'app', 'cli', 'server', 'harness', 'sw'],
      'src/platform (browser worker host) sits below the engines and workers.'),
    layer('engine-web-below-workers', 'engine-web', ['engine-node', 'workers', 'app', 'cli', 'server', 'harness', 'sw'],
      'The web engine uses only lib and platform.'),
    layer('engine-node-below-workers', 'engine-node', ['engine-web', 'platform', 'workers', 'app', 'cli', 'server', 'harness', 'sw'],
      'The node engine uses only lib.'),
    layer('workers-below-ui', 'workers', ['engine-node', 'app', 'cli', 'server', 'harness', 'sw'],
      'The data worker uses lib, platform and the web engine, never a top layer.'),
    layer('app-is-browser-only', 'app', ['engine-node', 'cli', 'server'],
      'The Svelte app runs in the browser: no node engine, CLI or server code.'),
    layer('server-not-ui', 'server', ['app', 'cli', 'harness', 'sw', 'engine-web', 'platform', 'workers'],
      'The OIP server runs in Node on the node engine.'),
    layer('cli-not-app', 'cli', ['app', 'sw'],
      'The CLI drives the harness page in a browser; it never imports the Svelte app.'),
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules must not import each other in a loop, `import type` included: a type two modules share lives in a leaf types.ts both import. '
        + 'A module importing itself (a recursive Svelte component) is no loop between modules.',
      from: { path: `^(${SRC}/.+)$` },
      to: { circular: true, pathNot: '^$1$' },
    },
    {
      name: 'onnxruntime-web-only-in-engine-web',
      severity: 'error',
      comment: 'Only src/engine-web touches onnxruntime-web; everything else talks to it through its protocol.',
      from: { path: `^${SRC}/`, pathNot: [`^${SRC}/engine-web/`, TEST_ONLY] },
      to: { path: '(^|/)node_modules/onnxruntime-web/' },
    },
    {
      name: 'onnxruntime-node-only-in-engine-node',
      severity: 'error',
      comment: 'Only src/engine-node touches onnxruntime-node.',
      from: { path: `^${SRC}/`, pathNot: [`^${SRC}/engine-node/`, TEST_ONLY] },
      to: { path: '(^|/)node_modules/onnxruntime-node/' },
    },
    {
      name: 'lib-no-node-modules',
      severity: 'error',
      comment: 'src/lib runs in browsers and workers too: no node: built-in modules (tests may use them).',
      from: { path: `^${SRC}/lib/`, pathNot: TEST_ONLY },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lib-no-dom-packages',
      severity: 'error',
      comment: 'src/lib is pure: no Svelte, comlink, playwright or other DOM-only package.',
      from: { path: `^${SRC}/lib/`, pathNot: TEST_ONLY },
      to: { path: `(^|/)node_modules/${DOM_ONLY.slice(1)}` },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'Product code never imports a test or test helper.',
      from: { path: `^${SRC}/`, pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
