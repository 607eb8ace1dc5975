// onnxruntime's profiler output (Chrome trace events, the same format in onnxruntime-web's wasm
// build, which prints it, and onnxruntime-node, which writes a file) into per-operator totals.
import type { OpProfile, ProfileResult } from './types.ts';

/** Runs left out of a profile: the first ones pay for shader compilation and first allocations. */
export const PROFILE_WARMUP_RUNS = 3;

export class ProfileFormatError extends Error {
  override name = 'ProfileFormatError';
}

interface TraceEvent {
  cat?: string;
  name?: string;
  dur?: number;
  /** µs since the profiler started */
  ts?: number;
  args?: { op_name?: string; provider?: string };
}

/**
 * Parse trace text: a JSON array, or the printed form with one event per line (leading "[",
 * trailing commas, "]"), possibly mixed with other log lines, which are ignored.
 * @throws ProfileFormatError when no trace event is found.
 */
export function parseTrace(text: string): TraceEvent[] {
  try {
    const all = JSON.parse(text) as unknown;
    if (Array.isArray(all)) return all as TraceEvent[];
  } catch {
    // Not one JSON document: fall through to line-by-line.
  }
  const events: TraceEvent[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    try {
      events.push(JSON.parse(line) as TraceEvent);
    } catch {
      // A log line that merely looks like JSON.
    }
  }
  if (events.length === 0) throw new ProfileFormatError('the profile has no trace events; expected onnxruntime profiler JSON (Chrome trace format)');
  return events;
}

/**
 * Aggregate kernel times (`cat: "Node"`, names ending in `_kernel_time`; `dur` in µs) by operator
 * type over `runs` profiled runs, leaving out the kernels of the first `skipRuns` runs (warm-up:
 * shader compilation, first allocations), found by the profiler's `model_run` events. Sorted by
 * total time, largest first. Times in ms.
 */
export function aggregateOps(events: readonly TraceEvent[], runs: number, configId = '', source = 'onnxruntime profiler', skipRuns = 0): ProfileResult {
  const byOp = new Map<string, { total: number; calls: number; nodes: Set<string> }>();
  let sum = 0;
  const starts = events.filter((e) => e.cat === 'Session' && e.name === 'model_run' && typeof e.ts === 'number').map((e) => e.ts!).sort((a, b) => a - b);
  const from = skipRuns > 0 && starts.length > skipRuns ? starts[skipRuns]! : Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || typeof e.dur !== 'number') continue;
    if ((e.ts ?? Number.POSITIVE_INFINITY) < from) continue;
    const op = e.args?.op_name ?? 'unknown';
    const entry = byOp.get(op) ?? { total: 0, calls: 0, nodes: new Set<string>() };
    entry.total += e.dur / 1000;
    entry.calls++;
    entry.nodes.add(e.name);
    byOp.set(op, entry);
    sum += e.dur / 1000;
  }
  const perRun = Math.max(1, runs);
  const ops: OpProfile[] = [...byOp.entries()]
    .map(([opType, v]) => ({ opType, totalMs: v.total, perRunMs: v.total / perRun, calls: v.calls, share: sum > 0 ? v.total / sum : 0, nodes: v.nodes.size }))
    .sort((a, b) => b.totalMs - a.totalMs || a.opType.localeCompare(b.opType));
  return { configId, runs: perRun, ops, kernelMsPerRun: sum / perRun, source };
}
