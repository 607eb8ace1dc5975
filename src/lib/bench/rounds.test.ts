// The interval method over round medians: hand-checkable cases, and SciPy/NumPy values
// (scripts/fixtures/gen_rounds.py → fixtures/rounds.json) for the t quantiles, the p50 interval and
// Welch's ratio interval.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { roundMediansInterval, welchRatioInterval } from './rounds.ts';
import { studentTCdf, studentTQuantile } from '../stats/student-t.ts';

interface Fixture {
  ppf: { df: number; p: number; q: number }[];
  cdf: { df: number; t: number; p: number }[];
  intervals: { name: string; medians: number[]; center: number; sd: number; low: number; high: number }[];
  welch: { name: string; old: number[]; new: number[]; ratio: number; df: number; low: number; high: number }[];
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/rounds.json', import.meta.url), 'utf8')) as Fixture;
const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1e-300, Math.abs(b)));

describe('Student t against SciPy', () => {
  // SciPy's t.ppf itself is good to ≈ 4e-10 in CDF terms (t.cdf(t.ppf(0.9, 3), 3) − 0.9 = 3.6e-10, in
  // SciPy too), so quantiles agree to 1e-8 relative; the CDFs agree to 1e-12.
  for (const c of fx.ppf) it(`t.ppf(${c.p}, ${c.df})`, () => rel(studentTQuantile(c.p, c.df), c.q, 1e-8));
  for (const c of fx.cdf) it(`t.cdf(${c.t}, ${c.df})`, () => expect(Math.abs(studentTCdf(c.t, c.df) - c.p)).toBeLessThan(1e-12));
  it('knows the closed forms: df = 1 is Cauchy, df = 2 has q = (2p − 1)/√(2p(1 − p))', () => {
    rel(studentTQuantile(0.975, 1), Math.tan(Math.PI * 0.475), 1e-10);
    const p = 0.9;
    rel(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-10);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-studentTQuantile(0.975, 4), 12);
  });
  it('refuses p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(expect.objectContaining({ name: 'StatsInputError' }));
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom/);
  });
});

describe('roundMediansInterval', () => {
  it('by hand: medians 10 and 12 → 11 ± t(1, .975)·√2/√2 = 11 ± 12.706', () => {
    const r = roundMediansInterval([10, 12]);
    expect(r.center).toBe(11);
    expect(r.sd).toBeCloseTo(Math.SQRT2, 14);
    rel(r.high - r.center, 12.706204736174707, 1e-8);
  });
  it('by hand: three rounds 1, 2, 3 → 2 ± 4.3027·1/√3', () => {
    const r = roundMediansInterval([1, 2, 3]);
    expect(r.sd).toBe(1);
    rel(r.high - 2, 4.302652729749464 / Math.sqrt(3), 1e-8);
  });
  it('identical medians get the clock-step floor, not a zero width', () => {
    const r = roundMediansInterval([0.05, 0.05, 0.05], 0.95, 0.005);
    expect(r.low).toBeCloseTo(0.045, 15);
    expect(r.high).toBeCloseTo(0.055, 15);
    expect(r.sd).toBeLessThan(1e-15);
    expect(roundMediansInterval([7, 7, 7])).toMatchObject({ low: 7, high: 7 });
  });
  it('refuses one round (no spread to see) and non-finite medians', () => {
    expect(() => roundMediansInterval([1])).toThrow(/at least 2 round medians/);
    expect(() => roundMediansInterval([1, Number.NaN])).toThrow(/round median 1 is NaN/);
  });
  for (const c of fx.intervals) {
    it(`${c.name}: scipy.stats.t.interval over the round medians`, () => {
      const r = roundMediansInterval(c.medians);
      rel(r.center, c.center, 1e-12);
      rel(r.sd, c.sd, 1e-10);
      // SciPy's interval may reach below 0 ms over 2 rounds; a latency interval stops at 0.
      rel(r.low, Math.max(0, c.low), 1e-8);
      rel(r.high, c.high, 1e-8);
    });
  }
});

describe('welchRatioInterval', () => {
  it('by hand: constant rounds, new twice the old → ratio 2 exactly, zero width unless floored', () => {
    const r = welchRatioInterval([1, 1, 1], [2, 2, 2]);
    expect(r).toMatchObject({ ratio: 2, low: 2, high: 2, df: Infinity });
    const f = welchRatioInterval([1, 1, 1], [1, 1, 1], 0.95, Math.log(1.1));
    rel(f.high, 1.1, 1e-12);
    rel(f.low, 1 / 1.1, 1e-12);
  });
  it('is symmetric: swapping old and new inverts the ratio and the interval', () => {
    const a = [1, 1.1, 0.95];
    const b = [1.3, 1.2, 1.25];
    const ab = welchRatioInterval(a, b);
    const ba = welchRatioInterval(b, a);
    rel(ab.ratio, 1 / ba.ratio, 1e-12);
    rel(ab.low, 1 / ba.high, 1e-12);
    rel(ab.high, 1 / ba.low, 1e-12);
  });
  it('refuses single rounds and medians ≤ 0', () => {
    expect(() => welchRatioInterval([1], [1, 2])).toThrow(/at least 2 rounds/);
    expect(() => welchRatioInterval([1, 0], [1, 2])).toThrow(/> 0 ms/);
  });
  for (const c of fx.welch) {
    it(`${c.name}: Welch's t on log medians as SciPy computes it`, () => {
      const r = welchRatioInterval(c.old, c.new);
      rel(r.ratio, c.ratio, 1e-12);
      rel(r.df, c.df, 1e-10);
      rel(r.low, c.low, 1e-8);
      rel(r.high, c.high, 1e-8);
    });
  }
});
