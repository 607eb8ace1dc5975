import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTableFile, readTableFiles } from './drift-io.ts';

describe('drift file reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-io-'));
  const csv = join(dir, 'a.csv');
  const tsv = join(dir, 'b.tsv');
  const jsonl = join(dir, 'c.jsonl');
  const bad = join(dir, 'bad.csv');
  writeFileSync(csv, 'x,y\n1,a\n2,b\n');
  writeFileSync(tsv, 'x\ty\n3\tc\n');
  writeFileSync(jsonl, '{"x":1,"y":"a"}\n{"x":5,"y":"q"}\n');
  writeFileSync(bad, Buffer.from([0x78, 0x0a, 0xc3, 0x28, 0x0a]));
  it('picks the reader from the extension', async () => {
    expect((await readTableFile(csv)).rowCount).toBe(2);
    expect((await readTableFile(tsv)).columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect((await readTableFile(jsonl)).rowCount).toBe(2);
  });
  it('reads several files in worker threads, with the same result as in this thread', async () => {
    const [a, b] = await readTableFiles([csv, jsonl], 0);
    expect(a).toEqual(await readTableFile(csv));
    expect(b).toEqual(await readTableFile(jsonl));
  });
  it('errors name the file', async () => {
    await expect(readTableFile(bad)).rejects.toThrow(/bad\.csv: invalid UTF-8/);
    await expect(readTableFiles([bad, csv], 0)).rejects.toThrow(/invalid UTF-8/);
    rmSync(dir, { recursive: true, force: true });
  });
});
