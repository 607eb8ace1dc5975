// DriftChoices: the settings it derives equal what the CLI builds from the same choices, toggles
// follow the plan's defaults, and stored settings come back as the same choices.
import { describe, it, expect } from 'vitest';
import { DriftChoices } from './drift-choices.svelte.ts';
import { settingsOf } from '../../lib/drift/settings.ts';
import type { PlannedColumnInfo } from '../../lib/drift/types.ts';

const col = (name: string, tested: boolean, type: PlannedColumnInfo['type'] = tested ? 'numerical' : 'datetime'): PlannedColumnInfo => ({
  name, inferred: type, type, tested, reason: tested ? null : 'datetime: left out', format: null, evidence: null,
});

describe('DriftChoices', () => {
  let plan: PlannedColumnInfo[] = [col('date', false), col('a', true), col('b', true)];
  const make = () => new DriftChoices(() => plan);

  it('untouched: the default settings (columns null = the plan decides), as the CLI without flags', () => {
    expect(make().settings).toEqual(settingsOf({}));
  });

  it('toggles that differ from the plan become an explicit column list; toggling back restores null', () => {
    const c = make();
    c.toggle('b', false);
    expect(c.settings.columns).toEqual(['a']);
    c.toggle('b', true);
    expect(c.settings.columns).toBeNull();
    c.setAll(['a', 'b'], false);
    expect(c.settings.columns).toEqual([]);
  });

  it('per-column overrides: set and cleared; bad thresholds clear the override', () => {
    const c = make();
    c.setKind('a', 'categorical');
    c.setTest('b', 'psi');
    c.setThreshold('b', '0.2');
    c.setDateFormat('date', 'dmy');
    expect(c.settings).toMatchObject({ kinds: { a: 'categorical' }, stattest: { b: 'psi' }, threshold: { b: 0.2 }, dateFormats: { date: 'dmy' } });
    c.setThreshold('b', '-1');
    c.setKind('a', '');
    expect(c.settings.threshold).toEqual({});
    expect(c.settings.kinds).toEqual({});
  });

  it('typingKey changes with what changes types (not with tests or thresholds)', () => {
    const c = make();
    const k0 = c.typingKey;
    c.setTest('a', 'ks');
    expect(c.typingKey).toBe(k0);
    c.decimal = ',';
    expect(c.typingKey).not.toBe(k0);
    c.setNa('NA, unknown');
    expect(c.settings.na).toEqual(['NA', 'unknown']);
    c.setNa(' ');
    expect(c.settings.na).toBeNull();
  });

  it('the timeline is in the settings only when on and usable', () => {
    const c = make();
    c.timeColumn = 'date';
    expect(c.settings.timeline).toBeNull();
    c.timelineOn = true;
    expect(c.settings.timeline).toEqual({ column: 'date', window: 'month' });
    c.timeColumn = null;
    expect(c.settings.timeline).toBeNull();
    c.window = 50;
    expect(c.settings.timeline).toEqual({ column: null, window: 50 });
  });

  it('apply(settings) reproduces the same settings', () => {
    const c = make();
    const stored = { ...settingsOf({ kinds: { a: 'categorical' }, correction: 'bh', datasetThreshold: 0.3, decimal: ',', thousands: '.', na: ['?'] }), columns: ['a'], timeline: { column: 'date', window: 'week' as const } };
    c.apply(stored);
    expect(c.settings).toEqual(stored);
  });

  it('new sets drop toggles of vanished columns and pick an offered time column', () => {
    const c = make();
    c.toggle('b', false);
    c.timeColumn = 'gone';
    plan = [col('when', false), col('a', true)];
    c.forNewSets(['when']);
    expect(c.toggles).toEqual({});
    expect(c.timeColumn).toBe('when');
  });
});
