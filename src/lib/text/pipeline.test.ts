// Per-text token feeds for a comparison: padded to a chosen sequence length (the shape editor's or
// --shape), cut to it when longer with the special tokens kept, else padded to the text's own length.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFolder } from './folder.ts';
import { TextTokenizer } from './tokenizer.ts';
import { textFeedsPerSample } from './pipeline.ts';

const DIR = join(process.cwd(), 'public', 'models', 'debian-sections');
const folder = readModelFolder(readdirSync(DIR).map((name) => ({ name, data: new Uint8Array(readFileSync(join(DIR, name))) })));
const tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
const inputs = [
  { name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] },
  { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] },
];

describe('textFeedsPerSample', () => {
  it('pads each text to the chosen length with the pad id and a zero mask', () => {
    const ids = tok.ids('mail client');
    const { feeds, truncated } = textFeedsPerSample(tok, inputs, ['mail client'], 8);
    expect(truncated).toBe(0);
    expect(feeds[0]!.input_ids!.dims).toEqual([1, 8]);
    expect(Array.from(feeds[0]!.input_ids!.data as BigInt64Array, Number)).toEqual([...ids, ...Array(8 - ids.length).fill(tok.padId)]);
    expect(Array.from(feeds[0]!.attention_mask!.data as BigInt64Array, Number)).toEqual([...ids.map(() => 1), ...Array(8 - ids.length).fill(0)]);
  });

  it('cuts a longer text to the chosen length, keeping [CLS] … [SEP], and counts it', () => {
    const long = 'word '.repeat(40);
    const full = tok.ids(long);
    const { feeds, truncated } = textFeedsPerSample(tok, inputs, [long, 'short'], 6);
    expect(truncated).toBe(1);
    const got = Array.from(feeds[0]!.input_ids!.data as BigInt64Array, Number);
    expect(got).toHaveLength(6);
    expect(got[0]).toBe(full[0]);
    expect(got[5]).toBe(full[full.length - 1]);
  });

  it('without a chosen length, each text keeps its own length', () => {
    const { feeds } = textFeedsPerSample(tok, inputs, ['a', 'a longer text here']);
    expect(feeds[0]!.input_ids!.dims[1]).toBe(tok.ids('a').length);
    expect(feeds[1]!.input_ids!.dims[1]).toBe(tok.ids('a longer text here').length);
  });
});
