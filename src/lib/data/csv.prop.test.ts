// Property tests for the CSV reader (fast-check): what is written with RFC 4180 quoting reads back
// value for value; how the bytes are chunked (even mid-UTF-8 character) never changes the table;
// and no input at all — random bytes, random text — makes it fail other than with DataFormatError.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readCsv, parseCsv } from './csv.ts';
import { DataFormatError, stringValues, type Table } from './table.ts';

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const enc = new TextEncoder();

/** Split bytes at the given cut points, as a stream of chunks. */
async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let prev = 0;
  for (const c of [...new Set(cuts.map((x) => x % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(prev, c);
    prev = c;
  }
  yield bytes.subarray(prev);
}

/** A table as plain values, for comparing two reads. */
function plain(t: Table) {
  return { rows: t.rowCount, columns: t.columns.map((c) => ({ name: c.name, kind: c.kind, values: c.kind === 'number' ? Array.from(c.values) : stringValues(c) })) };
}

// Text that can never read as a number, a boolean or a missing marker: it starts with "v".
const text = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `v${s}`);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

describe('readCsv, properties', () => {
  it('reads back what was written: text columns (with quotes, delimiters, newlines, any Unicode) and number columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 25 }), fc.infiniteStream(fc.tuple(text, finite)), async (nText, nNum, rows, cells) => {
        const it = cells[Symbol.iterator]();
        const data = Array.from({ length: rows }, () => Array.from({ length: nText + nNum }, (_, j) => {
          const [t, x] = it.next().value!;
          return j < nText ? t : x;
        }));
        const header = Array.from({ length: nText + nNum }, (_, j) => `c${j}`);
        const csv = [header.join(','), ...data.map((r) => r.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(','))].join('\n') + '\n';
        const t = await readCsv(enc.encode(csv), { delimiter: ',' });
        expect(t.rowCount).toBe(rows);
        expect(t.columns.map((c) => c.name)).toEqual(header);
        t.columns.forEach((c, j) => {
          const want = data.map((r) => r[j]);
          if (j < nText) {
            expect(c.kind).toBe('string');
            expect(c.kind === 'string' && stringValues(c)).toEqual(want);
          } else {
            expect(c.kind).toBe('number');
            expect(c.kind === 'number' && Array.from(c.values)).toEqual(want);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same table however the bytes are chunked, even inside a UTF-8 character', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, finite), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 8 }), async (rows, cuts) => {
        const csv = 'name,value\n' + rows.map(([t, x]) => `${quote(t + 'é€😀')},${x}`).join('\r\n');
        const bytes = enc.encode(csv);
        const whole = plain(await readCsv(bytes));
        expect(plain(await readCsv(chunked(bytes, cuts)))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('fails on any bytes only with a DataFormatError, and otherwise gives columns of rowCount values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          const t = await readCsv(bytes);
          for (const c of t.columns) expect(c.kind === 'number' ? c.values.length : c.codes.length).toBe(t.rowCount);
        } catch (e) {
          expect(e).toBeInstanceOf(DataFormatError);
          expect((e as Error).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fails on any text (quotes, delimiters, newlines weighted in) only with a DataFormatError', () => {
    const csvish = fc.array(fc.oneof(fc.constantFrom(',', ';', '\t', '|', '"', '\n', '\r', '\r\n', '""', 'NaN', '1e5', '-', ''), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(csvish, (s) => {
        try {
          const t = parseCsv(s);
          for (const c of t.columns) expect(c.kind === 'number' ? c.values.length : c.codes.length).toBe(t.rowCount);
          expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
        } catch (e) {
          expect(e).toBeInstanceOf(DataFormatError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
