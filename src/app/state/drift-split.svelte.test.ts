// SplitChoice: a new file picks its cut column, and `spec` follows what the user types.
import { describe, it, expect } from 'vitest';
import { SplitChoice } from './drift-split.svelte.ts';

const cols = [
  { name: 'n', storage: 'number' as const, datetime: false, min: 0, max: 9 },
  { name: 'when', storage: 'string' as const, datetime: true, min: null, max: null },
];

describe('SplitChoice', () => {
  it('cuts at the first datetime column; spec asks for a valid date, then gives the cut in ms UTC', () => {
    const s = new SplitChoice();
    s.choose(new File(['x'], 'f.csv'), cols);
    expect(s.mode).toBe('cut');
    expect(s.column).toBe('when');
    expect(s.spec).toBe('enter the cut as a date, like 2001-03-01');
    s.cut = '2001-03-01';
    expect(s.spec).toEqual({ mode: 'cut', column: 'when', cut: Date.UTC(2001, 2, 1) });
    s.column = 'n';
    s.cut = 'x';
    expect(s.spec).toBe('enter the cut as a number');
    s.mode = 'half';
    expect(s.spec).toEqual({ mode: 'half' });
  });
  it('without a datetime column: halves, numeric column preselected; no file clears the columns', () => {
    const s = new SplitChoice();
    s.choose(new File(['x'], 'f.csv'), [cols[0]]);
    expect([s.mode, s.column]).toEqual(['half', 'n']);
    s.choose(null);
    expect([s.file, s.columns, s.column]).toEqual([null, [], null]);
  });
});
