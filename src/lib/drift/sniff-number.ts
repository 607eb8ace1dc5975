// Number locale of text values: the decimal separator (point or comma) and the thousands
// separator, decided together from evidence over all values, and a parser for that locale.
import { parseNumberRange } from '../data/number-parse.ts';

export type DecimalSep = '.' | ',';
/** '' means no thousands separator; ' ' also accepts the no-break spaces U+00A0 and U+202F. */
export type ThousandsSep = '' | ',' | '.' | ' ' | "'";

export interface NumberLocale {
  decimal: DecimalSep;
  thousands: ThousandsSep;
}

/** What the sniffer saw: counts of values (rows) that are only readable one way. */
export interface LocaleEvidence extends NumberLocale {
  /** values with a decimal comma that cannot be a thousands comma (e.g. 39,81 or 1.234,5) */
  decimalComma: number;
  /** values with a decimal point that cannot be a thousands point (e.g. 3.5 or 1,234.5) */
  decimalPoint: number;
  /** values showing the chosen thousands separator */
  thousandsSeen: number;
  /** number-like text values looked at */
  values: number;
  /** the user fixed the separators (no sniffing) */
  overridden: boolean;
}

const SPACES = /[\u00a0\u202f]/g;
const COMMA_DEC = /^[-+]?\d+,\d+$/;
const DOT_DEC = /^[-+]?\d*\.\d+$/;
const DOT_GROUPS_COMMA_DEC = /^[-+]?\d{1,3}(\.\d{3})+,\d+$/;
const COMMA_GROUPS_DOT_DEC = /^[-+]?\d{1,3}(,\d{3})+\.\d+$/;
const COMMA_GROUPS = /^[-+]?\d{1,3}(,\d{3}){2,}$/;
const DOT_GROUPS = /^[-+]?\d{1,3}(\.\d{3}){2,}$/;
const SPACE_GROUPS = /^[-+]?\d{1,3}( \d{3})+([.,]\d+)?$/;
const APOS_GROUPS = /^[-+]?\d{1,3}('\d{3})+(\.\d+)?$/;
const NUMBERISH = /^[-+]?[\d.,' ]*\d[\d.,' ]*$/;

/** A value that is 1,234 or 1.234: a thousands group or three decimals, by itself undecidable. */
function threeAfter(t: string, sep: string): boolean {
  const i = t.indexOf(sep);
  return i > 0 && t.length - i - 1 === 3 && t.lastIndexOf(sep) === i && !/^[-+]?0/.test(t);
}

/**
 * Sniff the number locale of text values (`value`, `count` pairs; count = rows). Unambiguous values
 * vote: `39,81` and `1.234,5` for a decimal comma, `3.5` and `1,234.5` for a decimal point; a tie
 * or no evidence keeps the point (pandas' default). Thousands: the separator seen in grouped values
 * that fits the chosen decimal; values like 2,399 (undecidable alone) count as thousands groups once
 * the decimal is a point.
 */
export function sniffLocale(values: Iterable<readonly [string, number]>, fixed: Partial<NumberLocale> = {}): LocaleEvidence {
  let comma = 0;
  let point = 0;
  let looked = 0;
  // 1,234 / 1.234: a thousands group or three decimals; they count for thousands once the decimal is known.
  let ambComma = 0;
  let ambDot = 0;
  const groups = { ',': 0, '.': 0, ' ': 0, "'": 0 };
  for (const [raw, n] of values) {
    let t = raw.trim().replace(SPACES, ' ');
    if (!NUMBERISH.test(t)) continue;
    looked += n;
    // Space and apostrophe groups are thousands whatever the decimal: count them, then judge the rest.
    if (SPACE_GROUPS.test(t)) {
      groups[' '] += n;
      t = t.replaceAll(' ', '');
    } else if (APOS_GROUPS.test(t)) {
      groups["'"] += n;
      t = t.replaceAll("'", '');
    }
    if (DOT_GROUPS_COMMA_DEC.test(t)) {
      comma += n;
      groups['.'] += n;
    } else if (COMMA_GROUPS_DOT_DEC.test(t)) {
      point += n;
      groups[','] += n;
    } else if (COMMA_DEC.test(t)) {
      if (!threeAfter(t, ',')) comma += n;
      else ambComma += n;
    } else if (DOT_DEC.test(t)) {
      if (!threeAfter(t, '.')) point += n;
      else ambDot += n;
    } else if (COMMA_GROUPS.test(t)) groups[','] += n;
    else if (DOT_GROUPS.test(t)) groups['.'] += n;
  }
  const decimal: DecimalSep = fixed.decimal ?? (comma > point ? ',' : '.');
  if (decimal === '.') groups[','] += ambComma;
  else groups['.'] += ambDot;
  let thousands: ThousandsSep = '';
  if (fixed.thousands !== undefined) thousands = fixed.thousands;
  else {
    const options = (decimal === ',' ? ['.', ' '] : [',', ' ', "'"]) as ThousandsSep[];
    let best = 0;
    for (const o of options) {
      const seen = groups[o as keyof typeof groups];
      if (seen > best) {
        best = seen;
        thousands = o;
      }
    }
  }
  const thousandsSeen = thousands ? groups[thousands as keyof typeof groups] : 0;
  return {
    decimal, thousands, decimalComma: comma, decimalPoint: point, thousandsSeen, values: looked,
    overridden: fixed.decimal !== undefined || fixed.thousands !== undefined,
  };
}

const GROUPED: Record<string, RegExp> = {
  ',': /^[-+]?\d{1,3}(,\d{3})+([.]\d*)?$/,
  '.': /^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$/,
  ' ': /^[-+]?\d{1,3}( \d{3})+([.,]\d*)?$/,
  "'": /^[-+]?\d{1,3}('\d{3})+([.]\d*)?$/,
};

/**
 * Parse text as a number in `locale` (pandas' rules otherwise: spaces around, sign, exponent,
 * inf); undefined when it is not a number there. Thousands separators must group by three.
 */
export function parseLocaleNumber(raw: string, locale: NumberLocale): number | undefined {
  let t = raw;
  if (locale.thousands) {
    const s = locale.thousands === ' ' ? raw.trim().replace(SPACES, ' ') : raw.trim();
    if (s.includes(locale.thousands)) {
      if (!GROUPED[locale.thousands].test(s)) return undefined;
      t = s.split(locale.thousands).join('');
    } else t = s;
  }
  if (locale.decimal === ',') {
    if (t.includes('.')) return undefined;
    t = t.replace(',', '.');
  } else if (t.includes(',')) return undefined;
  return parseNumberRange(t, 0, t.length);
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Evidence in words, e.g. "decimal comma in 2,341 of 2,400 values; thousands '.' in 120". */
export function describeLocale(e: LocaleEvidence): string {
  const dec = e.decimal === ',' ? 'decimal comma' : 'decimal point';
  const seen = e.decimal === ',' ? e.decimalComma : e.decimalPoint;
  const head = e.overridden ? `${dec} (set by the settings)` : e.values ? `${dec} in ${fmt(seen)} of ${fmt(e.values)} number-like text values` : `${dec} (no number-like text to judge by)`;
  const name = e.thousands === ' ' ? 'space' : `'${e.thousands}'`;
  return e.thousands ? `${head}; thousands separator ${name} in ${fmt(e.thousandsSeen)}` : head;
}
