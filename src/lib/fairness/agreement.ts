// Parity split by group: per group, how often the device and the server give the same class, and
// the largest difference between their output values.

export interface PairedOutput {
  group: string;
  device: ArrayLike<number>;
  server: ArrayLike<number>;
}

export interface GroupAgreement {
  group: string;
  count: number;
  /** Fraction of samples whose top class (first index on ties) is the same on both sides. */
  agreement: number;
  /** Largest |device − server| over every value of every sample in the group; NaN if any value is NaN. */
  maxAbsDiff: number;
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Per-group agreement, groups in natural order. Rows whose two sides differ in length are an error. */
export function groupAgreement(rows: readonly PairedOutput[]): GroupAgreement[] {
  const by = new Map<string, { n: number; same: number; max: number }>();
  for (const r of rows) {
    if (r.device.length !== r.server.length) throw new Error(`device and server outputs differ in length (${r.device.length} vs ${r.server.length}) in group "${r.group}"`);
    let g = by.get(r.group);
    if (!g) by.set(r.group, (g = { n: 0, same: 0, max: 0 }));
    g.n++;
    if (argmax(r.device) === argmax(r.server)) g.same++;
    for (let i = 0; i < r.device.length; i++) {
      const d = Math.abs(r.device[i]! - r.server[i]!);
      g.max = Number.isNaN(d) || Number.isNaN(g.max) ? NaN : Math.max(g.max, d);
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...by.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([group, g]) => ({ group, count: g.n, agreement: g.same / g.n, maxAbsDiff: g.max }));
}
