// A plain-text table of a result for terminals (the CLI's default output).
import type { BenchResult } from './types.ts';
import { fingerprintLine } from './fingerprint.ts';
import { configShapes, memoryBytes } from './export.ts';
import { formatShapes } from '../tensors/model-shapes.ts';

const f = (v: number | null | undefined, d = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));

const mem = (c: BenchResult['configs'][number]) => {
  const b = memoryBytes(c.memory);
  return b === null ? null : b / 2 ** 20;
};

/** Fixed-width table: one line per config (ms), the fastest marked with *, then the device line. */
export function formatTable(r: BenchResult): string {
  const head = ['config', 'create', 'first', 'n', 'mean', 'p50 [95% CI]', 'p90', 'p99', 'max', 'inf/s', 'e2e p50', 'stable', 'outl', 'mem MiB', 'shapes'];
  const rows = r.configs.map((c) => {
    const s = c.compute;
    const mark = c.id === r.fastest ? '*' : ' ';
    if (!s) return [`${mark}${c.id}`, f(c.phases.createMs, 1), f(c.phases.firstRunMs, 2), '0', `${c.error?.name ?? 'error'}: ${c.error?.message ?? ''}`.slice(0, 60)];
    return [
      `${mark}${c.id}`, f(c.phases.createMs, 1), f(c.phases.firstRunMs, 2), String(s.n), f(s.mean),
      `${f(s.p50)} [${f(s.p50Ci.low)}, ${f(s.p50Ci.high)}]`, f(s.p90), f(s.p99), f(s.max), f(s.throughputPerSec, 1),
      f(c.endToEnd?.p50), s.stability.stable ? 'yes' : 'no', String(s.outliers.low + s.outliers.high),
      f(mem(c), 1), formatShapes(configShapes(c)),
    ];
  });
  // Error rows (fewer cells, a message last) do not widen the columns.
  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((row) => row.length === head.length || i < row.length - 1).map((row) => (row[i] ?? '').length)));
  // Error rows have fewer cells: their message runs on unpadded.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : cells.length < head.length && i === cells.length - 1 ? c : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [`${r.model.name}  sha256 ${r.model.sha256.slice(0, 12)}…  (ms; * fastest; shapes as run)`, line(head), ...rows.map(line)];
  out.push(fingerprintLine(r.fingerprint));
  const res = Math.max(0, ...r.configs.map((c) => c.compute?.timerResolutionMs ?? 0));
  if (res > 0) out.push(`timer resolution ≈ ${f(res, 4)} ms (percentiles move in steps of this size)`);
  if (r.configs.some((c) => c.memory)) {
    out.push(r.fingerprint.runtime === 'native' ? 'mem: peak resident set size of the process so far' : 'mem: worker wasm heap (its peak) + highest JS-heap sample');
  }
  if (r.longTasks !== null) out.push(`main-thread long tasks during the run: ${r.longTasks}`);
  if (r.profileError) out.push(`no operator profile: ${r.profileError}`);
  if (r.profile?.ops.length) {
    out.push(`top operators (${r.profile.configId}, ${r.profile.runs} runs, ${f(r.profile.kernelMsPerRun)} ms kernel time/run):`);
    for (const op of r.profile.ops.slice(0, 8)) out.push(`  ${op.opType.padEnd(24)} ${f(op.perRunMs).padStart(9)} ms/run  ${(op.share * 100).toFixed(1).padStart(5)}%  ×${op.calls}`);
  }
  return out.join('\n');
}
