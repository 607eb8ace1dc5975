import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTableFile, readTableFiles } from './drift-io.ts';
import { parseCsv } from '../lib/data/csv.ts';

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
  it('a CSV read in pieces on several threads equals the whole read (quotes, CRLF, BOM, late text)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      [i, i % 7 === 0 ? `"multi\nline, ""quoted"" ${i}"` : `v${i % 5}`, i < 2500 ? (i * 0.25).toFixed(2) : 'late-text', i % 3 ? 'True' : 'False'].join(','));
    const file = join(dir, 'pieces.csv');
    writeFileSync(file, '\uFEFFid,note,num,flag\r\n' + rows.join('\r\n') + '\r\n');
    const [pieces] = await readTableFiles([file], 0);
    expect(pieces).toEqual(await readTableFile(file));
    const num = pieces.columns[2];
    expect(num.kind === 'string' && num.dictionary.slice(0, 3)).toEqual(['0.00', '0.25', '0.50']);
  });
  it('a plain CSV read in pieces on the byte fast path equals the text parser on the whole file', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2001-01-0${1 + (i % 9)} 00:${String(i % 60).padStart(2, '0')},${(i * 37) % 101 - 50},${i % 13 ? (i * 0.1).toFixed(1) : ''},${'ABCDE'[i % 5]}${i % 3},${i < 4900 ? i : 'late-' + i}`);
    const text = 'date,delay,dist,code,id\n' + rows.join('\n') + '\n';
    const file = join(dir, 'plain.csv');
    writeFileSync(file, text);
    const [pieces] = await readTableFiles([file], 0);
    expect(pieces).toEqual(parseCsv(text));
    expect(await readTableFile(file)).toEqual(parseCsv(text));
  });
  it('a ragged row in a later piece names its line in the whole file', async () => {
    const file = join(dir, 'ragged-late.csv');
    writeFileSync(file, 'a,b\n' + Array.from({ length: 999 }, (_, i) => `${i},${i}`).join('\n') + '\n1,2,3\n');
    await expect(readTableFiles([file], 0)).rejects.toThrow(/ragged-late\.csv: line 1001: expected 2 fields/);
  });
  it('errors name the file', async () => {
    await expect(readTableFile(bad)).rejects.toThrow(/bad\.csv: invalid UTF-8/);
    await expect(readTableFiles([bad, csv], 0)).rejects.toThrow(/invalid UTF-8/);
    rmSync(dir, { recursive: true, force: true });
  });
});
