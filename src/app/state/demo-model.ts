// Plumbing between the demo view and the engine: which output holds the class scores, the model
// as a batched PredictRows callback for src/lib/explain, and the labelled sample sets of a demo.
import { isFixedDim } from '../../lib/tensors/shape.ts';
import type { PredictRows } from '../../lib/explain/types.ts';
import { classOutputName, toProbabilities } from './demo-answer.ts';
import type { PlainTensor, TensorMap } from '../../lib/tensors/types.ts';
import type { ModelInfo } from '../../lib/model/types.ts';
import { engine } from './engine.svelte.ts';
import type { ModelCard } from './catalog.ts';
import { heldoutSamples, parseSamplesJsonl, type LabelledSample } from './samples.ts';
import { loadSampleIndex, sampleText } from './sample-index.ts';
import { setsOfModel } from '../../lib/samples/index.ts';
import type { SampleSet } from './demo-fairness.svelte.ts';

export { classOutputName, toProbabilities };
export type { SampleSet };

/**
 * The loaded model as PredictRows: rows are stacked into one [N, …] tensor per call when the first
 * input dim is a batch dim, else run one by one (runMany). Output rows are class probabilities, or
 * the output as it is when `raw`.
 */
export function enginePredict(sessionId: string, info: ModelInfo, outputName: string, raw = false, actualDims?: readonly number[]): PredictRows {
  const convert = (row: Float32Array) => (raw ? Float32Array.from(row) : toProbabilities(row));
  const input = info.inputs[0]!;
  const dims = input.dims ?? [];
  // The input's real dims when known (free H/W at the size the image was made at), else the declared.
  const rowDims = actualDims ? actualDims.slice(1) : dims.slice(1).map((d) => (isFixedDim(d) ? d : 1));
  const batched = !isFixedDim(dims[0]) || dims[0] !== 1;
  return async (rows) => {
    const width = rows[0]?.length ?? 0;
    // A symbolic non-batch dim defaults to the row's own size.
    const fixed = rowDims.reduce((a, b) => a * b, 1) === width ? rowDims : [width];
    if (batched) {
      const data = new Float32Array(rows.length * width);
      rows.forEach((r, i) => data.set(r, i * width));
      const r = await engine.client.run(sessionId, { [input.name]: { type: 'float32', dims: [rows.length, ...fixed], data } }, [outputName]);
      const out = r.outputs[outputName]!.data as Float32Array;
      const k = out.length / rows.length;
      return rows.map((_, i) => convert(out.subarray(i * k, (i + 1) * k)));
    }
    const results = await engine.client.runMany(sessionId, rows.map((r) => ({ [input.name]: { type: 'float32', dims: [1, ...fixed], data: Float32Array.from(r) } })));
    return results.map((r) => convert(r.outputs[outputName]!.data as Float32Array));
  };
}

/**
 * Labelled sets for a bundled demo: its reference/current pair of OIP JSONL sets when it has one
 * (so "which set" is a group), else the card's held-out set.
 */
export async function demoSampleSets(modelId: string | null, card: ModelCard | null): Promise<SampleSet[]> {
  if (modelId) {
    try {
      const pair = setsOfModel(await loadSampleIndex(), modelId, 'oip-jsonl').filter((e) => e.role === 'reference' || e.role === 'current');
      if (pair.length >= 2) {
        return Promise.all(pair.map(async (e) => ({ name: e.id, description: e.description ?? '', samples: parseSamplesJsonl(await sampleText(e)) })));
      }
    } catch {
      // Fall back to the card's held-out set below.
    }
  }
  const held = await heldoutSamples(card);
  return held.length ? [{ name: 'held-out', description: 'The model card\'s held-out samples (never used in training).', samples: held }] : [];
}

/** The flat float row of a sample's first input. */
export function sampleRow(s: LabelledSample, inputName: string): Float32Array {
  const t = s.inputs[inputName] ?? Object.values(s.inputs)[0];
  if (!t || Array.isArray(t.data)) throw new Error(`a sample has no numeric "${inputName}" input`);
  return Float32Array.from(t.data as ArrayLike<number>, Number);
}
