// Where group labels come from for tabular rows: a feature with few distinct values, or a season
// derived from a month feature (meteorological seasons, northern hemisphere).

export interface GroupColumn {
  /** Stable id used in links: "feature:<index>" or "season:<index>". */
  id: string;
  /** Plain-words name shown to people. */
  label: string;
  /** The group of one feature row. */
  of: (row: ArrayLike<number>) => string;
}

const SEASONS = ['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'];

/** Meteorological season of a month 1-12 (Dec-Feb winter …); "unknown" for anything else. */
export function seasonOfMonth(month: number): string {
  return Number.isInteger(month) && month >= 1 && month <= 12 ? SEASONS[month - 1]! : 'unknown';
}

/**
 * Group columns offered for rows with these feature names: "season" for a feature named month,
 * then every feature with at most `maxGroups` distinct values in `rows`.
 */
export function groupColumns(featureNames: readonly string[], rows: readonly ArrayLike<number>[], maxGroups = 12): GroupColumn[] {
  const out: GroupColumn[] = [];
  featureNames.forEach((name, i) => {
    if (/^month$/i.test(name)) out.push({ id: `season:${i}`, label: `season (from ${name})`, of: (r) => seasonOfMonth(r[i]!) });
  });
  featureNames.forEach((name, i) => {
    const distinct = new Set<number>();
    for (const r of rows) {
      distinct.add(r[i]!);
      if (distinct.size > maxGroups) return;
    }
    if (rows.length && distinct.size >= 2) out.push({ id: `feature:${i}`, label: name, of: (r) => String(r[i]) });
  });
  return out;
}
