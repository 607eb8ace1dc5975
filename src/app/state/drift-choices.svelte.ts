// The user's drift settings on the drift screen: column toggles, per-column type, date format,
// test and threshold, report-wide choices, number locale and missing markers. `settings` is the
// DriftSettings the data worker and the CLI take (derived, never copied by hand).
import { columnsSetting, togglesOf } from '../../lib/drift/choices.ts';
import { settingsOf, type DriftSettings } from '../../lib/drift/settings.ts';
import type { DateOrder } from '../../lib/drift/sniff-date.ts';
import type { DecimalSep, ThousandsSep } from '../../lib/drift/sniff-number.ts';
import type { Window } from '../../lib/drift/windows.ts';
import type { KindOverride, PlannedColumnInfo, TestName } from '../../lib/drift/types.ts';
import type { Correction } from '../../lib/stats/corrections.ts';

/** Set or remove one key of a record (a new object, so $state sees the change). */
function withKey<T>(r: Record<string, T>, key: string, v: T | null): Record<string, T> {
  const next = { ...r };
  if (v === null) delete next[key];
  else next[key] = v;
  return next;
}

export class DriftChoices {
  /** explicit column toggles; columns without one follow the plan's default */
  toggles = $state<Record<string, boolean>>({});
  kinds = $state<Record<string, KindOverride>>({});
  dateFormats = $state<Record<string, DateOrder>>({});
  stattest = $state<Record<string, TestName>>({});
  threshold = $state<Record<string, number>>({});
  correction = $state<Correction>('none');
  datasetThreshold = $state(0.5);
  /** null: sniffed from the data */
  decimal = $state<DecimalSep | null>(null);
  thousands = $state<ThousandsSep | null>(null);
  /** null: pandas' default missing markers */
  na = $state<string[] | null>(null);
  timelineOn = $state(false);
  timeColumn = $state<string | null>(null);
  window = $state<Window>('month');

  /** `plan` gives the current plan's columns (defaults of the toggles). */
  constructor(private readonly plan: () => readonly PlannedColumnInfo[]) {}

  /** The settings these choices stand for, as stored in a report and read by `edgeprobe drift --settings`. */
  readonly settings: DriftSettings = $derived.by(() => ({
    ...settingsOf({
      kinds: this.kinds, dateFormats: this.dateFormats, stattest: this.stattest, threshold: this.threshold,
      correction: this.correction, datasetThreshold: this.datasetThreshold,
      decimal: this.decimal ?? undefined, thousands: this.thousands ?? undefined, na: this.na ?? undefined,
      timeline: this.timelineOn && (this.timeColumn || typeof this.window === 'number') ? { column: this.timeColumn, window: this.window } : null,
    }),
    columns: columnsSetting(this.plan(), this.toggles),
  }));

  /** What changes the types (and so the plan): kinds, date formats, locale, missing markers. */
  readonly typingKey: string = $derived(JSON.stringify([this.kinds, this.dateFormats, this.decimal, this.thousands, this.na]));

  toggle(name: string, on: boolean): void {
    this.toggles = { ...this.toggles, [name]: on };
  }

  setAll(names: readonly string[], on: boolean): void {
    const next = { ...this.toggles };
    for (const n of names) next[n] = on;
    this.toggles = next;
  }

  /** '' clears the override. */
  setKind(name: string, v: KindOverride | ''): void {
    this.kinds = withKey(this.kinds, name, v || null);
  }

  setDateFormat(name: string, v: DateOrder | ''): void {
    this.dateFormats = withKey(this.dateFormats, name, v || null);
  }

  setTest(name: string, v: TestName | ''): void {
    this.stattest = withKey(this.stattest, name, v || null);
  }

  /** Text from the threshold box: a number ≥ 0, else the override is cleared. */
  setThreshold(name: string, text: string): void {
    const x = Number(text);
    this.threshold = withKey(this.threshold, name, text.trim() !== '' && Number.isFinite(x) && x >= 0 ? x : null);
  }

  /** Text of the missing-markers box: comma-separated; blank restores pandas' default list. */
  setNa(text: string): void {
    this.na = text.trim() === '' ? null : text.split(',').map((s) => s.trim());
  }

  /** Take every choice from stored settings (a report's or a settings file's). */
  apply(s: DriftSettings): void {
    this.toggles = togglesOf(this.plan(), s.columns);
    this.kinds = { ...s.kinds };
    this.dateFormats = { ...s.dateFormats };
    this.stattest = { ...s.stattest };
    this.threshold = { ...s.threshold };
    this.correction = s.correction;
    this.datasetThreshold = s.datasetThreshold;
    this.decimal = s.decimal;
    this.thousands = s.thousands;
    this.na = s.na ? [...s.na] : null;
    this.timelineOn = s.timeline !== null;
    if (s.timeline) {
      this.timeColumn = s.timeline.column;
      this.window = s.timeline.window;
    }
  }

  /** New sets: toggles of columns they no longer have are dropped; the time column kept if still offered. */
  forNewSets(timeColumns: readonly string[]): void {
    const names = new Set(this.plan().map((p) => p.name));
    this.toggles = Object.fromEntries(Object.entries(this.toggles).filter(([k]) => names.has(k)));
    if (!this.timeColumn || !timeColumns.includes(this.timeColumn)) this.timeColumn = timeColumns[0] ?? null;
  }
}
