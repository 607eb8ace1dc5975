// Property tests for the Jensen–Shannon distance (fast-check): in [0, sqrt(ln 2)] (in [0, 1] in
// base 2), symmetric, zero on identical or proportional distributions, and the same for counts as
// for the shares they normalise to.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { jensenShannon } from './jensenshannon.ts';
import { StatsInputError } from './errors.ts';

const counts = (n: number) => fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }).filter((a) => a.some((x) => x > 0));
const pair = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(counts(n), counts(n)));

describe('jensenShannon, properties', () => {
  it('lies in [0, sqrt(ln 2)], and in [0, 1] in base 2', () => {
    fc.assert(fc.property(pair, ([p, q]) => {
      const d = jensenShannon(p, q);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.sqrt(Math.LN2) + 1e-12);
      expect(jensenShannon(p, q, 2)).toBeLessThanOrEqual(1 + 1e-12);
    }), { numRuns: 300 });
  });

  it('is symmetric, zero on proportional inputs, and scale-free', () => {
    fc.assert(fc.property(pair, fc.integer({ min: 1, max: 50 }), ([p, q], k) => {
      expect(jensenShannon(p, q)).toBeCloseTo(jensenShannon(q, p), 12);
      expect(jensenShannon(p, p.map((x) => x * k))).toBeCloseTo(0, 7);
      expect(jensenShannon(p.map((x) => x * k), q)).toBeCloseTo(jensenShannon(p, q), 12);
    }), { numRuns: 300 });
  });

  it('is sqrt(ln 2) for disjoint supports', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (a, b) => {
      expect(jensenShannon([a, 0], [0, b])).toBeCloseTo(Math.sqrt(Math.LN2), 12);
    }));
  });

  it('rejects misaligned or empty inputs with StatsInputError', () => {
    fc.assert(fc.property(counts(3), counts(4), (p, q) => {
      expect(() => jensenShannon(p, q)).toThrow(StatsInputError);
    }));
    expect(() => jensenShannon([], [])).toThrow(StatsInputError);
  });
});
