// Soak: 10,000 inferences of the bundled weather model in a row, in headless Chromium through the
// app's own worker (harness.html `soak`), with the memory of the worker (onnxruntime's wasm heap
// lives there) and of the page measured every 500 runs. Fails (exit 1) when either grows after
// warm-up by more than --max-growth-mb (default 1 MB, i.e. ~100 bytes an inference over 10,000)
// and 2 %. Run by `npm run bench`, or alone:
//   node --import tsx scripts/bench/soak.ts [--runs 10000] [--every 500] [--threads 1] [--json FILE] [--dist DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, ensureBuilt, isHarnessError, type HarnessError } from '../../src/cli/browser.ts';
import { serveStatic } from '../../src/cli/static.ts';

const repo = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    every: { type: 'string', default: '500' },
    threads: { type: 'string', default: '1' },
    'max-growth-mb': { type: 'string', default: '1' },
    json: { type: 'string' },
    dist: { type: 'string' },
  },
});
const runs = Number(values.runs);
const every = Number(values.every);
const maxGrowth = Number(values['max-growth-mb']) * 1e6;
const log = (s: string) => process.stderr.write(`${s}\n`);
const mb = (b: number | null) => (b === null ? '—' : `${(b / 1e6).toFixed(2)} MB`);

interface Sample { runs: number; ms: number; totalBytes: number | null; workerBytes: number | null; pageBytes: number | null; pageJsHeapUsed: number | null }
type Key = 'workerBytes' | 'pageBytes' | 'pageJsHeapUsed';

/** Least-squares slope of y against x (bytes per run). */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** Growth of one series after warm-up (the first 10 % of runs): last − first, and the fitted trend over the run. */
export function growth(samples: Sample[], key: Key) {
  const warm = samples.filter((s) => s.runs >= Math.min(1000, runs / 10) && s[key] !== null);
  if (warm.length < 2) return null;
  const first = warm[0]![key]!;
  const last = warm.at(-1)![key]!;
  const trend = slope(warm.map((s) => s.runs), warm.map((s) => s[key]!)) * (warm.at(-1)!.runs - warm[0]!.runs);
  const limit = Math.max(maxGrowth, first * 0.02);
  // A leak shows as a steady trend, not one noisy sample: judge by the fitted trend and the end point.
  const perRun = trend / (warm.at(-1)!.runs - warm[0]!.runs);
  return { first, last, delta: last - first, trend, perRun, limit, ok: trend <= limit && last - first <= limit };
}

async function main(): Promise<number> {
  const dist = values.dist ? resolve(values.dist) : ensureBuilt();
  const server = await serveStatic(dist);
  // Measure memory at once (otherwise Chrome waits for its next GC, up to 20 s a sample).
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => 'edgeprobe' in globalThis, undefined, { timeout: 30_000 });
    const call = <T>(m: string, ...a: unknown[]) => page.evaluate(([m2, a2]) => (globalThis as any).edgeprobe[m2 as string](...(a2 as unknown[])), [m, a] as const) as Promise<T>;
    const env = await call<{ threads: number; crossOriginIsolated: boolean; ortVersion: string }>('init', Number(values.threads));
    const loaded = await call<{ sessionId: string } | HarnessError>('load', '/models/weather.onnx', 'wasm');
    if (isHarnessError(loaded)) throw new Error(`loading the weather model failed: ${loaded.error.message}`);
    // One real held-out row as the request, the same every time.
    const request = JSON.parse(readFileSync(resolve(repo, 'public/samples/weather-heldout.jsonl'), 'utf8').split('\n')[0]!);
    delete request.label;
    delete request.labelName;
    log(`soak: ${runs} inferences of weather.onnx (wasm × ${env.threads} thread${env.threads === 1 ? '' : 's'}, ort ${env.ortVersion}), memory every ${every}`);
    const t0 = Date.now();
    const r = await call<{ samples: Sample[]; restarts: number } | HarnessError>('soak', loaded.sessionId, request, runs, every);
    if (isHarnessError(r)) throw new Error(`soak failed: ${r.error.message}`);
    const wallS = (Date.now() - t0) / 1000;
    const s = r.samples;
    if (s.every((x) => x.workerBytes === null)) throw new Error('this browser cannot measure memory (performance.measureUserAgentSpecificMemory needs a cross-origin isolated page)');

    const lines = ['', `edgeprobe soak: ${runs} inferences in ${wallS.toFixed(1)} s (${((wallS * 1000) / runs).toFixed(3)} ms each, round trip), worker restarts ${r.restarts}`, ''];
    lines.push('runs      worker (wasm heap + JS)   page (JS)    page JS heap used');
    for (const x of s) lines.push(`${String(x.runs).padStart(6)}  ${mb(x.workerBytes).padStart(22)}  ${mb(x.pageBytes).padStart(10)}  ${mb(x.pageJsHeapUsed).padStart(18)}`);
    const verdicts = (['workerBytes', 'pageBytes', 'pageJsHeapUsed'] as const).map((k) => ({ key: k, g: growth(s, k) }));
    lines.push('');
    for (const { key, g } of verdicts) {
      if (!g) continue;
      lines.push(`${key.padEnd(15)} after warm-up ${mb(g.first)} → ${mb(g.last)} (Δ ${mb(g.delta)}, fitted trend ${mb(g.trend)} = ${g.perRun.toFixed(0)} B per inference; limit ${mb(g.limit)}): ${g.ok ? 'no growth' : 'GROWS'}`);
    }
    const ok = verdicts.every((v) => !v.g || v.g.ok) && r.restarts === 0;
    lines.push('', `verdict: ${ok ? 'PASS — no memory growth over the soak' : 'FAIL — memory grows (or the worker restarted)'}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (values.json) writeFileSync(values.json, JSON.stringify({ runs, wallS, threads: env.threads, restarts: r.restarts, samples: s, growth: Object.fromEntries(verdicts.map((v) => [v.key, v.g])), pass: ok }, null, 1));
    return ok ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

process.exitCode = await main();
