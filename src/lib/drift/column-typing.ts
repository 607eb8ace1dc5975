// The type a person would choose for a column, judged on both sets at once: numbers with a
// minority of text tokens are numerical (the tokens become missing, reported with counts), dates
// are found with their order, id-like and free-text columns are named as such.
import type { Column, StringColumn } from '../data/table.ts';
import { codeCounts } from './prepare.ts';
import { parseLocaleNumber, type NumberLocale } from './sniff-number.ts';
import { sniffDates, type DateOrder, type DateSniff } from './sniff-date.ts';
import { inferType } from './typing.ts';
import type { QualityFinding, SemanticType } from './types.ts';

/** Share of non-missing values that must be numbers for a column with text tokens to be numerical. */
export const NUMERIC_MAJORITY = 0.8;

/** A text token that is not a number in a numerical column, with its rows per set. */
export interface Token {
  value: string;
  reference: number;
  current: number;
}

export interface ColumnTyping {
  inferred: SemanticType;
  /** date sniff of datetime columns (text), null otherwise */
  dates: DateSniff | null;
  evidence: string | null;
  /** non-numeric tokens of a numerical column (they become missing) */
  tokens: Token[];
  /** why id / text, when so */
  why: string | null;
}

/** (value, rows) of a text column, without the extra missing markers `na`. */
export function valueCounts(col: StringColumn, na: ReadonlySet<string> | null): [string, number][] {
  const counts = codeCounts(col.codes, col.dictionary.length);
  const out: [string, number][] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0 && !na?.has(col.dictionary[k])) out.push([col.dictionary[k], counts[k]]);
  return out;
}

function presentNumbers(col: Column): number {
  if (col.kind !== 'number') return 0;
  let n = 0;
  for (let i = 0; i < col.values.length; i++) if (col.values[i] === col.values[i]) n++;
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Why a text column is id-like or free text (the reference decides, as the old typing did). */
function idOrText(col: StringColumn, t: SemanticType): string {
  let present = 0;
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) present++;
  const share = present ? Math.round((100 * col.dictionary.length) / present) : 0;
  return t === 'id'
    ? `id-like: ${fmt(col.dictionary.length)} distinct values in ${fmt(present)} rows (${share} %); a test of categories would always see drift`
    : `free text: ${fmt(col.dictionary.length)} distinct values in ${fmt(present)} rows, mostly long or with spaces`;
}

/**
 * Type of the column pair `ref`/`cur`. `locales` are each set's number locale; `na` extra
 * missing markers; `dateOrder` a fixed date order (the user's).
 */
export function typeColumn(ref: Column, cur: Column, locales: [NumberLocale, NumberLocale], na: ReadonlySet<string> | null, dateOrder?: DateOrder): ColumnTyping {
  const none: ColumnTyping = { inferred: 'numerical', dates: null, evidence: null, tokens: [], why: null };
  if (ref.kind === 'number' && cur.kind === 'number') {
    const t = inferType(ref);
    if (t === 'id') return { ...none, inferred: 'id', why: 'row number: counts up by one on every row' };
    if (ref.dtype === 'datetime' || cur.dtype === 'datetime') return { ...none, inferred: 'datetime', evidence: 'stored as timestamps' };
    return { ...none, inferred: t };
  }
  const sides = [ref, cur] as const;
  const text = sides.map((c) => (c.kind === 'string' ? valueCounts(c, na) : []));
  const nums = sides.map(presentNumbers);
  const datesOk = sides.every((c) => c.kind === 'string' || c.dtype === 'datetime');
  if (datesOk) {
    const dates = sniffDates([...text[0], ...text[1]], dateOrder);
    if (dates) return { ...none, inferred: 'datetime', dates, evidence: dates.evidence };
  }
  // Numbers: the number sides, plus text that parses in its set's locale.
  const tokens = new Map<string, Token>();
  let parsed = 0;
  let leadingZero = 0;
  let total = nums[0] + nums[1];
  for (let s = 0; s < 2; s++) {
    for (const [v, n] of text[s]) {
      total += n;
      if (parseLocaleNumber(v, locales[s]) !== undefined) {
        parsed += n;
        if (/^\s*0\d/.test(v)) leadingZero += n;
      } else {
        let t = tokens.get(v);
        if (!t) tokens.set(v, (t = { value: v, reference: 0, current: 0 }));
        t[s === 0 ? 'reference' : 'current'] += n;
      }
    }
  }
  const numeric = parsed + nums[0] + nums[1];
  // Codes like 00123 are labels, not quantities.
  if (total > 0 && numeric >= NUMERIC_MAJORITY * total && leadingZero < 0.1 * Math.max(parsed, 1)) {
    const list = [...tokens.values()].sort((a, b) => b.reference + b.current - a.reference - a.current);
    const bad = list.reduce((a, t) => a + t.reference + t.current, 0);
    const evidence = bad ? `numbers in ${fmt(numeric)} of ${fmt(total)} values; ${fmt(bad)} text values (${list.length} distinct) read as missing` : `numbers in all ${fmt(total)} values`;
    return { ...none, inferred: 'numerical', evidence, tokens: list };
  }
  if (ref.kind === 'string') {
    const t = inferType(ref);
    if (t === 'id' || t === 'text') return { ...none, inferred: t, why: idOrText(ref, t) };
  }
  return { ...none, inferred: 'categorical' };
}

/** The data-quality finding for the tokens of a numerical column (null when there are none). */
export function tokenFinding(column: string, tokens: Token[]): QualityFinding | null {
  if (!tokens.length) return null;
  const rows = tokens.reduce((a, t) => a + t.reference + t.current, 0);
  const shown = tokens.slice(0, 5).map((t) => `${JSON.stringify(t.value)} ×${fmt(t.reference + t.current)}`).join(', ');
  return {
    column, check: 'non-numeric-values', severity: 'warn',
    message: `${fmt(rows)} values of numerical column "${column}" are not numbers (${shown}${tokens.length > 5 ? ', …' : ''}): read as missing`,
    details: { tokens: tokens.slice(0, 50) },
  };
}
