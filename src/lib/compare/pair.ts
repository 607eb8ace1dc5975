// Pairs baseline results with samples: by `id` when both sides carry one for every entry (a file
// written in another order still lines up), else by position. Unmatched or repeated ids are named.
import { BaselineError } from '../baseline/errors.ts';

/** How the pairing was made, for the report. */
export type Pairing = 'id' | 'order';

const list = (ids: string[]) => ids.slice(0, 5).map((x) => JSON.stringify(x)).join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');

/**
 * Reorder `results` to follow `samples`. Pairs by id when every sample and every result has one;
 * otherwise returns them as they are (by order).
 * @throws BaselineError 'file' naming repeated ids, samples without a result and results without a sample.
 */
export function pairResults<T extends { id?: string }>(samples: readonly { id?: string }[], results: readonly T[]): { results: T[]; pairing: Pairing } {
  const both = samples.length > 0 && results.length > 0 && samples.every((s) => s.id !== undefined) && results.every((r) => r.id !== undefined);
  if (!both) return { results: results.slice(), pairing: 'order' };
  const byId = new Map<string, T>();
  const repeated: string[] = [];
  for (const r of results) {
    if (byId.has(r.id!)) repeated.push(r.id!);
    byId.set(r.id!, r);
  }
  if (repeated.length > 0) throw new BaselineError('file', `the baseline has more than one result with id ${list([...new Set(repeated)])}; ids must be unique to pair results with samples`);
  const seen = new Set<string>();
  const missing: string[] = [];
  const out: T[] = [];
  samples.forEach((s, i) => {
    const r = byId.get(s.id!);
    if (seen.has(s.id!)) throw new BaselineError('file', `samples ${i + 1} and an earlier one share the id ${JSON.stringify(s.id)}; ids must be unique to pair results with samples`);
    seen.add(s.id!);
    if (r === undefined) missing.push(`${i + 1} (id ${JSON.stringify(s.id)})`);
    else out.push(r);
  });
  const extra = [...byId.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`no baseline result for sample${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
    if (extra.length > 0) parts.push(`baseline result${extra.length > 1 ? 's' : ''} with id ${list(extra)} match${extra.length > 1 ? '' : 'es'} no sample`);
    throw new BaselineError('file', `pairing by id failed: ${parts.join('; ')}`);
  }
  return { results: out, pairing: 'id' };
}
