// Dates in text: ISO (2000-02-01), day-first (01.02.2000, 01/02/2000) or month-first
// (02/01/2000), decided by evidence over the whole column (a first number above 12 can only be a
// day), the ambiguity reported, and a parser for the chosen order (ms since epoch, UTC).

/** Date order: ISO year-month-day, day-first (d/m/y) or month-first (m/d/y). */
export type DateOrder = 'iso' | 'dmy' | 'mdy';

export const DATE_ORDERS: readonly DateOrder[] = ['iso', 'dmy', 'mdy'];

export interface DateSniff {
  order: DateOrder;
  /** values (rows) that read as dates in some order, of `total` non-missing */
  matched: number;
  total: number;
  /** values whose first number is above 12 (only day-first fits) / whose second is (month-first) */
  dayFirst: number;
  monthFirst: number;
  /** no value decides the order, or values contradict each other */
  ambiguous: boolean;
  /** the evidence in words */
  evidence: string;
}

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:,?[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Share of non-missing values that must read as dates for a text column to be datetime. */
export const DATE_MAJORITY = 0.9;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // 31.02. rolls into March in Date.UTC: not a date.
  return new Date(t).getUTCDate() === d ? t : NaN;
}

const year2 = (y: string) => (y.length === 2 ? (Number(y) < 70 ? 2000 : 1900) + Number(y) : Number(y));

/** Parse a date in `order` (ISO text is read in every order); NaN when it is not one. */
export function parseDate(raw: string, order: DateOrder): number {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) {
    const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    let t = utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
    const z = m[8];
    if (z && z !== 'Z') {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return t;
  }
  if (order === 'iso') return NaN;
  m = DMY.exec(s);
  if (!m) return NaN;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return utc(year2(m[4]), month, day, Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0));
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Four digits then '-' or '/', as every ISO date starts. */
function isoShape(s: string): boolean {
  const sep = s.charCodeAt(4);
  return s.length >= 8 && (sep === 45 || sep === 47) && digit(s, 0) && digit(s, 1) && digit(s, 2) && digit(s, 3) && digit(s, 5);
}

function digit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Sniff the date order of text values (`value`, `count` pairs). Null when fewer than 90 % of the
 * values read as dates. `fixed` skips the vote (a user's format override).
 */
export function sniffDates(values: Iterable<readonly [string, number]>, fixed?: DateOrder): DateSniff | null {
  let total = 0;
  let iso = 0;
  let other = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let dots = 0;
  let checked = 0;
  let allIso = true;
  let k = 0;
  for (const [raw, n] of values) {
    total += n;
    // Once 1,000 values in a row were ISO, no day/month order is at stake: every 16th of the rest
    // is checked for the shape of one (YYYY-…), so 500 k distinct timestamps take a few ms.
    if (allIso && checked >= 1000 && ((++k & 15) !== 0 || isoShape(raw))) {
      iso += n;
      continue;
    }
    checked++;
    const s = raw.trim();
    if (ISO.test(s)) {
      iso += n;
      continue;
    }
    allIso = false;
    const m = DMY.exec(s);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const asDmy = !Number.isNaN(parseDate(s, 'dmy'));
    const asMdy = !Number.isNaN(parseDate(s, 'mdy'));
    if (!asDmy && !asMdy) continue;
    other += n;
    if (m[2] === '.') dots += n;
    if (a > 12 && b <= 12) dayFirst += n;
    else if (b > 12 && a <= 12) monthFirst += n;
  }
  const matched = iso + other;
  if (total === 0 || matched < DATE_MAJORITY * total) return null;
  let order: DateOrder;
  let ambiguous = false;
  let evidence: string;
  if (fixed) {
    order = fixed;
    evidence = `${order} (set by the settings)`;
  } else if (other === 0) {
    order = 'iso';
    evidence = `ISO dates in ${fmt(iso)} of ${fmt(total)} values`;
  } else if (dayFirst && monthFirst) {
    ambiguous = true;
    order = dayFirst >= monthFirst ? 'dmy' : 'mdy';
    evidence = `contradictory: ${fmt(dayFirst)} values only fit day-first, ${fmt(monthFirst)} only month-first; read ${order === 'dmy' ? 'day-first' : 'month-first'} (the majority)`;
  } else if (dayFirst) {
    order = 'dmy';
    evidence = `day-first: ${fmt(dayFirst)} of ${fmt(other)} dates have a first number above 12`;
  } else if (monthFirst) {
    order = 'mdy';
    evidence = `month-first: ${fmt(monthFirst)} of ${fmt(other)} dates have a second number above 12`;
  } else {
    ambiguous = true;
    // Dotted dates are day-first by convention (01.02.2000); slashes default to pandas' month-first.
    order = dots * 2 >= other ? 'dmy' : 'mdy';
    evidence = `ambiguous: no day is above 12 in ${fmt(other)} dates; read ${order === 'dmy' ? 'day-first (dotted dates)' : "month-first (pandas' default)"}; set the format to change it`;
  }
  return { order, matched, total, dayFirst, monthFirst, ambiguous, evidence };
}
