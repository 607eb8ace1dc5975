// The shapes a comparison runs at: every sample must be at the shape chosen in the shape editor
// (or --shape), and the report says which shapes ran.
import { InputShapeError } from '../tensors/errors.ts';
import type { TensorMap } from '../tensors/types.ts';

/**
 * Check each sample's inputs against the chosen shapes (inputs without a chosen shape pass).
 * @throws InputShapeError naming the first sample and input that differ, and both shapes.
 */
export function checkSampleShapes(samples: readonly { inputs: TensorMap }[], shapes: Readonly<Record<string, readonly number[]>>, where = 'the shape editor'): void {
  samples.forEach((s, i) => {
    for (const [name, t] of Object.entries(s.inputs)) {
      const want = shapes[name];
      if (want && want.join(',') !== t.dims.join(',')) {
        throw new InputShapeError(`sample ${i + 1}: input "${name}" is [${t.dims.join(', ')}], but ${where} sets [${want.join(', ')}]; set the shape to the samples' (or reset it), or use samples at that shape`);
      }
    }
  });
}

/** The shapes the samples ran at: each input's distinct shapes, in first-seen order. */
export function shapesOfSamples(samples: readonly { inputs: TensorMap }[]): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const s of samples) {
    for (const [name, t] of Object.entries(s.inputs)) {
      const list = (out[name] ??= []);
      if (!list.some((d) => d.join(',') === t.dims.join(','))) list.push(t.dims.slice());
    }
  }
  return out;
}
