// The byte fast path must give exactly parseCsv's table (the reference here is parseCsv itself,
// whose pandas agreement is tested in csv.test.ts), and must hand everything else back (null).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from './csv.ts';
import { parseCsvBytes, parseCsvFile, type ReadAt } from './csv-bytes.ts';
import type { Table } from './table.ts';

const enc = new TextEncoder();

/** parseCsv's table, or the error name when it throws. */
function viaText(text: string, opts = {}): Table | string {
  try {
    return parseCsv(text, opts);
  } catch (e) {
    return (e as Error).name;
  }
}

/** A ReadAt over bytes in memory that returns at most `most` bytes a call (as a file read might). */
const reader = (bytes: Uint8Array, most = Infinity): ReadAt => (into, offset, length, position) => {
  const n = Math.max(0, Math.min(length, most, bytes.length - position));
  into.set(bytes.subarray(position, position + n), offset);
  return n;
};

/** Both readers agree: the byte path gives the same table, or bails out (null). Returns whether it took the input. */
function agree(text: string, opts = {}): boolean {
  const bytes = enc.encode(text);
  const fast = parseCsvBytes(bytes, opts);
  const want = viaText(text, opts);
  // Read in chunks of a few bytes (lines cut anywhere, \r\n split), the result is the same.
  for (const chunk of [5, 64]) {
    expect(parseCsvFile(reader(bytes, 3), bytes.length, opts, chunk)).toEqual(fast);
    // With the delimiter given, nothing is read ahead for sniffing: chunk edges fall everywhere.
    const comma = { ...opts, delimiter: ',' };
    expect(parseCsvFile(reader(bytes, 3), bytes.length, comma, chunk)).toEqual(parseCsvBytes(bytes, comma));
  }
  if (fast === null) return false;
  expect(fast).toEqual(want);
  // Same numbers bit for bit (toEqual treats -0 and 0 alike).
  if (typeof want !== 'string') {
    fast.columns.forEach((c, j) => {
      const w = want.columns[j];
      if (c.kind === 'number' && w.kind === 'number') expect(Array.from(c.values).map((v) => Object.is(v, -0))).toEqual(Array.from(w.values).map((v) => Object.is(v, -0)));
    });
  }
  return true;
}

describe('parseCsvBytes', () => {
  it('reads plain CSV like parseCsv: ints, floats, text, missing markers, bools', () => {
    expect(agree('a,b,c,d,e\n1,2.5,x,NA,True\n2,,y,3,False\n')).toBe(true);
    expect(agree('a;b\n1;2\n3;4\n')).toBe(true);
    expect(agree('a\tb\n1\t2\n', { delimiter: '\t' })).toBe(true);
  });
  it('parses numbers exactly as Number() does (long mantissas, exponents, signs, spaces, inf)', () => {
    const nums = ['0.1', '-0', '+3', ' 7 ', '1e308', '1e309', '-1e-320', '123456789012345678', '0.30000000000000004', '9007199254740993',
      '1.7976931348623157e308', '2.2250738585072014e-308', '.5', '5.', '-inf', 'Infinity', '00012', '1E5', '1e+5', '4.35e-7', '123.456e-20'];
    expect(agree('x\n' + nums.join('\n') + '\n')).toBe(true);
    const t = parseCsvBytes(enc.encode('x\n' + nums.join('\n')))!;
    const col = t.columns[0];
    expect(col.kind === 'number' && Array.from(col.values)).toEqual(nums.map((n) => (/inf/i.test(n) ? (n.startsWith('-') ? -Infinity : Infinity) : Number(n))));
  });
  it('keeps the original spelling of a column that turns to text late', () => {
    expect(agree('a,b\n1.50,x\n2,y\nlate,z\n')).toBe(true);
    const t = parseCsvBytes(enc.encode('a\n1.50\nlate\n'))!;
    expect(t.columns[0].kind === 'string' && t.columns[0].dictionary).toEqual(['1.50', 'late']);
  });
  it('handles CRLF, blank lines, no final newline, a trailing delimiter, a BOM, header only', () => {
    expect(agree('a,b\r\n1,2\r\n\r\n3,4')).toBe(true);
    expect(agree('\n\na\n1\n\n2\n')).toBe(true);
    expect(agree('a,b\n1,\n2,')).toBe(true);
    expect(agree('\uFEFFa,b\n1,2\n')).toBe(true);
    expect(agree('a,b\n')).toBe(true);
    expect(agree(',a,a\n1,2,3\n')).toBe(true);
  });
  it('selects columns and reads textColumns as text', () => {
    expect(agree('a,b,c\n1,x,2\n', { columns: ['c', 'a'] })).toBe(true);
    expect(agree('a,b\n1,2\n', { textColumns: ['a'] })).toBe(true);
    expect(() => parseCsvBytes(enc.encode('a\n1\n'), { columns: ['zz'] })).toThrow(/unknown column/);
  });
  it('reads a piece of a file after a separate header line', () => {
    const bytes = enc.encode('a,b\n1,x\n2,y\n3,z\n');
    const t = parseCsvBytes(bytes, { header: enc.encode('a,b\n'), start: 8, end: bytes.length, delimiter: ',' });
    expect(t).toEqual(parseCsv('a,b\n2,y\n3,z\n'));
  });
  it('hands back quotes, lone CR, non-ASCII, ragged rows, empty input and bad delimiters', () => {
    for (const text of ['a\n"x"\n', 'a\n1\r2\n', 'a\n1\r', 'a\né\n', 'a,b\n1\n', 'a,b\n1,2,3\n', '', '\n\n']) {
      expect(parseCsvBytes(enc.encode(text)), JSON.stringify(text)).toBeNull();
    }
    expect(parseCsvBytes(enc.encode('a\n1\n'), { delimiter: ';;' })).toBeNull();
    expect(parseCsvBytes(enc.encode('a\n1\n'), { delimiter: '"' })).toBeNull();
  });
  it('agrees with parseCsv on any CSV-like ASCII text, or hands it back', () => {
    const piece = fc.oneof(
      fc.constantFrom(',', ';', '\t', '\n', '\r\n', '\r', '"', 'NaN', 'NA', '', 'True', 'false', '1e5', '-', '.', 'inf', ' ', '-0', '0.1', '12345678901234567'),
      fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
      fc.double().map(String),
      fc.integer().map(String),
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        if (agree(parts.join(''))) taken++;
      }),
      { numRuns: 2000 },
    );
    expect(taken).toBeGreaterThan(100);
  });
  it('gives the dictionary codes of parseCsv for many short and long categories (first-seen order)', () => {
    const word = fc.string({ unit: fc.constantFrom('A', 'B', 'z', '0', '-', ' ', '~'), minLength: 1, maxLength: 7 }).map((w) => `k${w}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 600 }), (rows) => {
        expect(agree('a,b\n' + rows.map(([x, y]) => `${x},${y}`).join('\n') + '\n')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
  it('reads a file in chunks: lines longer than a chunk, a sniffed delimiter past the first chunk, a late text column', () => {
    const long = 'x'.repeat(300);
    const text = 'a;b\n' + Array.from({ length: 3000 }, (_, i) => `${i % 17 === 0 ? long + i : i};${i < 2900 ? (i / 4).toFixed(2) : 'late'}`).join('\r\n') + '\n';
    const bytes = enc.encode(text);
    const want = parseCsv(text);
    expect(parseCsvFile(reader(bytes, 1000), bytes.length, {}, 128)).toEqual(want);
    expect(parseCsvFile(reader(bytes), bytes.length, { columns: ['b'] }, 4096)).toEqual(parseCsv(text, { columns: ['b'] }));
    expect(parseCsvFile(reader(enc.encode('a\n"q"\n')), 7, {}, 4)).toBeNull();
  });
  it('agrees on regular tables of typed columns (the fast path takes them all)', () => {
    const cell = fc.oneof(fc.double().map(String), fc.integer().map(String), fc.constantFrom('', 'NA', 'True', 'False', 'abc', 'x y'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (w, rows) => {
        const text = Array.from({ length: w }, (_, j) => `c${j}`).join(',') + '\n' + rows.map((r) => r.slice(0, w).join(',')).join('\n') + '\n';
        expect(agree(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
