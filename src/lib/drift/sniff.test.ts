// Example cases of the sniffers and the plan: the evidence in words, undecidable values,
// contradictory dates, markers, ids and the 3/"3" rule.
import { describe, it, expect } from 'vitest';
import { describeLocale, parseLocaleNumber, sniffLocale } from './sniff-number.ts';
import { parseDate, sniffDates } from './sniff-date.ts';
import { planDrift } from './plan.ts';
import { parseCsv } from '../data/csv.ts';
import { parseJsonArray } from '../data/json.ts';

const counts = (xs: string[]) => xs.map((x) => [x, 1] as const);

describe('sniffLocale', () => {
  it('evidence in words; 1,234 alone is undecidable (pandas default: point) and reads as a thousands group', () => {
    const e = sniffLocale(counts(['39,81', '2,5', '1.234,50', 'abc', '7']));
    expect(e).toMatchObject({ decimal: ',', thousands: '.', decimalComma: 3, decimalPoint: 0, values: 4 });
    expect(describeLocale(e)).toBe("decimal comma in 3 of 4 number-like text values; thousands separator '.' in 1");
    const us = sniffLocale(counts(['1,234', '2,399']));
    expect(us).toMatchObject({ decimal: '.', thousands: ',' });
    expect(parseLocaleNumber('2,399', us)).toBe(2399);
    expect(parseLocaleNumber('0,500', { decimal: ',', thousands: '' })).toBe(0.5);
    expect(sniffLocale(counts(['0,500'])).decimal).toBe(',');
    expect(describeLocale(sniffLocale([], { decimal: ',' }))).toBe('decimal comma (set by the settings)');
  });
  it('parses signs, spaces, exponents and inf as pandas does; rejects mixed separators', () => {
    const eu = { decimal: ',' as const, thousands: '.' as const };
    expect(parseLocaleNumber(' -1.234.567,5 ', eu)).toBe(-1234567.5);
    expect(parseLocaleNumber('1,5e3', eu)).toBe(1500);
    expect(parseLocaleNumber('-inf', eu)).toBe(-Infinity);
    expect(parseLocaleNumber('1,234.5', eu)).toBeUndefined();
    expect(parseLocaleNumber('12.34', eu)).toBeUndefined();
    expect(parseLocaleNumber('1\u00a0234,5', { decimal: ',', thousands: ' ' })).toBe(1234.5);
  });
});

describe('sniffDates', () => {
  it('contradictory day/month evidence is reported and the majority wins; ISO with offsets reads in UTC', () => {
    const s = sniffDates(counts(['13/01/2020', '14/01/2020', '01/13/2020']))!;
    expect(s).toMatchObject({ order: 'dmy', ambiguous: true, dayFirst: 2, monthFirst: 1 });
    expect(s.evidence).toMatch(/^contradictory/);
    expect(parseDate('2020-01-02T03:04:05+02:00', 'iso')).toBe(Date.UTC(2020, 0, 2, 1, 4, 5));
    expect(parseDate('31.02.2020', 'dmy')).toBeNaN();
    expect(parseDate('05.06.99', 'dmy')).toBe(Date.UTC(1999, 5, 5));
    expect(sniffDates(counts(['2020-01-01', 'x', 'y']))).toBeNull();
    expect(sniffDates(counts(['01.02.2000', '03.04.2000']))).toMatchObject({ order: 'dmy', ambiguous: true });
  });
});

describe('planDrift', () => {
  it('numbers with markers, JSON 3 and "3", ids and dates: types a person would choose, reasons for the rest', () => {
    const rows = (off: number) => Array.from({ length: 30 }, (_, i) => ({
      id: `k${i + off}`, n: i % 10 === 0 ? 'unknown' : i * 1.5, c: i % 2 ? 3 : '3', when: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const plan = planDrift(parseJsonArray(JSON.stringify(rows(0))), parseJsonArray(JSON.stringify(rows(5))));
    expect(plan.columns.map((p) => [p.name, p.type, p.tested])).toEqual([
      ['id', 'id', false], ['n', 'numerical', true], ['c', 'numerical', true], ['when', 'datetime', false],
    ]);
    expect(plan.columns[0].reason).toMatch(/^id-like: 30 distinct values in 30 rows/);
    expect(plan.quality).toEqual([expect.objectContaining({ column: 'n', check: 'non-numeric-values', details: { tokens: [{ value: 'unknown', reference: 3, current: 3 }] } })]);
    expect(plan.timeColumns).toEqual(['when']);
  });
  it('codes with leading zeros stay categories; a user kind wins; unchosen columns say so', () => {
    // JSON text keeps the zeros (a CSV reader, like pandas, reads "01000" as the number 1000).
    const t = parseJsonArray(JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ zip: `0${1000 + (i % 4)}`, v: i % 5 }))));
    const plan = planDrift(t, t, { kinds: { v: 'categorical' } });
    expect(plan.columns.map((p) => [p.name, p.inferred, p.type, p.reason])).toEqual([
      ['zip', 'categorical', 'categorical', null], ['v', 'numerical', 'categorical', null],
    ]);
    const csv = parseCsv('a,b\n1,2\n');
    expect(planDrift(csv, csv, { columns: ['b'] }).columns[0].reason).toBe('not chosen (--columns)');
  });
});
