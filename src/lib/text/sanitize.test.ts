import { describe, expect, it } from 'vitest';
import { hasControlText, sanitizeText } from './sanitize.ts';

const ESC = '\u001b';

describe('sanitizeText', () => {
  it('drops CSI colour, cursor and clear-screen sequences', () => {
    expect(sanitizeText(`${ESC}[2J${ESC}[H${ESC}[1;32mPASS${ESC}[0m`)).toBe('PASS');
    expect(sanitizeText(`a${ESC}[38;5;196mb`)).toBe('ab');
    expect(sanitizeText('x\u009b31my')).toBe('xy');
  });

  it('drops OSC window-title and hyperlink sequences ended by BEL or ST, and unterminated ones', () => {
    expect(sanitizeText(`${ESC}]0;owned${'\u0007'}after`)).toBe('after');
    expect(sanitizeText(`${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
    expect(sanitizeText(`ok${ESC}]2;never ends`)).toBe('ok');
    expect(sanitizeText(`${ESC}P1$r${ESC}\\z`)).toBe('z');
  });

  it('shows other controls as visible escapes, carriage return included; keeps tab and newline', () => {
    expect(sanitizeText('fail\rPASS')).toBe('fail\\u000dPASS');
    expect(sanitizeText('a\u0007b\u0000c\u007f')).toBe('a\\u0007b\\u0000c\\u007f');
    expect(sanitizeText('a\tb\nc')).toBe('a\tb\nc');
    expect(sanitizeText('a\nb', { oneLine: true })).toBe('a\\u000ab');
    expect(sanitizeText('abc\u202Eevil')).toBe('abc\\u202eevil');
  });

  it('leaves ordinary text, unicode and backslashes alone; the result has no control text', () => {
    const text = 'Température 25 °C — 東京 \\n ✓';
    expect(sanitizeText(text)).toBe(text);
    const hostile = `${ESC}[2J${ESC}]0;t\u0007\r${ESC}[31mFAIL${ESC}c\u009d0;x\u009c`;
    expect(hasControlText(hostile)).toBe(true);
    expect(hasControlText(sanitizeText(hostile))).toBe(false);
    expect(hasControlText(text)).toBe(false);
  });
});
