// Model folders: which file is which, labels and maximum length from the configs, and each bad
// folder named (no model, no tokenizer, vocabulary larger than the embedding, invalid UTF-8).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isModelFolder, readConfig, readModelFolder, tokenizerVocabSize, type FolderFile } from './folder.ts';
import { decodeUtf8Strict, firstInvalid } from './utf8.ts';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const tokenizer = { model: { type: 'WordPiece', vocab: { '[PAD]': 0, '[UNK]': 1, a: 2, b: 3 } }, added_tokens: [{ id: 4, content: '[CLS]' }] };
const files = (extra: Record<string, unknown> = {}): FolderFile[] =>
  Object.entries({ 'm/model.onnx': new Uint8Array([8, 1]), 'm/tokenizer.json': tokenizer, 'm/config.json': { id2label: { 0: 'neg', 1: 'pos' }, vocab_size: 5 }, ...extra })
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => ({ name, data: v instanceof Uint8Array ? v : enc(v) }));

describe('readModelFolder', () => {
  it('sorts the files and reads labels, vocabulary and the maximum length', () => {
    const f = readModelFolder(files({ 'm/tokenizer_config.json': { model_max_length: 128, pad_token: '[PAD]' }, 'm/model.onnx_data': new Uint8Array(4) }));
    expect(f.modelName).toBe('model.onnx');
    expect(f.config).toEqual({ labels: ['neg', 'pos'], vocabSize: 5, maxLength: 128, pooledOutput: null });
    expect(f.tokenizerVocabSize).toBe(5);
    expect(f.externalData.map((e) => e.path)).toEqual(['model.onnx_data']);
    expect(isModelFolder(files())).toBe(true);
  });

  it('names a folder without tokenizer.json', () => {
    expect(() => readModelFolder(files({ 'm/tokenizer.json': undefined }))).toThrow(expect.objectContaining({ name: 'TokenizerMissingError', message: expect.stringMatching(/no tokenizer\.json/) }));
  });

  it('names a folder without a model', () => {
    expect(() => readModelFolder(files({ 'm/model.onnx': undefined }))).toThrow(expect.objectContaining({ name: 'ModelFolderError' }));
  });

  it('names a tokenizer whose vocabulary does not fit the embedding', () => {
    expect(() => readModelFolder(files({ 'm/config.json': { vocab_size: 3 } }))).toThrow(
      expect.objectContaining({ name: 'VocabularyMismatchError', message: expect.stringMatching(/5 tokens but the model embeds only 3/) }),
    );
  });

  it('reads the embedding size from the model graph when config.json says nothing (or says wrong)', () => {
    // The bundled model's input_ids index a 5902-row table; a tokenizer with one token more must be refused.
    const dir = join(process.cwd(), 'public', 'models', 'debian-sections');
    const real = Object.fromEntries(readdirSync(dir).filter((n) => !/\.md$/.test(n)).map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))]));
    const tok = JSON.parse(new TextDecoder().decode(real['tokenizer.json'])) as { added_tokens: { id: number; content: string }[] };
    expect(readModelFolder(Object.entries(real).map(([name, data]) => ({ name, data }))).tokenizerVocabSize).toBe(5902);
    tok.added_tokens.push({ ...tok.added_tokens[0]!, id: 5902, content: '[EXTRA]' });
    const config = { id2label: { 0: 'a' } }; // no vocab_size: only the graph can tell
    const bad = Object.entries({ ...real, 'tokenizer.json': enc(tok), 'config.json': enc(config) }).map(([name, data]) => ({ name, data }));
    expect(() => readModelFolder(bad)).toThrow(
      expect.objectContaining({ name: 'VocabularyMismatchError', message: expect.stringMatching(/5903 tokens .* embedding for "input_ids" has only 5902 rows \(read from the model graph\)/) }),
    );
  });

  it('names a config that is not valid UTF-8, with the offset', () => {
    const bad = new Uint8Array([...enc('{"a":"'), 0xff, ...enc('"}')]);
    expect(() => readModelFolder(files({ 'm/config.json': bad }))).toThrow(expect.objectContaining({ name: 'InvalidUtf8Error', message: expect.stringMatching(/offset 6/) }));
  });
});

describe('readConfig', () => {
  it('ignores the 1e30 "no limit" of tokenizer_config and falls back to max_position_embeddings or 512', () => {
    expect(readConfig({ max_position_embeddings: 256 }, { model_max_length: 1e30 }).maxLength).toBe(256);
    expect(readConfig(undefined, {}).maxLength).toBe(512);
    expect(readConfig({ id2label: { 1: 'b' } }, {}).labels).toEqual(['LABEL_0', 'b']);
  });

  it('counts a Unigram vocabulary by position', () => {
    expect(tokenizerVocabSize({ model: { vocab: [['a', 0], ['b', -1]] } })).toBe(2);
  });
});

describe('utf8', () => {
  it('finds the first invalid byte: stray continuation, overlong, truncated sequence', () => {
    expect(firstInvalid(enc('héllo'))).toBe(6);
    expect(firstInvalid(new Uint8Array([0x61, 0x80]))).toBe(1);
    expect(firstInvalid(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalid(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(decodeUtf8Strict(enc('\ufeffok'), 'x')).toBe('ok');
  });
});
