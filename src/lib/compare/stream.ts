// Samples run as one stream against a server: the server cannot carry state between requests, so
// each sample goes as it is and must hold every state input itself; a missing one is named up front.
import { InputShapeError } from '../tensors/errors.ts';
import type { TensorMap } from '../tensors/types.ts';

/**
 * Check that every sample holds every state input, before anything runs.
 * @param stateInputs the state inputs of the model's pairs (h, c for Silero VAD v4).
 * @param how the words for turning stream mode off ("untick …" in the page, "leave out --sequence" in the CLI).
 * @throws InputShapeError naming the first sample (from 1) and the inputs it lacks.
 */
export function checkServerStreamSamples(stateInputs: readonly string[], samples: readonly TensorMap[], how: string): void {
  samples.forEach((s, i) => {
    const lacks = stateInputs.filter((n) => !Object.hasOwn(s, n));
    if (lacks.length) {
      throw new InputShapeError(`a server baseline cannot carry state between requests, so each sample goes as it is, and sample ${i + 1} lacks state input${lacks.length > 1 ? 's' : ''} ${lacks.map((n) => `"${n}"`).join(', ')}: give the state in every sample, compare against a model (a second model file), or ${how}`);
    }
  });
}
