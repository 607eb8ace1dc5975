// Feeds for text models: padding to the longest text, masks, token types, int32/int64, fixed dims.
import { describe, it, expect } from 'vitest';
import { textInputs } from './inputs.ts';
import { occludedTexts, splitWords, wordAttributions } from './words.ts';
import { classifyRows, logOddsOf } from './classify.ts';

const e = (ids: number[]) => ({ ids, tokens: ids.map(String), fullLength: ids.length, truncated: false });

describe('textInputs', () => {
  it('pads to the longest text and fills mask and token types', () => {
    const feeds = textInputs([e([2, 7, 3]), e([2, 3])], [
      { name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] },
      { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] },
      { name: 'token_type_ids', type: 'int32', dims: ['batch', 'sequence'] },
    ], 0);
    expect(feeds.input_ids!.dims).toEqual([2, 3]);
    expect([...(feeds.input_ids!.data as BigInt64Array)].map(Number)).toEqual([2, 7, 3, 2, 3, 0]);
    expect([...(feeds.attention_mask!.data as BigInt64Array)].map(Number)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(feeds.token_type_ids!.data).toEqual(new Int32Array(6));
  });

  it('pads to a fixed sequence dim and refuses an input it cannot fill', () => {
    expect(textInputs([e([2, 3])], [{ name: 'input_ids', type: 'int64', dims: [1, 4] }], 9).input_ids!.dims).toEqual([1, 4]);
    expect(() => textInputs([e([2, 3])], [{ name: 'pixel_values', type: 'float32', dims: [1, 3] }], 0)).toThrow(expect.objectContaining({ name: 'ModelFolderError' }));
  });
});

describe('words and predictions', () => {
  it('leaves each word out in turn and scores the drop of the class probability', () => {
    const words = splitWords(' chess  engine for GNU ');
    expect(words.map((w) => w.word)).toEqual(['chess', 'engine', 'for', 'GNU']);
    expect(occludedTexts(' chess  engine for GNU ', words)).toEqual(['engine for GNU', 'chess for GNU', 'chess engine GNU', 'chess engine for']);
    expect(wordAttributions(words.slice(0, 2), 0.9, [0.2, 0.95]).map((w) => +w.attribution.toFixed(2))).toEqual([0.7, -0.05]);
    // log-odds from logits stay finite where the probability rounds to 1
    const lo = logOddsOf([40, 0, 1]);
    expect(lo[0]).toBeCloseTo(40 - Math.log(Math.exp(0) + Math.exp(1)), 9);
    expect(Number.isFinite(lo[0])).toBe(true);
  });

  it('softmaxes logits rows and names the label', () => {
    const [a, b] = classifyRows({ type: 'float32', dims: [2, 2], data: new Float32Array([0, Math.log(3), 2, 0]) }, ['neg', 'pos']);
    expect(a!.label).toBe('pos');
    expect(a!.confidence).toBeCloseTo(0.75, 6);
    expect(a!.logOdds[1]).toBeCloseTo(Math.log(3), 6);
    expect(b!.label).toBe('neg');
  });
});
