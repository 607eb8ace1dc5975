// Corruption fuzz for the Parquet reader, run as a child process by parquet.prop.test.ts (so a
// hang can be killed): files from hyparquet-writer, truncated or with bytes overwritten, must read
// or fail with DataFormatError. Prints each case before reading it; exits 1 on a wrong error.
import fc from 'fast-check';
import { writeSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readParquet } from './parquet.ts';
import { DataFormatError } from './table.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const table = fc.integer({ min: 1, max: 30 }).chain((n) => fc.record({
  nums: fc.array(fc.option(finite, { nil: null }), { minLength: n, maxLength: n }),
  texts: fc.array(fc.option(fc.string({ maxLength: 8 }), { nil: null }), { minLength: n, maxLength: n }),
}));

await fc.assert(
  fc.asyncProperty(table, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.boolean(), async (t, cut, pokes, truncate) => {
    let bytes = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: t.nums, type: 'DOUBLE' }, { name: 's', data: t.texts, type: 'STRING' }] }));
    if (truncate) bytes = bytes.slice(0, cut % bytes.length);
    else for (const [at, v] of pokes) bytes[at % bytes.length] = v;
    writeSync(1, `${Buffer.from(bytes).toString('base64')}\n`);
    try {
      const r = await readParquet(bytes);
      for (const c of r.columns) if ((c.kind === 'number' ? c.values.length : c.codes.length) !== r.rowCount) throw new Error('column length differs from rowCount');
    } catch (e) {
      if (!(e instanceof DataFormatError)) throw e;
    }
  }),
  { numRuns: 300, seed: 20261127 },
);
