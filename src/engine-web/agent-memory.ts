// The worker's and the page's memory as the browser measures it: performance.measureUserAgentSpecificMemory
// (Chromium, cross-origin isolated pages only), called from the page. A worker has no performance.memory
// in Chromium, so this is the one real reading of the worker's JS heap. It is slow: the browser measures
// at its next garbage collection (seconds; up to its 60 s timeout when a wasm thread pool's workers are
// blocked and never answer), unless Chromium runs with --enable-blink-features=ForceEagerMeasureMemory
// (the CLI's browser does). So call it once per config or once after a load, never per run.

/** Bytes per realm, as attributed by the browser; null where it attributed nothing of that kind. */
export interface AgentMemory {
  /** Every dedicated worker of the page (the engine worker holds the wasm memory, so it is counted here). */
  workerBytes: number | null;
  /** The page's own JS heap (the Window realm). */
  pageBytes: number | null;
}

interface MeasureResult {
  bytes: number;
  breakdown: { bytes: number; attribution: { scope?: string }[]; types: string[] }[];
}

/** Whether this page can measure (the API is exposed and the page is cross-origin isolated). */
export function canMeasureAgentMemory(): boolean {
  const perf = globalThis.performance as (Performance & { measureUserAgentSpecificMemory?: unknown }) | undefined;
  return typeof perf?.measureUserAgentSpecificMemory === 'function' && globalThis.crossOriginIsolated === true;
}

/** Split a measurement by realm (exported for tests). */
export function splitAgentMemory(m: MeasureResult): AgentMemory {
  const by = (scope: string) => {
    const hits = m.breakdown.filter((b) => b.attribution.some((a) => a.scope === scope));
    return hits.length ? hits.reduce((s, b) => s + b.bytes, 0) : null;
  };
  return { workerBytes: by('DedicatedWorkerGlobalScope'), pageBytes: by('Window') };
}

/**
 * Measure now; null where the browser cannot (not Chromium, not isolated) or the measurement fails
 * or takes longer than `timeoutMs`.
 */
export async function measureAgentMemory(timeoutMs = 90_000): Promise<AgentMemory | null> {
  if (!canMeasureAgentMemory()) return null;
  const perf = performance as Performance & { measureUserAgentSpecificMemory: () => Promise<MeasureResult> };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const m = await Promise.race([
      perf.measureUserAgentSpecificMemory(),
      new Promise<null>((r) => { timer = setTimeout(() => r(null), timeoutMs); }),
    ]);
    return m ? splitAgentMemory(m) : null;
  } catch {
    return null; // SecurityError and the like: no reading rather than a guess
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's JS heap from a measurement: the workers' total less the wasm heap the engine reported
 * (the browser counts the wasm memory's buffer in the worker's JavaScript bytes). Null when either is
 * unknown; never below 0.
 */
export function workerJsHeap(agent: AgentMemory | null, wasmHeapBytes: number | null): number | null {
  if (!agent || agent.workerBytes === null) return null;
  return Math.max(0, agent.workerBytes - (wasmHeapBytes ?? 0));
}
