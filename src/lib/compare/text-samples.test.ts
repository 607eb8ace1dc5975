import { describe, expect, it } from 'vitest';
import { readTextSamples, TextColumnError } from './text-samples.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const LABELS = ['admin', 'games', 'mail'];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('readTextSamples', () => {
  it('reads JSONL texts with labels given by index or by name', () => {
    const r = readTextSamples('t.jsonl', enc('{"text": "a", "label": 2}\n\n{"text": "b", "label": "games"}\n{"text": "c"}\n'), { labels: LABELS });
    expect(r.samples).toEqual([{ text: 'a', label: 2, labelName: 'mail' }, { text: 'b', label: 1, labelName: 'games' }, { text: 'c' }]);
    expect(r.column).toBe('text');
    expect(r.description).toBe('JSONL of texts ("text"), 3 samples with labels');
  });

  it('reads another JSONL field when asked', () => {
    expect(readTextSamples('t.jsonl', enc('{"sentence": "x"}'), { column: 'sentence' }).samples).toEqual([{ text: 'x' }]);
  });

  it('names the JSONL line without the text and its fields', () => {
    const e = thrown(() => readTextSamples('t.jsonl', enc('{"text": "a"}\n{"body": "b", "label": 1}\n')));
    expect(e).toBeInstanceOf(TextColumnError);
    expect(e.name).toBe('TextColumnError');
    expect(e.message).toBe('t.jsonl line 2 has no "text" string; its fields are "body", "label"');
    expect(thrown(() => readTextSamples('t.jsonl', enc('{"text": 5}'))).message).toMatch(/line 1 has no "text" string \(it is 5\)/);
    expect(thrown(() => readTextSamples('t.jsonl', enc('{"text": "  "}'))).message).toMatch(/line 1: "text" is empty/);
    expect(thrown(() => readTextSamples('t.jsonl', enc('{"text": '))).name).toBe('DataFormatError');
  });

  it('finds a CSV text column by name (description) and its label column (section)', () => {
    const r = readTextSamples('t.csv', enc('description,section\n"a mail reader, with IMAP",mail\nchess,games\n'), { labels: LABELS });
    expect(r.column).toBe('description');
    expect(r.samples).toEqual([{ text: 'a mail reader, with IMAP', label: 2, labelName: 'mail' }, { text: 'chess', label: 1, labelName: 'games' }]);
    expect(r.description).toBe('CSV of texts ("description", label section), 2 samples');
  });

  it('takes the only text column of a CSV; asks which when there are several or none', () => {
    expect(readTextSamples('t.csv', enc('id,words\n1,hello\n')).column).toBe('words');
    const e = thrown(() => readTextSamples('t.csv', enc('a,b\nx,y\n')));
    expect(e.name).toBe('TextColumnError');
    expect(e.message).toMatch(/which column holds the text\? .*2 columns hold text; its columns are "a", "b"/);
    expect(thrown(() => readTextSamples('t.csv', enc('a,b\n1,2\n'))).message).toMatch(/no column holds text/);
    expect(thrown(() => readTextSamples('t.csv', enc('a\nx\n'), { column: 'text' })).message).toBe('t.csv has no column "text"; its columns are "a"');
  });

  it('names an empty text cell by its row', () => {
    expect(thrown(() => readTextSamples('t.csv', enc('text,label\nok,1\n,2\n'))).message).toBe('t.csv row 2: column "text" is empty; every sample needs a text');
  });

  it('refuses invalid UTF-8 with the byte offset, and other file kinds', () => {
    const bad = new Uint8Array([...enc('{"text": "caf'), 0xe9, ...enc('"}')]);
    const e = thrown(() => readTextSamples('t.jsonl', bad));
    expect(e.name).toBe('InvalidUtf8Error');
    expect(e.message).toMatch(/offset 13/);
    expect(thrown(() => readTextSamples('t.parquet', enc(''))).name).toBe('DataFormatError');
  });
});
