// Scales and ticks for every chart, on d3-scale and d3-array: a linear or log scale from a data
// domain to a pixel range, round tick values (d3's 1-2-5 rule), and 1-2-5 ticks per decade on log axes.
import { ticks as d3ticks } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';

/** A position function with its domain and ticks, as the mark builders use it. */
export interface Scale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
  ticks(count?: number): number[];
}

/** Linear scale from [d0, d1] to pixels [r0, r1]; a zero-width domain maps everything to the middle. */
export function linear(domain: [number, number], range: [number, number], clamp = false): Scale {
  const [d0, d1] = domain;
  const s = scaleLinear().domain(d0 === d1 ? [d0 - 0.5, d1 + 0.5] : domain).range(range).clamp(clamp);
  const f = ((v: number) => s(v)) as Scale;
  f.domain = domain;
  f.range = range;
  f.ticks = (count = 5) => ticks(d0, d1, count);
  return f;
}

/** Log (base 10) scale; values at or below 0 are clamped to the domain's lower end. */
export function log(domain: [number, number], range: [number, number], clamp = true): Scale {
  const s = scaleLog().domain(domain).range(range).clamp(clamp);
  const f = ((v: number) => s(v > 0 ? v : domain[0])) as Scale;
  f.domain = domain;
  f.range = range;
  f.ticks = () => logTicks(domain[0], domain[1]);
  return f;
}

/**
 * About `count` round values covering [min, max] (d3-array's `ticks`: steps of 1, 2 or 5 × 10^k).
 * Non-finite bounds give none; min = max gives [min].
 */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  return d3ticks(min, max, count);
}

/** 1, 2 and 5 × 10^k within [min, max] for a log axis (d3's log ticks, thinned); min must be > 0. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const all = scaleLog().domain([min, max]).ticks(20);
  return all.filter((v) => [1, 2, 5].includes(Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(3)))).map((v) => Number(v.toPrecision(12)));
}
