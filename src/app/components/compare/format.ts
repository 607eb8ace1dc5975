// Number formats for the compare screen, from src/lib/format.ts: errors in 3 significant digits,
// shares in % with two decimals, times in ms.
export { fmt, fmtPair } from '../../../lib/parity/verdict.ts';

import { formatMsFixed, formatPct } from '../../../lib/format.ts';

export const pct = (x: number): string => formatPct(x, 2);
export const msText = formatMsFixed;
