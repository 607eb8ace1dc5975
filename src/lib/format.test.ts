// The one number-format module: each formatter's rule, missing and non-finite values included.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatChange, formatConfidence, formatCount, formatMs, formatMiB, formatMsShort, formatValue, formatMsFixed, formatNumber, formatP, formatPct, formatRatio, formatSig } from './format.ts';

describe('format', () => {
  it('ms: 3 significant digits, µs below 0.1 ms, whole ms from 1 s', () => {
    expect(formatMs(0.0702)).toBe('70.2 µs');
    expect(formatMs(0.09999)).toBe('0.100 ms');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(12345.6)).toBe('12346 ms');
    expect([formatMs(NaN), formatMs(undefined)]).toEqual(['—', '—']);
    expect([formatMsFixed(1.2345), formatMsFixed(12.34), formatMsFixed(undefined)]).toEqual(['1.234 ms', '12.3 ms', '—']);
  });
  it('compact numbers and 3-significant-digit messages', () => {
    expect([formatNumber(0.123456), formatNumber(-2.5e-5), formatNumber(3e6), formatNumber(0), formatNumber(null), formatNumber(Infinity)]).toEqual(['0.1235', '-2.50e-5', '3.00e+6', '0', '—', 'Infinity']);
    expect(formatNumber(0.123456, 3)).toBe('0.123');
    expect([formatSig(0), formatSig(0.0123456), formatSig(1.5e-7), formatSig(Infinity), formatSig(123456)]).toEqual(['0', '0.0123', '1.5e-7', 'Infinity', '1.23e+5']);
  });
  it('percent, p-values, bytes, counts and ratios', () => {
    expect([formatPct(0.005), formatPct(0.123), formatPct(0), formatPct(NaN)]).toEqual(['0.5%', '12%', '0%', '—']);
    expect([formatPct(0.12345, 2), formatPct(1, 2), formatPct(0, 2)]).toEqual(['12.35%', '100%', '0%']);
    expect([formatP(0.0412345), formatP(1e-20), formatP(0), formatP(null)]).toEqual(['0.0412', '< 1e-16', '0', '—']);
    expect([formatBytes(512), formatBytes(1536), formatBytes(3.2 * 1024 ** 2), formatBytes(2 * 1024 ** 3)]).toEqual(['512 B', '1.5 KB', '3.2 MB', '2.00 GB']);
    expect([formatCount(12345.4), formatCount(-1234), formatCount(undefined)]).toEqual(['12,345', '-1,234', '—']);
    expect([formatRatio(1.2345), formatChange(1.05), formatChange(0.9)]).toEqual(['×1.23', '+5.0%', '-10.0%']);
  });
  it('confidence, tensor values and badge latencies (the formats the Demo, Predict and text demo show)', () => {
    expect([formatConfidence(0.97), formatConfidence(0.9981), formatConfidence(0.002), formatConfidence(0.5)]).toEqual(['97%', '99.8%', '0.2%', '50%']);
    expect([formatValue(3), formatValue(0.123456), formatValue(0.0001234), formatValue(-12345.6), formatValue(0), formatValue(NaN)]).toEqual(['3', '0.1235', '1.234e-4', '-1.235e+4', '0', 'NaN']);
    expect([formatMiB(19_608_000), formatMiB(null)]).toEqual(['18.7 MiB', '—']);
    expect([formatMsShort(4.24), formatMsShort(37.4), formatMsShort(9.96)]).toEqual(['4.2', '37', '10.0']);
  });
});
