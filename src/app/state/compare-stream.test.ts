// Which models Compare offers "Run samples as one stream" for, and whether it starts ticked.
import { describe, expect, it } from 'vitest';
import { pairsText, statePairsOf, streamByDefault } from './compare-stream.ts';

import { silero } from '../../lib/sequence/silero.testing.ts';

describe('Compare stream option', () => {
  it('Silero VAD: pairs by name, shown as Predict shows them, ticked', () => {
    const pairs = statePairsOf(silero);
    expect(pairsText(pairs)).toBe('hn → h, cn → c');
    expect(streamByDefault(pairs)).toBe(true);
  });

  it('a [1,10]→[1,10] classifier pairs only by shape: offered, not ticked', () => {
    const pairs = statePairsOf({ inputs: [{ name: 'x', type: 'float32', dims: [1, 10] }], outputs: [{ name: 'logits', type: 'float32', dims: [1, 10] }] });
    expect(pairs).toEqual([{ input: 'x', output: 'logits', by: 'shape' }]);
    expect(streamByDefault(pairs)).toBe(false);
  });

  it('a model without state: no pairs, nothing offered', () => {
    expect(statePairsOf({ inputs: [{ name: 'features', type: 'float32', dims: ['batch', 5] }], outputs: [{ name: 'probabilities', type: 'float32', dims: ['batch', 3] }] })).toEqual([]);
  });
});
