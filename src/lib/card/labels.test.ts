import { describe, it, expect } from 'vitest';
import { parseLabels, labelsToText } from './labels.ts';
import { CardFormatError } from './types.ts';

describe('parseLabels', () => {
  it('reads one label per line, dropping a BOM, CRs, the trailing newline and blank lines', () => {
    expect(parseLabels('\uFEFFcat\r\ndog\r\n\r\nbird\n')).toEqual(['cat', 'dog', 'bird']);
  });
  it('keeps a key that is a space (OCR keys files list it)', () => {
    expect(parseLabels('a\n \nb\n')).toEqual(['a', ' ', 'b']);
  });
  it('keeps unicode and surrounding text as typed', () => {
    expect(parseLabels('猫\nchien noir\n🚲')).toEqual(['猫', 'chien noir', '🚲']);
  });
  it('an empty text is no labels', () => {
    expect(parseLabels('')).toEqual([]);
    expect(parseLabels('\n\n')).toEqual([]);
  });
  it('refuses a binary file by name', () => {
    expect(() => parseLabels('PK\u0003\u0004\u0000\u0000')).toThrow(CardFormatError);
    expect(() => parseLabels('a\u0000b')).toThrow(/not a text file/);
  });
  it('round-trips through the editor text', () => {
    const l = ['no', 'yes', ' '];
    expect(parseLabels(labelsToText(l))).toEqual(l);
  });
});
