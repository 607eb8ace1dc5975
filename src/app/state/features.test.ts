import { describe, it, expect } from 'vitest';
import { tableFeatures } from './features.ts';
import type { ModelInfo } from '../../lib/model/types.ts';

const info = (dims: (number | string | null)[]) => ({ inputs: [{ name: 'x', dims }] }) as unknown as Pick<ModelInfo, 'inputs'>;

describe('tableFeatures', () => {
  it('names the columns of a [N, F] input from the card, with units', () => {
    const card = { inputs: [{ name: 'x', dims: [1, 3], dtype: 'float32', featureNames: ['temp_max', 'wind', 'month'], units: { wind: 'm/s' } }] };
    expect(tableFeatures({ info: info(['N', 3]), card })).toEqual({ inputName: 'x', names: ['temp_max', 'wind', 'month'], units: { wind: 'm/s' } });
  });
  it('falls back to "feature i" for columns the card does not name', () => {
    const card = { inputs: [{ name: 'x', dims: [1, 3], dtype: 'float32', featureNames: ['a'] }] };
    expect(tableFeatures({ info: info([1, 3]), card })?.names).toEqual(['a', 'feature 1', 'feature 2']);
    expect(tableFeatures({ info: info([1, 2]), card: null })?.names).toEqual(['feature 0', 'feature 1']);
  });
  it('is null for inputs that are not table rows', () => {
    expect(tableFeatures({ info: info([1, 3, 28, 28]), card: null })).toBeNull();
    expect(tableFeatures({ info: info([1, 'F']), card: null })).toBeNull();
    expect(tableFeatures(null)).toBeNull();
  });
});
