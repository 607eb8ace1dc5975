import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCsv, readCsv, sniffDelimiter } from './csv.ts';
import { DataFormatError, stringValues, type Column, type Table } from './table.ts';

const enc = (s: string) => new TextEncoder().encode(s);
function col(t: Table, name: string): Column {
  return t.columns.find((c) => c.name === name)!;
}
function vals(c: Column): unknown[] {
  return c.kind === 'number' ? Array.from(c.values) : stringValues(c);
}

describe('CSV reader', () => {
  it('infers pandas-like types: int, float, bool, text; missing markers become missing', () => {
    const t = parseCsv('i,f,b,s,m\n1,1.5,True,x,NA\n2, 3 ,false,y,\n-3,inf,TRUE,NaN,null\n');
    expect(t.rowCount).toBe(3);
    expect(col(t, 'i')).toMatchObject({ kind: 'number', dtype: 'int' });
    expect(vals(col(t, 'i'))).toEqual([1, 2, -3]);
    expect(vals(col(t, 'f'))).toEqual([1.5, 3, Infinity]);
    expect(col(t, 'b')).toMatchObject({ kind: 'number', dtype: 'bool' });
    expect(vals(col(t, 'b'))).toEqual([1, 0, 1]);
    expect(vals(col(t, 's'))).toEqual(['x', 'y', null]);
    expect(col(t, 'm')).toMatchObject({ kind: 'number', dtype: 'float' });
    expect(vals(col(t, 'm')).every((v) => Number.isNaN(v))).toBe(true);
  });
  it('an int column with a missing value is float; a bool column with one is text', () => {
    const t = parseCsv('a,b\n1,True\n,\n');
    expect(col(t, 'a')).toMatchObject({ dtype: 'float' });
    expect(vals(col(t, 'b'))).toEqual(['True', null]);
  });
  it('a late non-numeric value turns the column into text, keeping every original spelling', async () => {
    const t = parseCsv('a\n1\n2.50\nx\n');
    expect(vals(col(t, 'a'))).toEqual(['1', '2.50', 'x']);
    expect(vals(col(await readCsv(enc('a,b\n007,1\n1e3,2\nx,3\n')), 'a'))).toEqual(['007', '1e3', 'x']);
  });
  it('handles quotes, escaped quotes, embedded newlines, CRLF and a BOM', async () => {
    const t = await readCsv(enc('\uFEFFname,note\r\n"a, b","say ""hi"""\r\nc,"two\nlines"\r\n'));
    expect(t.columns.map((c) => c.name)).toEqual(['name', 'note']);
    expect(vals(col(t, 'name'))).toEqual(['a, b', 'c']);
    expect(vals(col(t, 'note'))).toEqual(['say "hi"', 'two\nlines']);
  });
  it('sniffs ; tab and | delimiters', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
    expect(sniffDelimiter('a,b\n"x;y",2\n')).toBe(',');
    expect(parseCsv('a;b\n1;2\n').columns.map((c) => c.name)).toEqual(['a', 'b']);
  });
  it('ragged rows raise DataFormatError naming the line', () => {
    expect(() => parseCsv('a,b\n1,2\n3,4,5\n')).toThrow(DataFormatError);
    expect(() => parseCsv('a,b\n1,2\n"x\ny",4,5\n')).toThrow(/line 3/);
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(/line 3: expected 2 fields/);
  });
  it('invalid UTF-8, empty input and unclosed quotes are clear errors', async () => {
    await expect(readCsv(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a]))).rejects.toThrow(/invalid UTF-8/);
    await expect(readCsv(new Uint8Array(0))).rejects.toThrow(/empty/);
    expect(() => parseCsv('a\n"open\n')).toThrow(/never closed/);
  });
  it('header only gives zero rows; duplicate and empty names are made unique', () => {
    const t = parseCsv('a,a,\n');
    expect(t.rowCount).toBe(0);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'a.1', 'Unnamed: 2']);
  });
  it('reads only selected columns and rejects unknown ones', () => {
    const t = parseCsv('a,b,c\n1,2,3\n', { columns: ['c', 'a'] });
    expect(t.columns.map((c) => c.name)).toEqual(['c', 'a']);
    expect(() => parseCsv('a\n1\n', { columns: ['zz'] })).toThrow(/unknown column/);
  });
  it('streams chunk by chunk with progress, and can be cancelled', async () => {
    const text = 'x,y\n' + Array.from({ length: 2000 }, (_, i) => `${i},"q${i % 3}"`).join('\n');
    const bytes = enc(text);
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 777) yield bytes.subarray(i, i + 777);
    }
    const seen: number[] = [];
    const t = await readCsv(pieces(), { onProgress: (b) => seen.push(b) });
    expect(t.rowCount).toBe(2000);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(vals(col(t, 'y')).slice(0, 3)).toEqual(['q0', 'q1', 'q2']);
    const ac = new AbortController();
    ac.abort();
    await expect(readCsv(bytes, { signal: ac.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });
  it('property: any table of quoted strings round-trips through write + read, whatever the chunking', async () => {
    const cell = fc.string({ maxLength: 6 }).map((s) => 'v' + s);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 50 }), async (rows, step) => {
        const q = (s: string) => '"' + s.replaceAll('"', '""') + '"';
        const text = 'a,b\n' + rows.map((r) => r.map(q).join(',')).join('\r\n') + '\n';
        const bytes = enc(text);
        async function* pieces() {
          for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
        }
        const t = await readCsv(pieces(), { delimiter: ',' });
        return t.rowCount === rows.length && JSON.stringify(vals(col(t, 'a'))) === JSON.stringify(rows.map((r) => r[0]));
      }),
      { numRuns: 150 },
    );
  });
  it('property: numbers written with String() read back exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const t = parseCsv('x\n' + xs.map(String).join('\n') + '\n');
        const c = col(t, 'x');
        return c.kind === 'number' && xs.every((x, i) => Object.is(c.values[i], x) || (x === 0 && c.values[i] === 0));
      }),
      { numRuns: 200 },
    );
  });
});
