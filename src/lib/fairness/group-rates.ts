// Per-group confusion rates of a classifier on labelled samples, for one chosen "positive" class
// (one-vs-rest for multi-class models): count, accuracy, positive rate, TPR and FPR per group.

/** One labelled, predicted sample and the group it belongs to. Labels and predictions are class indices. */
export interface Outcome {
  group: string;
  label: number;
  predicted: number;
}

export interface GroupRates {
  group: string;
  count: number;
  /** Fraction predicted exactly right (all classes, not just the positive one). */
  accuracy: number;
  /** Fraction predicted as the positive class (selection rate). */
  positiveRate: number;
  /** True positive rate: of the samples really positive, the fraction predicted positive; NaN when the group has none. */
  tpr: number;
  /** False positive rate: of the samples really not positive, the fraction predicted positive; NaN when none. */
  fpr: number;
  /** Samples whose true label is the positive class. */
  actualPositives: number;
}

/**
 * Rates per group, groups in natural order ("2" before "10"); `positive` is the class index treated
 * as the positive outcome. An empty list gives no groups.
 */
export function groupRates(outcomes: readonly Outcome[], positive: number): GroupRates[] {
  const by = new Map<string, { n: number; right: number; predPos: number; tp: number; pos: number; fp: number; neg: number }>();
  for (const o of outcomes) {
    let g = by.get(o.group);
    if (!g) by.set(o.group, (g = { n: 0, right: 0, predPos: 0, tp: 0, pos: 0, fp: 0, neg: 0 }));
    const predPos = o.predicted === positive;
    g.n++;
    if (o.predicted === o.label) g.right++;
    if (predPos) g.predPos++;
    if (o.label === positive) {
      g.pos++;
      if (predPos) g.tp++;
    } else {
      g.neg++;
      if (predPos) g.fp++;
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...by.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([group, g]) => ({
    group,
    count: g.n,
    accuracy: g.right / g.n,
    positiveRate: g.predPos / g.n,
    tpr: g.pos ? g.tp / g.pos : NaN,
    fpr: g.neg ? g.fp / g.neg : NaN,
    actualPositives: g.pos,
  }));
}
