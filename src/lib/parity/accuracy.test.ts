// Accuracy against labels (NumPy argmax reference), label tensors, unlabelled rows and errors.
import { describe, expect, it } from 'vitest';
import { accuracyVsLabels, predictedClasses } from './accuracy.ts';
import { ParityInputError } from './errors.ts';
import { expectClose, parity, tensor } from './fixture.ts';

describe('accuracyVsLabels', () => {
  it('matches NumPy argmax accuracy over labelled rows (labels < 0 skipped)', () => {
    const { scores, labels, expected } = parity.accuracy;
    const r = accuracyVsLabels(tensor(scores), labels);
    expect(r.labelled).toBe(expected.labelled);
    expect(r.correct).toBe(expected.correct);
    expectClose(r.accuracy, expected.accuracy, 'accuracy');
    expect(Array.from(r.predicted)).toEqual(expected.predicted);
  });

  it('takes integer [N] or [N, 1] outputs as predicted labels', () => {
    expect(Array.from(predictedClasses({ type: 'int64', dims: [3], data: BigInt64Array.from([2n, 0n, 1n]) }))).toEqual([2, 0, 1]);
    const r = accuracyVsLabels({ type: 'int32', dims: [3, 1], data: Int32Array.from([2, 0, 1]) }, [2, 1, null]);
    expect(r).toMatchObject({ labelled: 2, correct: 1, accuracy: 0.5 });
  });

  it('gives NaN accuracy when nothing is labelled', () => {
    expect(accuracyVsLabels({ type: 'float32', dims: [1, 2], data: Float32Array.from([0, 1]) }, [NaN]).accuracy).toBeNaN();
  });

  it('rejects a label count that differs from the rows', () => {
    expect(() => accuracyVsLabels({ type: 'float32', dims: [2, 2], data: new Float32Array(4) }, [1], 'probs')).toThrow(ParityInputError);
    expect(() => accuracyVsLabels({ type: 'float32', dims: [2, 2], data: new Float32Array(4) }, [1], 'probs')).toThrow(/probs: 1 labels for 2 predicted rows/);
  });
});
