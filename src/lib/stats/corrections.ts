// Multiple-testing corrections of p-values, as statsmodels.stats.multitest.multipletests:
// Bonferroni (p·m, capped at 1) and Benjamini–Hochberg ('fdr_bh', step-up, monotone, capped at 1).

/** Bonferroni-adjusted p-values: min(1, p·m). NaN stays NaN. */
export function bonferroni(p: ArrayLike<number>): number[] {
  const m = p.length;
  return Array.from(p, (v) => Math.min(1, v * m));
}

/** Benjamini–Hochberg adjusted p-values (statsmodels 'fdr_bh'), in the input order. */
export function benjaminiHochberg(p: ArrayLike<number>): number[] {
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const out = new Array<number>(m);
  let running = Infinity;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    // statsmodels: pvals_sorted * nobs / ecdffactor, then minimum.accumulate from the top.
    const adj = (p[i] * m) / (r + 1);
    running = Math.min(running, adj);
    out[i] = Math.min(1, running);
  }
  return out;
}

/** Which correction to apply; 'none' returns the p-values unchanged. */
export type Correction = 'none' | 'bonferroni' | 'bh';

/** Apply `method` to `p`. */
export function correctPValues(p: ArrayLike<number>, method: Correction): number[] {
  if (method === 'bonferroni') return bonferroni(p);
  if (method === 'bh') return benjaminiHochberg(p);
  return Array.from(p);
}
