// Text descriptors: hand-computed values on a tiny column (leave-one-out "unseen" on the reference,
// missing rows NaN), and on the bundled debian-sections pair: the descriptors drift between held-out
// descriptions and descriptions from unseen sections, and do not between two halves of the held-out set.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nonLetterShare, textDescriptorColumns, wordsOf } from './text-descriptors.ts';
import { driftReport } from './report.ts';
import { parseCsv } from '../data/csv.ts';
import { selectRows } from '../fairness/index.ts';
import type { StringColumn, Table } from '../data/table.ts';

const col = (values: (string | null)[]): StringColumn => {
  const dictionary: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let i = dictionary.indexOf(v);
    if (i < 0) i = dictionary.push(v) - 1;
    return i;
  });
  return { name: 't', kind: 'string', codes, dictionary };
};

describe('text descriptors', () => {
  it('words and non-letter shares', () => {
    expect(wordsOf('Café au-lait, 2 cups!')).toEqual(['café', 'au', 'lait', '2', 'cups']);
    expect(nonLetterShare('ab1!')).toBe(0.5);
    expect(nonLetterShare('日本 語')).toBe(0);
    expect(nonLetterShare('   ')).toBeNaN();
  });

  it('length, words, unseen share (leave-one-out on the reference) and missing rows', () => {
    const ref = col(['chess game', 'chess engine', 'mail server', null]);
    const cur = col(['chess robot', 'new words here']);
    const [chars, words, unseen, nonLetters] = textDescriptorColumns('t', ref, cur);
    expect([...chars!.reference.values]).toEqual([10, 12, 11, NaN]);
    expect([...words!.current.values]).toEqual([2, 3]);
    // "game", "engine", "mail", "server" occur in one reference row only: unseen by the other rows.
    expect([...unseen!.reference.values]).toEqual([0.5, 0.5, 1, NaN]);
    expect([...unseen!.current.values]).toEqual([0.5, 1]);
    expect([...nonLetters!.current.values]).toEqual([0, 0]);
    expect(unseen!.reference.name).toBe('t · unseen words share');
  });
});

describe('text descriptors in the drift report (bundled debian-sections pair)', () => {
  const read = (f: string): Table => parseCsv(readFileSync(join(process.cwd(), 'public', 'samples', f), 'utf8'));
  const ref = read('debian-sections-heldout.csv');
  const cur = read('debian-sections-current.csv');
  const descriptors = (r: ReturnType<typeof driftReport>) => r.columns.filter((c) => c.role === 'text descriptor');

  it('tests four numeric descriptors of the free-text column; all drift towards unseen sections', () => {
    const r = driftReport(ref, cur, { columns: ['description'] });
    const d = descriptors(r);
    expect(d.map((c) => c.name)).toEqual(['description · length (chars)', 'description · length (words)', 'description · unseen words share', 'description · non-letters share']);
    for (const c of d) {
      expect(c.kind).toBe('numerical');
      expect(c.test).toBe('wasserstein');
      expect(c.drift).toBe(true);
    }
  });

  it('describes a free-text column even when only other columns are tested, and keeps descriptors out of the share', () => {
    const r = driftReport(ref, cur, { columns: ['section'] });
    expect(r.columns.map((c) => c.name)).toEqual(['section', ...descriptors(r).map((c) => c.name)]);
    expect(descriptors(r)).toHaveLength(4);
    expect(r.dataset.nTested).toBe(1);
    expect(descriptors(r)[0]!.note).toMatch(/not counted in the dataset share/);
    expect(driftReport(ref, cur, { columns: ['section'], kinds: { description: 'ignore' } }).columns).toHaveLength(1);
  });

  it('two halves of the held-out set do not drift in any descriptor', () => {
    const even = Array.from({ length: ref.rowCount }, (_, i) => i).filter((i) => i % 2 === 0);
    const odd = Array.from({ length: ref.rowCount }, (_, i) => i).filter((i) => i % 2 === 1);
    const r = driftReport(selectRows(ref, even), selectRows(ref, odd), { columns: ['description'], kinds: { description: 'text' } });
    const d = descriptors(r);
    expect(d).toHaveLength(4);
    for (const c of d) expect(c.drift).toBe(false);
  });
});
