// A plain-text table of a result for terminals (the CLI's default output).
import type { BenchResult } from './types.ts';
import { fingerprintLine } from './fingerprint.ts';
import { configShapes, memoryBytes } from './export.ts';
import { intervalOf } from './compare.ts';
import { formatShapes } from '../tensors/model-shapes.ts';

const f = (v: number | null | undefined, d = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));

const mem = (c: BenchResult['configs'][number]) => {
  const b = memoryBytes(c.memory);
  return b === null ? null : b / 2 ** 20;
};

/** Fixed-width table: one line per config (ms), the fastest marked with *, then the decisions and the device line. */
export function formatTable(r: BenchResult): string {
  const head = ['config', 'create', 'first', 'rounds', 'n', 'p50 [95% interval]', 'round p50s', 'p90', 'p99', 'mean', 'inf/s', 'e2e p50', 'stable', 'outl', 'mem MiB', 'shapes'];
  const rows = r.configs.map((c) => {
    const s = c.compute;
    const mark = c.id === r.fastest ? '*' : ' ';
    const created = (c.rounds?.length ?? 0) > 0;
    if (!s) return [`${mark}${c.id}`, created ? f(c.phases.createMs, 1) : '—', created ? f(c.phases.firstRunMs, 2) : '—', '0', '0', `${c.error?.name ?? 'error'}: ${c.error?.message ?? ''}`.slice(0, 100)];
    const i = intervalOf(c)!;
    return [
      `${mark}${c.id}`, f(c.phases.createMs, 1), f(c.phases.firstRunMs, 2), String(c.rounds?.length ?? 1), `${s.n}${c.capped ? '!' : ''}`,
      `${f(s.p50)} [${f(i.low)}, ${f(i.high)}]`, (c.rounds ?? []).map((k) => f(k.p50)).join(' '), f(s.p90), f(s.p99), f(s.mean), f(s.throughputPerSec, 1),
      f(c.endToEnd?.p50), s.stability.stable ? 'yes' : 'no', String(s.outliers.low + s.outliers.high),
      f(mem(c), 1), formatShapes(configShapes(c)),
    ];
  });
  // Error rows (fewer cells, a message last) do not widen the columns.
  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((row) => row.length === head.length || i < row.length - 1).map((row) => (row[i] ?? '').length)));
  // Error rows have fewer cells: their message runs on unpadded.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : cells.length < head.length && i === cells.length - 1 ? c : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [`${r.model.name}  sha256 ${r.model.sha256.slice(0, 12)}…  (ms; * fastest per call; shapes as run)`, line(head), ...rows.map(line)];
  const fastest = r.configs.find((c) => c.id === r.fastest);
  if (fastest) {
    const others = r.configs.filter((c) => c.compute && !c.error).length > 1;
    out.push(!others ? `fastest per call: ${fastest.id} (the only config measured)` : r.fastestClear ? `fastest per call: ${fastest.id} (clear: its interval overlaps no other config's)`
      : `fastest per call: no clear difference between ${[fastest.id, ...(r.tiedWithFastest ?? [])].join(', ')} (their intervals overlap)`);
  }
  const tp = r.configs.find((c) => c.id === r.bestThroughput);
  if (tp?.compute && r.configs.length > 1) out.push(`best throughput: ${tp.id} (${tp.compute.itemsPerSec.toFixed(1)} items/s)`);
  const method = r.configs.map((c) => intervalOf(c)?.method).find(Boolean);
  out.push(method === 'rounds-t'
    ? 'interval: Student t over the round medians (sees the spread between rounds)'
    : 'interval: within-run bootstrap of one round (blind to drift between runs; use --rounds 3 to compare runs)');
  if (r.configs.some((c) => c.capped)) out.push(`! a round hit its time cap (${f(r.protocol.maxTimeMs / 1000, 0)} s) before ${r.protocol.minRuns} runs: n is what it managed`);
  out.push(fingerprintLine(r.fingerprint));
  if (r.configs.some((c) => c.memory)) {
    out.push(r.fingerprint.runtime === 'native' ? 'mem: peak resident set size of the process so far' : "mem: worker wasm heap (its peak) + the worker's JS heap (measured by the page once per single-thread config; none with a thread pool)");
  }
  const res = Math.min(...r.configs.map((c) => c.compute?.timerResolutionMs ?? Number.NaN).filter((v) => Number.isFinite(v)));
  if (Number.isFinite(res)) out.push(`clock step ${f(res * 1000, 1)} µs (percentiles move in steps of this size)`);
  if (r.longTasks !== null) out.push(`main-thread long tasks during the run: ${r.longTasks}${r.longTaskDetail?.length ? ` (${r.longTaskDetail.map((t) => `${t.durationMs.toFixed(0)} ms during ${t.during}`).join('; ')})` : ''}`);
  if (r.profileError) out.push(`no operator profile: ${r.profileError}`);
  if (r.profile?.ops.length) {
    const ref = r.profile.unprofiledP50Ms;
    out.push(`top operators by share of kernel time (${r.profile.configId}, ${r.profile.runs} profiled runs; kernel time ${f(r.profile.kernelMsPerRun)} ms/run${ref ? ` vs unprofiled p50 ${f(ref)} ms: ${profileRatioText(r.profile.kernelMsPerRun, ref)}` : ''}):`);
    for (const op of r.profile.ops.slice(0, 8)) out.push(`  ${op.opType.padEnd(24)} ${(op.share * 100).toFixed(1).padStart(5)}%  ×${op.calls}`);
  }
  return out.join('\n');
}

/**
 * Profiled kernel time per run against the unprofiled p50 (both ms), as honest text. Above 1 the
 * excess is what profiling cost; at or below 1 no overhead can be read from it, because kernel time
 * leaves out the work between kernels (input copies, session bookkeeping) that the p50 includes.
 */
export function profileRatioText(kernelMsPerRun: number, unprofiledP50Ms: number): string {
  const ratio = kernelMsPerRun / unprofiledP50Ms;
  if (!Number.isFinite(ratio)) return 'no ratio (unprofiled p50 is 0)';
  if (Number(ratio.toFixed(2)) > 1) return `×${ratio.toFixed(2)} (profiling overhead)`;
  return `ratio ×${ratio.toFixed(2)}: no measurable profiling overhead (kernel time leaves out the work between kernels)`;
}
