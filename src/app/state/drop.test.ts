import { describe, it, expect } from 'vitest';
import { readDrop } from './drop.ts';

const f = (name: string, type = '') => new File(['x'], name, { type });

describe('readDrop', () => {
  it('one data file: read, no note; nothing dropped: nothing', () => {
    expect(readDrop([f('a.csv')])).toMatchObject({ source: { kind: 'file', name: 'a.csv' }, note: null });
    expect(readDrop([])).toEqual({ source: null, note: null });
  });
  it('several images make one image set', () => {
    const r = readDrop([f('1.png'), f('2.jpg'), f('x', 'image/webp')]);
    expect(r).toMatchObject({ source: { kind: 'images', name: '3 images' }, note: null });
  });
  it('extra files are named in the note; a data file wins over images', () => {
    const r = readDrop([f('pic.png'), f('a.csv'), f('b.csv')]);
    expect(r.source).toMatchObject({ kind: 'file', name: 'a.csv' });
    expect(r.note).toBe('Read a.csv; 2 other files were not read (pic.png, b.csv): each side takes one data file, or only images.');
    expect(readDrop([f('a.csv'), f('b.csv')]).note).toMatch(/1 other file was not read \(b\.csv\)/);
  });
});
