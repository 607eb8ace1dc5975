// Re-measures every bundled demo model from the committed files: loads public/models/<id>.onnx with
// onnxruntime-web (its Node build, wasm backend), runs the model card's held-out OIP samples and checks
// the accuracy the card claims (computed in PyTorch by scripts/train/) and the card's label count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';

const MODELS_DIR = join(process.cwd(), 'public', 'models');
const BATCH = 250;
/** Allowed gap between re-measured and card accuracy, as a fraction (0.5 percentage points). */
const TOLERANCE = 0.005;

interface IndexEntry { id: string; name: string; task: string; file: string; card: string; bytes: number; folder?: string }
interface Card {
  id: string;
  task: string;
  labels: string[];
  heldoutCount: number;
  heldoutAccuracy: number;
  inputs: { name: string; dims: (string | number)[]; dtype: string }[];
  outputs: { name: string; dims: (string | number)[] }[];
  files: { onnx: string; heldoutSamples: string };
}
interface Sample {
  inputs: { name: string; shape: number[]; datatype: string; data: number[] }[];
  label: number;
  labelName: string;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function readSamples(path: string): Sample[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Sample);
}

/** Stacks single-row OIP samples ([1, ...]) into one [n, ...] float32 tensor. */
function stack(samples: Sample[]): ort.Tensor {
  const first = samples[0].inputs[0];
  const rowSize = first.data.length;
  const data = new Float32Array(samples.length * rowSize);
  samples.forEach((s, i) => data.set(s.inputs[0].data, i * rowSize));
  return new ort.Tensor('float32', data, [samples.length, ...first.shape.slice(1)]);
}

function argmaxRows(data: Float32Array, width: number): number[] {
  const out: number[] = [];
  for (let row = 0; row * width < data.length; row++) {
    let best = 0;
    for (let j = 1; j < width; j++) if (data[row * width + j] > data[row * width + best]) best = j;
    out.push(best);
  }
  return out;
}

const index = readJson<{ models: IndexEntry[] }>(join(MODELS_DIR, 'index.json'));

beforeAll(() => {
  // One thread: Node has no cross-origin isolation concerns, but the test machine has 2 shared cores.
  ort.env.wasm.numThreads = 1;
});

describe('bundled demo models', () => {
  it('index lists at least the digits and weather models, with matching files', () => {
    expect(index.models.map((m) => m.id).sort()).toEqual(expect.arrayContaining(['digits', 'weather']));
    for (const entry of index.models) {
      expect(readFileSync(join(MODELS_DIR, entry.file)).byteLength).toBe(entry.bytes);
      expect(readJson<Card>(join(MODELS_DIR, entry.card)).id).toBe(entry.id);
    }
  });

  // Text models (Hugging Face-style folders) need their tokenizer: text.test.ts re-measures them.
  for (const entry of index.models.filter((m) => !m.folder)) {
    it(`${entry.id}: held-out accuracy matches the model card within 0.5 points`, async () => {
      const card = readJson<Card>(join(MODELS_DIR, entry.card));
      const session = await ort.InferenceSession.create(readFileSync(join(MODELS_DIR, entry.file)));
      try {
        const inputName = card.inputs[0].name;
        const outputName = card.outputs[0].name;
        expect(session.inputNames).toContain(inputName);
        expect(session.outputNames).toContain(outputName);

        const samples = readSamples(join(MODELS_DIR, card.files.heldoutSamples));
        expect(samples.length).toBe(card.heldoutCount);
        expect(samples.every((s) => card.labels[s.label] === s.labelName)).toBe(true);
        let correct = 0;
        for (let start = 0; start < samples.length; start += BATCH) {
          const batch = samples.slice(start, start + BATCH);
          expect(batch.every((s) => s.inputs[0].name === inputName && s.inputs[0].datatype === 'FP32')).toBe(true);
          const result = await session.run({ [inputName]: stack(batch) });
          const logits = result[outputName];
          expect(logits.dims).toEqual([batch.length, card.labels.length]);
          const predicted = argmaxRows(logits.data as Float32Array, card.labels.length);
          predicted.forEach((p, i) => { if (p === batch[i].label) correct++; });
        }
        const accuracy = correct / samples.length;
        expect(Math.abs(accuracy - card.heldoutAccuracy)).toBeLessThanOrEqual(TOLERANCE);
      } finally {
        await session.release();
      }
    });
  }
});
