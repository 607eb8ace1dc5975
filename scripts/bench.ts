// `npm run bench`: edgeprobe's benchmark suite (not a test). For each bundled model it prints
// (a) harness overhead: edgeprobe's worker-side p50 against a bare onnxruntime-web session.run loop
//     (bench/bare.html) in the same browser and config, and the end-to-end cost per call;
// (b) the best browser config against native onnxruntime-node on this machine (p50 ratio);
// (c) the app's initial JS bundle size (gzip), without onnxruntime's wasm and loader chunks;
// then runs every other scripts/bench/*.ts in turn.
// Flags: --model FILE (repeatable; instead of the bundled models) --rounds N (2) --min-time S (2)
//        --skip-extra | --skip NAME[,NAME] (extra scripts by base name) --extra-timeout S (150) --json FILE
//        --dist DIR (a built app other than ./dist, e.g. a private build while others rebuild ./dist)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, ensureBuilt, isHarnessError, type HarnessError } from '../src/cli/browser.ts';
import { serveStatic } from '../src/cli/static.ts';
import { benchModel } from '../src/cli/bench.ts';
import { inspectModel } from '../src/lib/model/onnx.ts';
import { benchShapes, hasDynamicBatch } from '../src/lib/bench/inputs.ts';
import { quantileSorted } from '../src/lib/stats/percentiles.ts';
import { groupedMedian, timerResolution } from '../src/lib/bench/resolution.ts';
import type { BenchResult } from '../src/lib/bench/types.ts';

const repo = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '2' },
    'min-time': { type: 'string', default: '2' },
    'skip-extra': { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    'extra-timeout': { type: 'string', default: '150' },
    json: { type: 'string' },
    dist: { type: 'string' },
  },
});
const models = values.model ?? ['public/models/digits.onnx', 'public/models/weather.onnx'];
const rounds = Math.max(1, Number(values.rounds));
const minTimeMs = Number(values['min-time']) * 1000;
// One round per call: this suite interleaves its own rounds (bare, edgeprobe, bare, edgeprobe …).
const protocol = { rounds: 1, warmupRuns: 20, warmupMs: 0, minRuns: 300, minTimeMs, endToEndRuns: 300 };
const log = (s: string) => process.stderr.write(`${s}\n`);
const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(3)} ms`);
const median = (xs: number[]) => quantileSorted(xs.slice().sort((a, b) => a - b), 0.5);

/** (c) Initial bundle: the entry script, its modulepreloads and CSS from dist/index.html, gzipped. */
function bundleSize(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]!);
  const files = refs.filter((r) => /\.(m?js|css)$/.test(r) && !/ort[.-]|onnxruntime/i.test(r));
  const rows = files.map((f) => {
    const bytes = readFileSync(join(dist, f.replace(/^\//, '')));
    return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const js = rows.filter((r) => !r.file.endsWith('.css'));
  return { files: rows, jsGzip: js.reduce((a, r) => a + r.gzip, 0), jsBytes: js.reduce((a, r) => a + r.bytes, 0), cssGzip: rows.filter((r) => r.file.endsWith('.css')).reduce((a, r) => a + r.gzip, 0) };
}

interface BareOut { createMs: number; samples: number[] }

/** The harness and bare pages of one built app in one headless Chromium (like the CLI's BrowserRuntime, any dist). */
async function openRuntime(dist: string) {
  const server = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page: Page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${server.url}/harness.html`);
  await page.waitForFunction(() => 'edgeprobe' in globalThis, undefined, { timeout: 30_000 });
  let n = 0;
  return {
    browser, server,
    mount(file: string) {
      const p = `/__bench/${n++}/${basename(file)}`;
      server.mount(p, file);
      return p;
    },
    call<T>(method: string, ...args: unknown[]): Promise<T> {
      return page.evaluate(([m, a]) => (globalThis as any).edgeprobe[m as string](...(a as unknown[])), [method, args] as const) as Promise<T>;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

async function main() {
  const dist = values.dist ? resolve(values.dist) : ensureBuilt();
  const rt = await openRuntime(dist);
  const bare = await rt.browser.newPage();
  await bare.goto(`${rt.server.url}/bench/bare.html`);
  await bare.waitForFunction(() => 'bare' in globalThis, undefined, { timeout: 30_000 });
  const report: Record<string, unknown>[] = [];
  try {
    for (const file of models) {
      const path = resolve(repo, file);
      const bytes = new Uint8Array(readFileSync(path));
      const info = await inspectModel(bytes);
      const name = basename(file).replace(/\.onnx$/, '');
      const url = rt.mount(path);
      const batch = hasDynamicBatch(info.inputs) ? 1 : null;
      const shapes = benchShapes(info.inputs, batch);
      const inputs = info.inputs.map((i) => ({ name: i.name, type: i.type, dims: shapes[i.name]! }));
      log(`${name}: harness overhead, wasm · 1 thread · opt all, ${rounds} interleaved rounds`);
      const ours: number[] = [];
      const oursE2e: number[] = [];
      const theirs: number[] = [];
      const oursAll: number[] = [];
      const theirsAll: number[] = [];
      for (let k = 0; k < rounds; k++) {
        const b = await bare.evaluate((req) => (globalThis as any).bare.run(req), { url, backend: 'wasm' as const, threads: 1, graphOptimizationLevel: 'all' as const, inputs, ...protocol }) as BareOut | { error: string };
        if ('error' in b) throw new Error(`bare loop failed on ${name}: ${b.error}`);
        theirs.push(median(b.samples));
        theirsAll.push(...b.samples);
        const r = await rt.call<{ result: BenchResult } | HarnessError>('bench', url, {
          name, backends: ['wasm'], threads: [1], optLevels: ['all'], batches: batch === null ? undefined : [1], protocol, profileRuns: 0,
        });
        if (isHarnessError(r)) throw new Error(`edgeprobe bench failed on ${name}: ${r.error.message}`);
        const c = r.result.configs[0]!;
        if (!c.compute) throw new Error(`edgeprobe bench failed on ${name}: ${c.error?.message}`);
        ours.push(c.compute.p50);
        oursAll.push(...c.samples);
        oursE2e.push(c.endToEnd!.p50);
        log(`  round ${k + 1}: bare p50 ${ms(theirs.at(-1)!)} · edgeprobe worker p50 ${ms(c.compute.p50)} · end to end p50 ${ms(c.endToEnd!.p50)} (long tasks ${r.result.longTasks})`);
      }
      // Medians over all rounds pooled; with a coarse clock (5 µs ticks) the grouped median
      // interpolates within the tick, so a sub-tick overhead is seen rather than rounded away.
      const tick = Math.max(timerResolution(theirsAll), timerResolution(oursAll), 1e-6);
      const bareP50 = median(theirsAll);
      const oursP50 = median(oursAll);
      const bareGrouped = groupedMedian(theirsAll, tick);
      const oursGrouped = groupedMedian(oursAll, tick);
      const e2eP50 = median(oursE2e);

      log(`${name}: best browser config (wasm × threads 1,2) vs native onnxruntime-node (threads 1,2)`);
      const common = { backends: undefined, optLevels: ['all' as const], batches: batch === null ? undefined : [1], protocol: { ...protocol, endToEndRuns: 0 }, quick: false, profileRuns: 0 };
      const br = await rt.call<{ result: BenchResult } | HarnessError>('bench', url, { name, ...common, backends: ['wasm'], threads: [1, 2] });
      if (isHarnessError(br)) throw new Error(`edgeprobe bench failed on ${name}: ${br.error.message}`);
      const browser = br.result;
      const native = (await benchModel(path, bytes, { ...common, runtime: 'native', threads: [1, 2] })).result;
      const best = (r: BenchResult) => {
        const c = r.configs.find((k) => k.id === r.fastest);
        if (!c) throw new Error(`no config of ${name} succeeded on ${r.fingerprint.runtime}: ${r.configs.map((k) => k.error?.message).join('; ')}`);
        return c;
      };
      const bb = best(browser);
      const nb = best(native);
      const row = {
        model: name,
        timerResolutionMs: tick,
        bareP50Ms: bareP50, edgeprobeP50Ms: oursP50, overheadPct: ((oursP50 - bareP50) / bareP50) * 100,
        bareGroupedMedianMs: bareGrouped, edgeprobeGroupedMedianMs: oursGrouped, overheadGroupedPct: ((oursGrouped - bareGrouped) / bareGrouped) * 100,
        endToEndP50Ms: e2eP50, endToEndOverheadMs: e2eP50 - bareP50,
        bestBrowser: bb.id, bestBrowserP50Ms: bb.compute!.p50, bestNative: nb.id, bestNativeP50Ms: nb.compute!.p50,
        browserNativeRatio: bb.compute!.p50 / nb.compute!.p50, browserLongTasks: browser.longTasks,
      };
      report.push(row);
      log(`  browser ${bb.id} p50 ${ms(row.bestBrowserP50Ms)} · native ${nb.id} p50 ${ms(row.bestNativeP50Ms)}`);
    }
  } finally {
    await bare.close();
    await rt.close();
  }
  const size = bundleSize(dist);
  const out: string[] = ['', 'edgeprobe benchmark suite', ''];
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
  out.push('model      bare p50    edgeprobe p50  overhead  grouped-median overhead  end-to-end p50  e2e − bare   best browser (p50)            best native (p50)          browser/native');
  for (const r of report as any[]) {
    out.push(`${String(r.model).padEnd(10)} ${ms(r.bareP50Ms).padStart(10)} ${ms(r.edgeprobeP50Ms).padStart(14)} ${pct(r.overheadPct).padStart(9)} ${`${pct(r.overheadGroupedPct)} (${ms(r.bareGroupedMedianMs)} → ${ms(r.edgeprobeGroupedMedianMs)})`.padStart(24)} ${ms(r.endToEndP50Ms).padStart(15)} ${ms(r.endToEndOverheadMs).padStart(12)}   ${`${r.bestBrowser} (${ms(r.bestBrowserP50Ms)})`.padEnd(29)} ${`${r.bestNative} (${ms(r.bestNativeP50Ms)})`.padEnd(26)} ${r.browserNativeRatio.toFixed(2).padStart(6)}`);
  }
  out.push(`timer resolution in the browser: ${(report as any[]).map((r) => `${r.model} ${ms(r.timerResolutionMs)}`).join(', ')} (percentiles move in steps of this size; the grouped median interpolates within a step)`);
  out.push('', `initial bundle (dist/index.html entry + modulepreloads, without onnxruntime): JS ${(size.jsGzip / 1024).toFixed(1)} KiB gzip (${(size.jsBytes / 1024).toFixed(1)} KiB raw), CSS ${(size.cssGzip / 1024).toFixed(1)} KiB gzip`);
  for (const f of size.files) out.push(`  ${f.file.padEnd(48)} ${(f.gzip / 1024).toFixed(1).padStart(7)} KiB gzip`);
  out.push('', 'overhead = (edgeprobe worker p50 − bare p50) / bare p50 over all rounds pooled; e2e − bare: per-call cost of the page → worker → page round trip.');
  process.stdout.write(`${out.join('\n')}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ models: report, bundle: size }, null, 1));

  if (!values['skip-extra']) {
    const skip = new Set(values.skip!.split(',').filter(Boolean));
    const extras = readdirSync(join(repo, 'scripts/bench')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !skip.has(f.replace(/\.ts$/, '')));
    for (const f of extras) {
      process.stdout.write(`\n== scripts/bench/${f} (skip with --skip ${f.replace(/\.ts$/, '')}) ==\n`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts/bench', f)], { cwd: repo, stdio: 'inherit', timeout: Number(values['extra-timeout']) * 1000 });
      if (r.error || r.status !== 0) process.stdout.write(`scripts/bench/${f}: ${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}\n`);
    }
  }
}

await main();
