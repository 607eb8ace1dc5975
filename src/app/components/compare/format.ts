// Number formats for the compare screen: errors in 3 significant digits, shares in %, times in ms.
export { fmt, fmtPair } from '../../../lib/parity/verdict.ts';

export const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 2)}%` : '—');
export const msText = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : x < 10 ? `${x.toFixed(3)} ms` : `${x.toFixed(1)} ms`);
