// The two sample sets on the drift screen as the page knows them (summaries from the data
// worker), the plan of the pair (types, tested or not and why) and what is derived from them.
import { schemaDiff, type Mismatch } from '../../lib/drift/choices.ts';
import type { DriftPlanInfo, TableInfo } from '../../workers/data-protocol.ts';

export class DriftSets {
  reference = $state.raw<TableInfo | null>(null);
  current = $state.raw<TableInfo | null>(null);
  /** the plan of the loaded pair under the current type settings (null until both are loaded) */
  plan = $state.raw<DriftPlanInfo | null>(null);

  /** Columns in both sets, reference order. */
  readonly shared: string[] = $derived.by(() => {
    const cur = new Set(this.current?.columns.map((c) => c.name) ?? []);
    return (this.reference?.columns ?? []).map((c) => c.name).filter((n) => cur.has(n));
  });

  readonly mismatches: Mismatch[] = $derived(this.reference && this.current ? schemaDiff(this.reference.columns, this.current.columns) : []);

  /** Shared datetime columns: what the timeline can use. */
  readonly timeColumns: string[] = $derived(this.plan?.timeColumns ?? []);

  readonly both: boolean = $derived(!!this.reference && !!this.current);

  clear(): void {
    this.reference = null;
    this.current = null;
    this.plan = null;
  }
}
