// What the user chose on the drift screen, as pure functions over the plan: which columns are
// chosen (the plan's default unless toggled), the `columns` setting that choice stores, and the
// differences between the two sets' schemas in words.
import type { PlannedColumnInfo, SemanticType } from './types.ts';

/** Chosen: the user's toggle when there is one, else the plan's default (tested by type). */
export function isChosen(p: PlannedColumnInfo, toggles: Readonly<Record<string, boolean>>): boolean {
  return toggles[p.name] ?? p.tested;
}

/**
 * The `columns` setting for these toggles: null while every choice equals the plan's default (so
 * the stored settings read "the default choice", as the CLI without --columns), else the chosen
 * names in the plan's order.
 */
export function columnsSetting(plan: readonly PlannedColumnInfo[], toggles: Readonly<Record<string, boolean>>): string[] | null {
  if (!plan.some((p) => p.name in toggles && toggles[p.name] !== p.tested)) return null;
  return plan.filter((p) => isChosen(p, toggles)).map((p) => p.name);
}

/** Toggles that reproduce a stored `columns` setting on this plan (empty for null). */
export function togglesOf(plan: readonly PlannedColumnInfo[], columns: readonly string[] | null): Record<string, boolean> {
  if (!columns) return {};
  const set = new Set(columns);
  return Object.fromEntries(plan.map((p) => [p.name, set.has(p.name)]));
}

/** A column of one set as the schema panel knows it. */
export interface SchemaColumn {
  name: string;
  storage: 'number' | 'string';
  inferred: SemanticType;
  note: string | null;
}

export interface Mismatch {
  name: string;
  message: string;
}

/** Every difference between the two schemas, by column name, in reference order then current-only ones. */
export function schemaDiff(ref: readonly SchemaColumn[], cur: readonly SchemaColumn[]): Mismatch[] {
  const out: Mismatch[] = [];
  const curBy = new Map(cur.map((c) => [c.name, c]));
  const refNames = new Set(ref.map((c) => c.name));
  for (const r of ref) {
    const c = curBy.get(r.name);
    if (!c) out.push({ name: r.name, message: 'only in the reference set: not tested' });
    else if (r.storage !== c.storage) {
      const side = (s: SchemaColumn) => (s === r ? 'reference' : 'current');
      const [num, text] = r.storage === 'number' ? [r, c] : [c, r];
      out.push({ name: r.name, message: `numbers in the ${side(num)} set but text in the ${side(text)} set${text.note ? ` (${text.note.split(';')[0]})` : ''}; the column's type is decided on both sets together` });
    } else if (r.inferred !== c.inferred) out.push({ name: r.name, message: `looks ${r.inferred} in the reference but ${c.inferred} in the current set` });
  }
  for (const c of cur) if (!refNames.has(c.name)) out.push({ name: c.name, message: 'only in the current set: not tested' });
  return out;
}
