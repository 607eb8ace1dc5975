// Tokenizer parity: tokenizers.js on the bundled tokenizer.json against an independent Python
// re-implementation of the BERT pipeline (fixtures/tokenizer-parity.json, made by
// scripts/fixtures/tokenizer_parity.py), plus truncation to the model's maximum length.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFolder } from './folder.ts';
import { TextTokenizer } from './tokenizer.ts';

const DIR = join(process.cwd(), 'public', 'models', 'debian-sections');
const folder = readModelFolder(readdirSync(DIR).map((name) => ({ name, data: new Uint8Array(readFileSync(join(DIR, name))) })));
const fixture = JSON.parse(readFileSync(new URL('./fixtures/tokenizer-parity.json', import.meta.url), 'utf8')) as {
  cases: { text: string; ids: number[]; tokens: string[] }[];
  knownDivergences: { text: string; ids: number[] }[];
};

describe('TextTokenizer parity with the Python reference', () => {
  const tok = new TextTokenizer(folder.tokenizer, 100_000);

  it.each(fixture.cases.map((c) => [c.text.slice(0, 48), c] as const))('same ids and tokens: %s', (_label, c) => {
    const e = tok.encode(c.text);
    expect(e.ids).toEqual(c.ids);
    expect(e.tokens).toEqual(c.tokens);
  });

  it('the fixture covers accents, emoji, CJK and a very long input', () => {
    const all = fixture.cases.map((c) => c.text).join(' ');
    expect(all).toMatch(/[éèçñ]/);
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(all).toMatch(/\p{Script=Han}/u);
    expect(Math.max(...fixture.cases.map((c) => c.ids.length))).toBeGreaterThan(200);
  });

  it('known divergences of tokenizers.js 0.2 (astral CJK not split, unassigned code points kept) still differ', () => {
    // If this fails, the library was fixed: move these cases into the parity list.
    for (const c of fixture.knownDivergences) expect(tok.encode(c.text).ids).not.toEqual(c.ids);
  });
});

describe('TextTokenizer truncation', () => {
  const tok = new TextTokenizer(folder.tokenizer, 8);

  it('keeps [CLS] and [SEP] and cuts the text part', () => {
    const e = tok.encode('network monitoring daemon with web interface and many plugins');
    expect(e.truncated).toBe(true);
    expect(e.ids).toHaveLength(8);
    expect(e.tokens[0]).toBe('[CLS]');
    expect(e.tokens.at(-1)).toBe('[SEP]');
    expect(e.fullLength).toBeGreaterThan(8);
    expect(e.tokens.slice(1, 7)).toEqual(tok.encode('network monitoring daemon with web interface and many plugins').tokens.slice(1, 7));
  });

  it('leaves a short text whole; empty text is [CLS] [SEP]', () => {
    expect(tok.encode('chess').truncated).toBe(false);
    expect(tok.encode('').tokens).toEqual(['[CLS]', '[SEP]']);
    expect(tok.padId).toBe(0);
  });
});
