// The sequence-length sweep: planning (default, capping at the model's maximum, bad entries), the
// matrix cells it makes, the shapes it sets, and feeds of real token ids cut to each length.
import { describe, it, expect } from 'vitest';
import { benchText, BENCH_PASSAGE, DEFAULT_SEQ_LENGTHS, hasSequenceDim, parseSeqLengths, planSeqLengths, textBenchInputs } from './seq-len.ts';
import { configId, configLabel, expandMatrix } from './matrix.ts';
import { benchShapes } from './inputs.ts';
import { feedEncoding } from '../text/inputs.ts';

const text = [
  { name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] },
  { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] },
];
const limits = { cores: 2, available: ['wasm' as const], multiThread: true, dynamicBatch: true };

describe('planSeqLengths', () => {
  it('runs the default sweep 16, 64, 128 when the model takes 128 or more', () => {
    expect(DEFAULT_SEQ_LENGTHS).toEqual([16, 64, 128]);
    expect(planSeqLengths(undefined, 512)).toEqual({ lengths: [16, 64, 128], notes: [] });
    expect(planSeqLengths([], 128)).toEqual({ lengths: [16, 64, 128], notes: [] });
  });
  it("caps at the model's maximum length and says so", () => {
    const p = planSeqLengths(undefined, 64);
    expect(p.lengths).toEqual([16, 64]);
    expect(p.notes).toEqual([{ what: 'sequence length 128', reason: "over the model's maximum length of 64 tokens; 64 is in the sweep already" }]);
    const q = planSeqLengths([8, 100, 300], 50);
    expect(q.lengths).toEqual([8, 50]);
    expect(q.notes.map((n) => n.reason)).toEqual([
      "over the model's maximum length of 50 tokens; runs at 50 instead",
      "over the model's maximum length of 50 tokens; 50 is in the sweep already",
    ]);
  });
  it('sorts and drops repeats', () => {
    expect(planSeqLengths([64, 16, 64, 32], 512).lengths).toEqual([16, 32, 64]);
  });
  it('refuses lengths that are not whole tokens, by name', () => {
    expect(() => planSeqLengths([0], 64)).toThrow(expect.objectContaining({ name: 'BenchOptionsError' }));
    expect(() => planSeqLengths([1.5], 64)).toThrow(/whole numbers/);
    expect(() => planSeqLengths([16], 0)).toThrow(/maximum length/);
  });
});

describe('parseSeqLengths', () => {
  it('reads commas or spaces; empty is no sweep', () => {
    expect(parseSeqLengths('16, 64,128')).toEqual([16, 64, 128]);
    expect(parseSeqLengths('16 32')).toEqual([16, 32]);
    expect(parseSeqLengths('  ')).toBeUndefined();
  });
  it('names the bad entry', () => {
    expect(() => parseSeqLengths('16, x')).toThrow(/"x"/);
    expect(() => parseSeqLengths('-4')).toThrow(expect.objectContaining({ name: 'BenchOptionsError' }));
  });
});

describe('the sweep in the matrix and the shapes', () => {
  it('makes one config per length, with the length in its id and label', () => {
    const m = expandMatrix({ backends: ['wasm'], threads: [1], seqLengths: [64, 16] }, limits);
    expect(m.configs.map(configId)).toEqual(['wasm-t1-all-b1-s16', 'wasm-t1-all-b1-s64']);
    expect(configLabel(m.configs[1]!)).toBe('wasm · 1 thread · opt all · batch 1 · seq 64');
    expect(expandMatrix({ backends: ['wasm'], threads: [1] }, limits).configs.map(configId)).toEqual(['wasm-t1-all-b1']);
    expect(() => expandMatrix({ backends: ['wasm'], threads: [1], seqLengths: [0] }, limits)).toThrow(/sequence lengths/);
  });
  it('sets the free dim at index 1 of every input, named or not', () => {
    expect(hasSequenceDim(text)).toBe(true);
    expect(hasSequenceDim([{ name: 'x', type: 'float32', dims: ['batch', 3, 224, 224] }])).toBe(false);
    expect(benchShapes(text, 2, {}, {}, 64)).toEqual({ input_ids: [2, 64], attention_mask: [2, 64] });
    expect(benchShapes([{ name: 'ids', type: 'int64', dims: [null, null] }], 1, {}, {}, 16)).toEqual({ ids: [1, 16] });
    expect(benchShapes([{ name: 'ids', type: 'int64', dims: [1, 32] }], null, {}, {}, 16)).toEqual({ ids: [1, 32] });
  });
});

describe('feeds of real token ids', () => {
  // [CLS]=101 … [SEP]=102 around ids 1000…1099: what a BERT tokenizer gives for a long text.
  const feed = { ids: [101, ...Array.from({ length: 100 }, (_, i) => 1000 + i), 102], suffix: 1, padId: 0 };
  it('cuts the feed to each length keeping [CLS] and [SEP], every position a real token', () => {
    const f = textBenchInputs(text, { input_ids: [1, 16], attention_mask: [1, 16] }, feed);
    expect(f.input_ids!.dims).toEqual([1, 16]);
    expect([...(f.input_ids!.data as BigInt64Array)].map(Number)).toEqual([101, ...Array.from({ length: 14 }, (_, i) => 1000 + i), 102]);
    expect([...(f.attention_mask!.data as BigInt64Array)].map(Number)).toEqual(new Array(16).fill(1));
  });
  it('pads a feed shorter than the length, with the mask off on the padding', () => {
    const short = { ids: [101, 7, 8, 102], suffix: 1, padId: 0 };
    const f = textBenchInputs(text, { input_ids: [2, 6], attention_mask: [2, 6] }, short);
    expect([...(f.input_ids!.data as BigInt64Array)].map(Number)).toEqual([101, 7, 8, 102, 0, 0, 101, 7, 8, 102, 0, 0]);
    expect([...(f.attention_mask!.data as BigInt64Array)].map(Number)).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0]);
    expect(feedEncoding(short, 3).ids).toEqual([101, 7, 102]);
  });
  it('makes the sample text as long as a sweep needs (≥ 1 word per token asked)', () => {
    expect(benchText(10)).toBe(BENCH_PASSAGE);
    expect(benchText(512).split(/\s+/).length).toBeGreaterThanOrEqual(512);
  });
});
