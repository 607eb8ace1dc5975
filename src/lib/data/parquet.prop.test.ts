// Property tests for the Parquet reader (fast-check): files written by an independent writer
// (hyparquet-writer) read back value for value, any row range reads the matching slice, and a file
// with any bytes cut off or overwritten fails only with DataFormatError (or still reads).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readParquet } from './parquet.ts';
import { DataFormatError, stringValues } from './table.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const table = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    nums: fc.array(fc.option(finite, { nil: null }), { minLength: n, maxLength: n }),
    ints: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: n, maxLength: n }),
    texts: fc.array(fc.option(fc.string({ maxLength: 10 }), { nil: null }), { minLength: n, maxLength: n }),
  }),
);
const write = (t: { nums: (number | null)[]; ints: number[]; texts: (string | null)[] }) =>
  new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'x', data: t.nums, type: 'DOUBLE' },
      { name: 'i', data: t.ints, type: 'INT32' },
      { name: 's', data: t.texts, type: 'STRING' },
    ],
  }));

describe('readParquet, properties', () => {
  it('reads back numbers (null = NaN), int32 and strings (null = missing)', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const r = await readParquet(write(t));
        expect(r.rowCount).toBe(t.ints.length);
        const [x, i, s] = r.columns;
        expect(x!.kind === 'number' && Array.from(x!.values)).toEqual(t.nums.map((v) => v ?? NaN));
        expect(i!.kind === 'number' && Array.from(i!.values)).toEqual(t.ints);
        expect(s!.kind === 'string' && stringValues(s!)).toEqual(t.texts);
      }),
      { numRuns: 100 },
    );
  });

  it('reads any row range as the matching slice', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.nat(), fc.nat(), async (t, a, b) => {
        const n = t.ints.length;
        const [lo, hi] = [a % (n + 1), b % (n + 1)].sort((p, q) => p - q) as [number, number];
        const r = await readParquet(write(t), { rowStart: lo, rowEnd: hi, columns: ['i', 's'] });
        expect(r.rowCount).toBe(hi - lo);
        expect(r.columns.map((c) => c.name)).toEqual(['i', 's']);
        expect(r.columns[0]!.kind === 'number' && Array.from(r.columns[0]!.values)).toEqual(t.ints.slice(lo, hi));
      }),
      { numRuns: 100 },
    );
  });

  it('fails on a truncated or overwritten file only with a DataFormatError, and never hangs', () => {
    // A corrupt page can send a decoder into an endless loop, which no in-thread timeout can stop:
    // the property runs in a child process that is killed after 60 s (and then reports the hang).
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./parquet-fuzz.testing.ts', import.meta.url))], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal, `the reader hung on a corrupt file; last case tried:\n${r.stdout.split('\n').filter(Boolean).pop()}`).toBeNull();
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
  }, 70_000);
});
