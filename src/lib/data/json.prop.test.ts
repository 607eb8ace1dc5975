// Property tests for the JSON and JSON Lines readers (fast-check): rows written read back column
// for column (absent keys missing, key order first-seen); chunking never changes the table; any
// text or bytes fail only with DataFormatError.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseJsonArray, parseJsonl, readJsonl } from './json.ts';
import { DataFormatError, stringValues, type Table } from './table.ts';

const enc = new TextEncoder();
const plain = (t: Table) => ({ rows: t.rowCount, columns: t.columns.map((c) => ({ name: c.name, values: c.kind === 'number' ? Array.from(c.values) : stringValues(c) })) });

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let prev = 0;
  for (const c of [...new Set(cuts.map((x) => x % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(prev, c);
    prev = c;
  }
  yield bytes.subarray(prev);
}

// Keys include the hostile ones a file could carry; values are numbers or text per key.
const key = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', '<script>alert(1)</script>', 'a"b', ''));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const rowsArb = fc.uniqueArray(key, { minLength: 1, maxLength: 5 }).chain((keys) =>
  fc.tuple(
    fc.constant(keys),
    fc.array(fc.tuple(...keys.map((_, i) => (i % 2 ? fc.option(finite, { nil: undefined }) : fc.option(fc.string({ maxLength: 6 }).map((s) => `v${s}`), { nil: undefined })))), { minLength: 1, maxLength: 20 }),
  ),
);

function rowsOf(keys: string[], cells: (string | number | undefined)[][]): Record<string, unknown>[] {
  return cells.map((r) => {
    const o: Record<string, unknown> = {};
    // JSON.parse makes "__proto__" an own key, as a file would; build rows the same way.
    keys.forEach((k, i) => r[i] !== undefined && Object.defineProperty(o, k, { value: r[i], enumerable: true, writable: true, configurable: true }));
    return o;
  });
}

describe('JSON readers, properties', () => {
  it('read back every key as a column and every value (absent = missing) from JSONL and from an array', () => {
    fc.assert(
      fc.property(rowsArb, ([keys, cells]) => {
        const rows = rowsOf(keys, cells);
        const jsonl = rows.map((r) => JSON.stringify(r)).join('\n');
        for (const t of [parseJsonl(jsonl), parseJsonArray(JSON.stringify(rows))]) {
          expect(t.rowCount).toBe(rows.length);
          const seen = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          expect(t.columns.map((c) => c.name)).toEqual(seen);
          for (const c of t.columns) {
            const want = rows.map((r) => (Object.prototype.hasOwnProperty.call(r, c.name) ? r[c.name] : undefined));
            if (c.kind === 'number') expect(Array.from(c.values)).toEqual(want.map((v) => (v === undefined ? NaN : v)));
            else expect(stringValues(c)).toEqual(want.map((v) => (v === undefined ? null : String(v))));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same JSONL table however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(fc.nat(), { maxLength: 8 }), async ([keys, cells], cuts) => {
        const bytes = enc.encode(rowsOf(keys, cells).map((r) => JSON.stringify(r) + ' é😀').map((l) => l.replace(/ é😀$/, '')).join('\r\n') + '\n');
        expect(plain(await readJsonl(chunked(bytes, cuts)))).toEqual(plain(await readJsonl(bytes)));
      }),
      { numRuns: 150 },
    );
  });

  it('fail on any text only with a DataFormatError', () => {
    const jsonish = fc.oneof(fc.json(), fc.string(), fc.array(fc.json(), { maxLength: 4 }).map((a) => a.join('\n')));
    fc.assert(
      fc.property(jsonish, (s) => {
        for (const read of [parseJsonl, parseJsonArray]) {
          try {
            const t = read(s);
            for (const c of t.columns) expect(c.kind === 'number' ? c.values.length : c.codes.length).toBe(t.rowCount);
          } catch (e) {
            expect(e).toBeInstanceOf(DataFormatError);
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it('fail on any bytes only with a DataFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await readJsonl(bytes).catch((e) => expect(e).toBeInstanceOf(DataFormatError));
      }),
      { numRuns: 300 },
    );
  });
});
