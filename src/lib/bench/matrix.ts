// The config matrix: backends × threads × graph optimisation levels × batch sizes (only where the
// model's batch dim is dynamic) × sequence lengths (text models), with stable ids and readable labels.
import type { BenchBackend, BenchConfig, OptLevel } from './types.ts';
import { BenchOptionsError } from './protocol.ts';

export interface MatrixRequest {
  backends: BenchBackend[];
  threads: number[];
  optLevels?: OptLevel[];
  /** Batch sizes to try; ignored (one null batch) when the model's batch dim is fixed. */
  batches?: number[];
  /** Sequence lengths of a text model's sweep (planSeqLengths); none: no sweep. */
  seqLengths?: number[];
}

export interface DeviceLimits {
  /** navigator.hardwareConcurrency (or os.cpus().length natively). */
  cores: number;
  /** Backends this device offers; others are left out of the matrix (and reported as skipped). */
  available: BenchBackend[];
  /** Whether threads > 1 can take effect (wasm needs cross-origin isolation). */
  multiThread: boolean;
  dynamicBatch: boolean;
}

/** Powers of two up to `cores` (1, 2, 4 …), plus `cores` itself when it is not a power of two. */
export function defaultThreadCounts(cores: number, multiThread = true): number[] {
  if (!multiThread) return [1];
  const out: number[] = [];
  for (let t = 1; t <= Math.max(1, cores); t *= 2) out.push(t);
  if (cores > 1 && !out.includes(cores)) out.push(cores);
  return out;
}

/** Stable id, e.g. "wasm-t2-all-b1" or "wasm-t1-all-b1-s64" (batch part omitted for fixed batch, sequence part outside a sweep). */
export function configId(c: BenchConfig): string {
  const seq = c.seqLen === null || c.seqLen === undefined ? '' : `-s${c.seqLen}`;
  return `${c.backend}-t${c.threads}-${c.graphOptimizationLevel}${c.batch === null ? '' : `-b${c.batch}`}${seq}`;
}

/** Readable label, e.g. "wasm · 2 threads · opt all · batch 4 · seq 64". */
export function configLabel(c: BenchConfig): string {
  const parts = [c.backend, `${c.threads} thread${c.threads === 1 ? '' : 's'}`, `opt ${c.graphOptimizationLevel}`];
  if (c.batch !== null) parts.push(`batch ${c.batch}`);
  if (c.seqLen !== null && c.seqLen !== undefined) parts.push(`seq ${c.seqLen}`);
  return parts.join(' · ');
}

export interface ExpandedMatrix {
  configs: BenchConfig[];
  /** Requested cells left out, with the reason (e.g. webgpu unavailable). */
  skipped: { what: string; reason: string }[];
}

/**
 * Expand a request into configs, ordered so that all configs sharing a thread count are adjacent
 * (each thread count needs a fresh worker). Thread counts above `cores` are skipped, as are
 * unavailable backends; the webgpu backend runs once per other cell at the first thread count only,
 * since its kernels do not use the wasm thread pool.
 */
export function expandMatrix(req: MatrixRequest, limits: DeviceLimits): ExpandedMatrix {
  const skipped: ExpandedMatrix['skipped'] = [];
  if (req.backends.length === 0) throw new BenchOptionsError('choose at least one backend (wasm, webgpu)');
  if (req.threads.length === 0) throw new BenchOptionsError('choose at least one thread count');
  for (const t of req.threads) {
    if (!Number.isInteger(t) || t < 1) throw new BenchOptionsError(`thread counts must be integers ≥ 1, got ${t}`);
  }
  const backends = req.backends.filter((b) => {
    const ok = limits.available.includes(b);
    if (!ok) skipped.push({ what: b, reason: `the ${b} backend is not available on this device` });
    return ok;
  });
  let threads = [...new Set(req.threads)].sort((a, b) => a - b);
  threads = threads.filter((t) => {
    const ok = t <= Math.max(1, limits.cores) && (t === 1 || limits.multiThread);
    if (!ok) skipped.push({ what: `${t} threads`, reason: t > limits.cores ? `only ${limits.cores} cores` : 'threads need cross-origin isolation' });
    return ok;
  });
  if (threads.length === 0) threads = [1];
  const levels = req.optLevels?.length ? [...new Set(req.optLevels)] : (['all'] as OptLevel[]);
  let batches: (number | null)[] = [null];
  if (req.batches?.length) {
    for (const b of req.batches) {
      if (!Number.isInteger(b) || b < 1) throw new BenchOptionsError(`batch sizes must be integers ≥ 1, got ${b}`);
    }
    if (limits.dynamicBatch) batches = [...new Set(req.batches)].sort((a, b) => a - b);
    else skipped.push({ what: `batch ${req.batches.join(',')}`, reason: "the model's batch dimension is fixed" });
  } else if (limits.dynamicBatch) {
    batches = [1];
  }
  for (const s of req.seqLengths ?? []) {
    if (!Number.isInteger(s) || s < 1) throw new BenchOptionsError(`sequence lengths must be integers ≥ 1, got ${s}`);
  }
  const seqs: (number | null)[] = req.seqLengths?.length ? [...new Set(req.seqLengths)].sort((a, b) => a - b) : [null];
  const configs: BenchConfig[] = [];
  for (const t of threads) {
    for (const backend of backends) {
      if (backend === 'webgpu' && t !== threads[0]) continue;
      for (const level of levels) {
        for (const batch of batches) {
          for (const seqLen of seqs) configs.push(seqLen === null ? { backend, threads: t, graphOptimizationLevel: level, batch } : { backend, threads: t, graphOptimizationLevel: level, batch, seqLen });
        }
      }
    }
  }
  return { configs, skipped };
}
