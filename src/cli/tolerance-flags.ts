// `--atol X` / `--atol NAME=X` (and --rtol) for `edgeprobe compare`: one tolerance for every output
// or one per output, as Polygraphy's `--atol out:val`. Kept apart from the argv parser on purpose.
import type { Tolerance } from '../lib/parity/elementwise.ts';
import { UsageError } from './args.ts';

/** Tolerances from the flags: `all` applies to every output, `perOutput` overrides by name. */
export interface ToleranceFlags {
  all: Partial<Tolerance>;
  perOutput: Record<string, Partial<Tolerance>>;
}

/**
 * Read repeated `--atol`/`--rtol` values ("1e-4" or "NAME=1e-4"; NAME may also be written NAME:1e-4).
 * @throws UsageError for a value that is not a non-negative number, or an output the model lacks.
 */
export function parseToleranceFlags(flags: { atol?: readonly string[]; rtol?: readonly string[] }, outputs: readonly string[]): ToleranceFlags {
  const out: ToleranceFlags = { all: {}, perOutput: {} };
  for (const key of ['atol', 'rtol'] as const) {
    for (const raw of flags[key] ?? []) {
      const m = /^(?:(.+?)[=:])?([^=:]+)$/.exec(raw.trim());
      const value = m ? Number(m[2]) : NaN;
      if (!m || m[2]!.trim() === '' || !Number.isFinite(value) || value < 0) {
        throw new UsageError(`--${key} ${JSON.stringify(raw)} must be a number ≥ 0, or NAME=NUMBER for one output`);
      }
      const name = m[1];
      if (name === undefined) {
        out.all[key] = value;
        continue;
      }
      if (!outputs.includes(name)) {
        throw new UsageError(`--${key} ${JSON.stringify(raw)}: the model has no output "${name}"; its outputs are ${outputs.map((o) => `"${o}"`).join(', ')}`);
      }
      (out.perOutput[name] ??= {})[key] = value;
    }
  }
  return out;
}
