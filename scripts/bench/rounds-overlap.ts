// Do two identical benchmark runs agree? Runs the same config twice in a row, PAIRS times, in the
// browser (the app's worker, headless Chromium) and counts the pairs whose p50 intervals overlap:
// the rounds interval (Student t over round medians, what decisions use) and, for contrast, the
// one-run bootstrap interval of the same runs; plus bench-compare's verdict on each pair.
// A benchmark, not a test: `npm run bench` runs it; alone:
//   node --import tsx scripts/bench/rounds-overlap.ts [--pairs 10] [--rounds 3] [--min-time 0.4] [--warmup-time 0.3] [--model FILE] [--runtime browser|native]
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BrowserRuntime, isHarnessError, type HarnessError } from '../../src/cli/browser.ts';
import { benchModel } from '../../src/cli/bench.ts';
import { intervalsOverlap } from '../../src/lib/bench/compare.ts';
import { compareRuns } from '../../src/lib/bench/run-compare.ts';
import type { BenchProtocol, BenchResult } from '../../src/lib/bench/types.ts';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' }, 'min-time': { type: 'string', default: '0.4' },
    'warmup-time': { type: 'string', default: '0.3' }, model: { type: 'string', default: 'public/models/digits.onnx' }, runtime: { type: 'string', default: 'browser' },
  },
});
const pairs = Number(values.pairs);
const model = resolve(import.meta.dirname, '../..', values.model!);
const protocol: Partial<BenchProtocol> = {
  rounds: Number(values.rounds), warmupRuns: 10, warmupMs: Number(values['warmup-time']) * 1000, minRuns: 50, minTimeMs: Number(values['min-time']) * 1000, endToEndRuns: 0,
};
const log = (s: string) => process.stderr.write(`${s}\n`);
const t0 = performance.now();

let runOnce: () => Promise<BenchResult>;
let close = async () => undefined as void;
if (values.runtime === 'native') {
  const bytes = new Uint8Array(readFileSync(model));
  runOnce = async () => (await benchModel(model, bytes, { runtime: 'native', threads: [1], optLevels: ['all'], batches: [1], protocol, quick: false, profileRuns: 0 })).result;
} else {
  const rt = await BrowserRuntime.open();
  const url = rt.mount(model);
  close = () => rt.close();
  runOnce = async () => {
    const r = await rt.call<{ result: BenchResult } | HarnessError>('bench', url, { name: 'overlap', backends: ['wasm'], threads: [1], optLevels: ['all'], batches: [1], protocol, profileRuns: 0 });
    if (isHarnessError(r)) throw new Error(`${r.error.name}: ${r.error.message}`);
    return r.result;
  };
}

let roundsOverlap = 0;
let bootOverlap = 0;
let noClear = 0;
try {
  for (let k = 0; k < pairs; k++) {
    const a = await runOnce();
    const b = await runOnce();
    const ca = a.configs[0]!;
    const cb = b.configs[0]!;
    if (!ca.compute || !cb.compute) throw new Error(`a run failed: ${ca.error?.message ?? cb.error?.message}`);
    const ro = intervalsOverlap(ca.p50Interval!, cb.p50Interval!);
    const bo = intervalsOverlap(ca.compute.p50Ci, cb.compute.p50Ci);
    const v = compareRuns(a, b).configs[0]!;
    roundsOverlap += ro ? 1 : 0;
    bootOverlap += bo ? 1 : 0;
    noClear += v.verdict === 'no clear difference' ? 1 : 0;
    const f = (x: number) => x.toFixed(4);
    log(`pair ${k + 1}: round p50s [${ca.rounds.map((r) => f(r.p50)).join(' ')}] vs [${cb.rounds.map((r) => f(r.p50)).join(' ')}] ms · rounds interval [${f(ca.p50Interval!.low)}, ${f(ca.p50Interval!.high)}] vs [${f(cb.p50Interval!.low)}, ${f(cb.p50Interval!.high)}] ${ro ? 'overlap' : 'DISJOINT'} · one-run bootstrap ${bo ? 'overlap' : 'disjoint'} · bench-compare ratio ${v.ratio.toFixed(3)} ${v.verdict}`);
  }
} finally {
  await close();
}
process.stdout.write(`identical runs (${values.runtime}, ${values.model}, ${protocol.rounds} rounds × ≥ ${protocol.minRuns} runs and ≥ ${values['min-time']} s): `
  + `p50 intervals over round medians overlapped in ${roundsOverlap} of ${pairs} pairs (goal ≥ ${Math.ceil(pairs * 0.9)}); `
  + `the one-run bootstrap intervals of the same runs in ${bootOverlap} of ${pairs}; bench-compare said "no clear difference" for ${noClear} of ${pairs} `
  + `(${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
