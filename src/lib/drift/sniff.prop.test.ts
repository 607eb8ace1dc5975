// Property tests of the sniffers: numbers written in any locale read back as the same numbers
// with the locale found from the values; dates written day-first or month-first read back as the
// same day when the column holds a deciding value; nested records flatten to their leaf paths.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseLocaleNumber, sniffLocale, type NumberLocale } from './sniff-number.ts';
import { parseDate, sniffDates } from './sniff-date.ts';
import { flattenRecord } from '../data/flatten.ts';

/** x (an integer count of hundredths) written with `dec` and optional thousands `th`. */
function write(cents: number, loc: NumberLocale): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const int = String(Math.floor(a / 100));
  const frac = String(a % 100).padStart(2, '0');
  const grouped = loc.thousands ? int.replace(/\B(?=(\d{3})+(?!\d))/g, loc.thousands) : int;
  return `${neg ? '-' : ''}${grouped}${loc.decimal}${frac}`;
}

const locales: NumberLocale[] = [
  { decimal: '.', thousands: '' }, { decimal: '.', thousands: ',' }, { decimal: ',', thousands: '' },
  { decimal: ',', thousands: '.' }, { decimal: ',', thousands: ' ' }, { decimal: '.', thousands: "'" },
];

describe('number locale', () => {
  it('two-decimal values in any locale: sniffed decimal is right, and every value reads back exactly', () => {
    fc.assert(fc.property(fc.constantFrom(...locales), fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 60 }), (loc, cents) => {
      const texts = cents.map((c) => write(c, loc));
      const e = sniffLocale(texts.map((t) => [t, 1] as const));
      // Two decimals never look like a thousands group: the decimal is always decided.
      expect(e.decimal).toBe(loc.decimal);
      const grouped = texts.some((t) => loc.thousands && t.includes(loc.thousands));
      if (grouped) expect(e.thousands).toBe(loc.thousands);
      texts.forEach((t, i) => expect(parseLocaleNumber(t, { decimal: e.decimal, thousands: e.thousands })).toBe(cents[i] / 100));
    }));
  });
  it('a thousands separator that does not group by three is not a number', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
      expect(parseLocaleNumber(`${a},${String(b).padStart(2, '0')}5`, { decimal: '.', thousands: ',' })).toBe(Number(`${a}${String(b).padStart(2, '0')}5`));
      expect(parseLocaleNumber(`${a},${b}`, { decimal: '.', thousands: ',' })).toBeUndefined();
    }));
  });
});

const day = fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2060, 11, 31)), noInvalidDate: true })
  .map((d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const pad = (n: number) => String(n).padStart(2, '0');

describe('date order', () => {
  it('day-first / month-first / ISO columns: the order is found when a value decides it, and dates read back', () => {
    fc.assert(fc.property(fc.constantFrom('dmy', 'mdy', 'iso') as fc.Arbitrary<'dmy' | 'mdy' | 'iso'>, fc.constantFrom('/', '.', '-'), fc.array(day, { minLength: 1, maxLength: 40 }), (order, sep, days) => {
      const text = days.map((t) => {
        const d = new Date(t);
        const [y, m, dd] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
        return order === 'iso' ? `${y}-${m}-${dd}` : order === 'dmy' ? `${dd}${sep}${m}${sep}${y}` : `${m}${sep}${dd}${sep}${y}`;
      });
      const s = sniffDates(text.map((t) => [t, 1] as const))!;
      expect(s).not.toBeNull();
      const decides = days.some((t) => new Date(t).getUTCDate() > 12);
      if (order === 'iso') expect(s.order).toBe('iso');
      else if (decides) {
        expect(s.order).toBe(order);
        expect(s.ambiguous).toBe(false);
      } else expect(s.ambiguous).toBe(true);
      if (order === 'iso' || decides) text.forEach((t, i) => expect(parseDate(t, s.order)).toBe(days[i]));
    }));
  });
});

describe('nested keys', () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
  const leaf = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
  const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
    node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, leaf, tie('node')), { minKeys: 1, maxKeys: 4 }),
  })).node as fc.Arbitrary<Record<string, unknown>>;
  it('flattened keys are the dotted paths to every leaf, with the leaf values (json_normalize)', () => {
    fc.assert(fc.property(tree, (rec) => {
      const flat = flattenRecord(rec);
      const leaves = new Map<string, unknown>();
      const walk = (o: Record<string, unknown>, path: string) => {
        for (const [k, v] of Object.entries(o)) {
          const p = path ? `${path}.${k}` : k;
          if (v && typeof v === 'object' && !Array.isArray(v)) {
            if (Object.keys(v).length === 0) leaves.set(p, null);
            else walk(v as Record<string, unknown>, p);
          } else leaves.set(p, v);
        }
      };
      walk(rec, '');
      expect([...flat.entries()]).toEqual([...leaves.entries()]);
    }));
  });
});
