// The one number-format module (on d3-format, ASCII minus): latencies in ms, percentages, p-values,
// byte sizes, counts, ratios and compact numbers for labels. Every formatter returns '—' for a
// missing value and 'NaN'/'Infinity' text for non-finite ones, so a table never shows "undefined".
import { formatLocale } from 'd3-format';

// d3's default locale writes U+2212 for minus; tests, CSV and the CLI expect ASCII '-'.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const exp2 = locale.format('.2e');
const count = locale.format(',d');

type Maybe = number | null | undefined;

function special(v: Maybe): string | null {
  if (v === null || v === undefined) return '—';
  return Number.isFinite(v) ? null : String(v);
}

/** A latency label from ms: 3 significant digits, µs below 0.1 ms, whole ms from 1000 ms. */
export function formatMs(ms: Maybe): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const us = (ms * 1000).toPrecision(3);
  if (ms < 0.1 && Number(us) < 100) return `${us} µs`;
  return `${ms < 1000 ? ms.toPrecision(3) : Math.round(ms)} ms`;
}

/** A time in ms with fixed decimals: 3 below 10 ms, 1 above ("1.234 ms", "12.3 ms"), for tables of one run. */
export function formatMsFixed(ms: Maybe): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${ms < 10 ? ms.toFixed(3) : ms.toFixed(1)} ms`;
}

/**
 * Compact number for labels and report cells: `digits` significant digits (trailing zeros
 * dropped), exponent form below 1e-3 and from 1e6.
 */
export function formatNumber(v: Maybe, digits = 4): string {
  const s = special(v);
  if (s !== null) return s;
  if (v !== 0 && (Math.abs(v!) < 1e-3 || Math.abs(v!) >= 1e6)) return exp2(v!);
  return String(Number(v!.toPrecision(digits)));
}

/** 3 significant digits for messages; exponent form below 1e-3 and from 1e5 ("1.5e-7", "1.23e+5"). */
export function formatSig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  const r = Number(x.toPrecision(digits));
  return a >= 1e-3 && a < 1e5 ? String(r) : r.toExponential();
}

/**
 * A share 0..1 as percent. Default: whole percent from 10 % (and 0), else 2 significant digits
 * ("0.5%", "12%"). With `decimals`, that many decimals except for exactly 0 and 1 ("12.34%", "100%").
 */
export function formatPct(share: Maybe, decimals?: number): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const p = share * 100;
  if (decimals !== undefined) return `${p.toFixed(share === 1 || share === 0 ? 0 : decimals)}%`;
  return `${p >= 10 || p === 0 ? Math.round(p) : Number(p.toPrecision(2))}%`;
}

/** A model's confidence 0..1 as percent: whole percent, one decimal near the ends ("97%", "99.8%", "0.2%"). */
export function formatConfidence(p: number): string {
  return `${(p * 100).toFixed(p > 0.995 || p < 0.005 ? 1 : 0)}%`;
}

/** A tensor value for reading: integers as they are, else 4 decimals, exponent form below 1e-3 and from 1e4. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toFixed(4);
}

/** A latency for a badge next to its unit: one decimal below 10 ms, whole ms above ("4.2", "37"). */
export function formatMsShort(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toString();
}

/** A p-value: 3 significant digits, "< 1e-16" at double precision's floor. */
export function formatP(p: Maybe): string {
  const s = special(p);
  if (s !== null) return s;
  if (p! > 0 && p! < 1e-16) return '< 1e-16';
  return formatNumber(p, 3);
}

/** A byte size in binary units with one decimal (two for GB): "512 B", "1.5 KB", "3.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Memory in MiB with one decimal ("18.7 MiB"), '—' when not measured: the unit the memory columns use. */
export function formatMiB(bytes: Maybe): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** A whole count with thousands separators: "12,345". */
export function formatCount(n: Maybe): string {
  const s = special(n);
  return s ?? count(Math.round(n!));
}

/** A ratio as a multiplier with 2 decimals: "×1.23". */
export function formatRatio(r: Maybe): string {
  const s = special(r);
  return s ?? `×${r!.toFixed(2)}`;
}

/** A ratio as a signed change in percent with one decimal: 1.05 → "+5.0%", 0.9 → "-10.0%". */
export function formatChange(r: number): string {
  return `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
}
