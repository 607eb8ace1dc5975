// DriftSets: shared columns, schema differences and time columns derived from the loaded sets.
import { describe, it, expect } from 'vitest';
import { DriftSets } from './drift-sets.svelte.ts';
import type { ColumnInfo, TableInfo } from '../../workers/data-protocol.ts';

const colInfo = (name: string, storage: 'number' | 'string', inferred: ColumnInfo['inferred'], note: string | null = null): ColumnInfo => ({
  name, storage, dtype: storage === 'number' ? 'float' : null, inferred, missing: 0, distinct: null, min: null, max: null, note,
});
const table = (name: string, columns: ColumnInfo[]): TableInfo => ({ name, format: 'csv', rows: 10, bytes: 100, columns, samples: 0, readMs: 1 });

describe('DriftSets', () => {
  it('derives shared columns and explains every schema difference by name', () => {
    const s = new DriftSets();
    expect(s.shared).toEqual([]);
    expect(s.mismatches).toEqual([]);
    s.reference = table('r', [colInfo('a', 'number', 'numerical'), colInfo('b', 'string', 'categorical'), colInfo('gone', 'number', 'numerical')]);
    s.current = table('c', [colInfo('a', 'string', 'categorical', 'mixed types: 3 text values'), colInfo('b', 'string', 'id'), colInfo('new', 'number', 'numerical')]);
    expect(s.shared).toEqual(['a', 'b']);
    expect(s.both).toBe(true);
    expect(s.mismatches.map((m) => m.name)).toEqual(['a', 'b', 'gone', 'new']);
    expect(s.mismatches[0].message).toMatch(/numbers in the reference set but text in the current set \(mixed types: 3 text values\)/);
    expect(s.mismatches[1].message).toBe('looks categorical in the reference but id in the current set');
    s.plan = { columns: [], quality: [], locale: { reference: '', current: '' }, timeColumns: ['when'] };
    expect(s.timeColumns).toEqual(['when']);
    s.clear();
    expect([s.reference, s.current, s.plan, s.shared.length]).toEqual([null, null, null, 0]);
  });
});
