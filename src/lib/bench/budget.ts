// Latency budgets: "p90=50" (ms) turned into a pass/fail per config, for CI (`bench --budget`) and
// the app's budget field. Percentiles and the mean come from all measured runs pooled; first and
// create from round 1 (the cold start).
import type { ConfigResult } from './types.ts';
import { BenchOptionsError } from './protocol.ts';

export const BUDGET_METRICS = ['p50', 'p90', 'p95', 'p99', 'mean', 'first', 'create'] as const;
export type BudgetMetric = (typeof BUDGET_METRICS)[number];

/** A limit on one figure, ms. */
export interface Budget {
  metric: BudgetMetric;
  ms: number;
}

export interface BudgetCheck {
  configId: string;
  label: string;
  metric: BudgetMetric;
  /** ms; null when the config produced no such figure (it failed) */
  value: number | null;
  limitMs: number;
  pass: boolean;
}

/** Parse "p90=50" (ms). @throws BenchOptionsError naming what is wrong and what is valid. */
export function parseBudget(text: string): Budget {
  const m = /^\s*([a-z0-9]+)\s*=\s*([^\s]+)\s*$/i.exec(text);
  if (!m) throw new BenchOptionsError(`budget "${text}" must look like METRIC=MS, e.g. p90=50; metrics: ${BUDGET_METRICS.join(', ')}`);
  const metric = m[1]!.toLowerCase() as BudgetMetric;
  if (!BUDGET_METRICS.includes(metric)) throw new BenchOptionsError(`budget metric "${m[1]}" is unknown; valid: ${BUDGET_METRICS.join(', ')}`);
  const ms = Number(m[2]!.replace(/ms$/i, ''));
  if (!Number.isFinite(ms) || ms <= 0) throw new BenchOptionsError(`budget ${metric} must be a time > 0 in ms, got "${m[2]}"`);
  return { metric, ms };
}

/** A config's figure for a budget metric, ms (null when it failed before producing it). */
export function budgetValue(c: ConfigResult, metric: BudgetMetric): number | null {
  if (metric === 'first') return c.rounds?.length || c.compute ? c.phases.firstRunMs : null;
  if (metric === 'create') return c.rounds?.length || c.compute ? c.phases.createMs : null;
  return c.compute ? c.compute[metric] : null;
}

/** Every budget against every config; a failed config fails every budget (it has no figure). */
export function checkBudgets(configs: readonly ConfigResult[], budgets: readonly Budget[]): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  for (const c of configs) {
    for (const b of budgets) {
      const value = budgetValue(c, b.metric);
      out.push({ configId: c.id, label: c.label, metric: b.metric, value, limitMs: b.ms, pass: value !== null && value <= b.ms });
    }
  }
  return out;
}

/** One line per missed budget, e.g. "wasm-t1-all-b1: p90 0.412 ms > budget 0.001 ms". */
export function describeMisses(checks: readonly BudgetCheck[]): string[] {
  return checks.filter((c) => !c.pass).map((c) => `${c.configId}: ${c.metric} ${c.value === null ? 'not measured (the config failed)' : `${c.value.toFixed(3)} ms`} > budget ${c.limitMs} ms`);
}
