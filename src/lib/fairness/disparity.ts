// Group fairness gaps over per-group rates, as Fairlearn defines them: the largest minus the
// smallest rate across groups (0 = every group treated alike).
import type { GroupRates } from './group-rates.ts';

function spread(values: number[]): number {
  const defined = values.filter((v) => Number.isFinite(v));
  if (defined.length === 0) return NaN;
  return Math.max(...defined) - Math.min(...defined);
}

/** Demographic parity difference: max − min positive (selection) rate over groups; NaN with no groups. */
export function demographicParityDifference(rates: readonly GroupRates[]): number {
  return spread(rates.map((r) => r.positiveRate));
}

/** Equal opportunity difference: max − min true positive rate over the groups that have positives; NaN when none do. */
export function equalOpportunityDifference(rates: readonly GroupRates[]): number {
  return spread(rates.map((r) => r.tpr));
}

/** Equalized odds difference: the larger of the TPR gap and the FPR gap. */
export function equalizedOddsDifference(rates: readonly GroupRates[]): number {
  const t = equalOpportunityDifference(rates);
  const f = spread(rates.map((r) => r.fpr));
  if (Number.isNaN(t)) return f;
  if (Number.isNaN(f)) return t;
  return Math.max(t, f);
}
