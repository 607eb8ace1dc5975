// Number formats for the compare screen, from src/lib/format.ts: errors in 3 significant digits,
// shares in % with two decimals, times in ms.
export { fmt, fmtPair } from '../../../lib/parity/verdict.ts';
import { relErrorText } from '../../../lib/parity/verdict.ts';

import { formatMsFixed, formatPct } from '../../../lib/format.ts';

export const pct = (x: number): string => formatPct(x, 2);
export const msText = formatMsFixed;

/** A relative error for a table cell, written like the CLI's ("— (reference 0)" where a baseline
 * element is 0 and the ratio is undefined), through the one helper in lib/parity/verdict.ts. */
export const relText = (rel: number, maxAbs: number): string => relErrorText({ maxRel: rel, maxAbs });
