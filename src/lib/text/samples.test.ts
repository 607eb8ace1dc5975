// Text samples for the text box: CSV with a text and a label column, JSONL, plain lines; invalid
// UTF-8, a CSV without text and an empty file are named.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTextSamples, pickExamples } from './samples.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseTextSamples', () => {
  it('reads the bundled held-out CSV: description is the text, section the label', () => {
    const bytes = new Uint8Array(readFileSync(join(process.cwd(), 'public/samples/debian-sections-heldout.csv')));
    const s = parseTextSamples(bytes, 'debian-sections-heldout.csv');
    expect(s.length).toBeGreaterThan(100);
    expect(s[0]).toEqual({ text: 'visualisation and analysis for single valued point data', label: 'science' });
    const ex = pickExamples(s, 12);
    expect(new Set(ex.map((e) => e.label)).size).toBe(ex.length); // one per label
    expect(ex.length).toBe(8); // the model's eight sections
  });

  it('takes the longest string column when none is named like text', () => {
    expect(parseTextSamples(enc('id,words\na,a longer sentence here\nb,another long one\n'), 's.csv')).toEqual([
      { text: 'a longer sentence here', label: null },
      { text: 'another long one', label: null },
    ]);
  });

  it('reads JSONL with text and label, and plain lines, mixed; skips blank lines', () => {
    expect(parseTextSamples(enc('{"text":"mail client","label":"mail"}\n\nplain ünïcode 日本語 🙂\n'), 't.jsonl')).toEqual([
      { text: 'mail client', label: 'mail' },
      { text: 'plain ünïcode 日本語 🙂', label: null },
    ]);
  });

  it('names invalid UTF-8 with the byte offset, a JSON line without text, and an empty file', () => {
    expect(() => parseTextSamples(new Uint8Array([0x6f, 0x6b, 0x0a, 0xe2, 0x28, 0xa1]), 'bad.txt')).toThrow(
      expect.objectContaining({ name: 'InvalidUtf8Error', message: expect.stringMatching(/"bad\.txt" is not valid UTF-8.*offset 3/) }),
    );
    expect(() => parseTextSamples(enc('{"label":"x"}\n'), 'a.jsonl')).toThrow(expect.objectContaining({ name: 'DataFormatError', message: expect.stringMatching(/line 1: .*"text" string/) }));
    expect(() => parseTextSamples(enc('\n\n'), 'e.txt')).toThrow(expect.objectContaining({ name: 'DataFormatError', message: expect.stringMatching(/holds no texts/) }));
    expect(() => parseTextSamples(enc('a,b\n1,2\n'), 'n.csv')).toThrow(expect.objectContaining({ name: 'DataFormatError', message: expect.stringMatching(/no text column/) }));
  });
});
