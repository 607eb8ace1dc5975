// How many bytes the inputs of one run may take on this runtime, so a shape that cannot fit is
// refused by name before anything runs (not by a worker killed for memory halfway through).

/** A wasm32 heap holds at most 4 GiB, and onnxruntime-web copies inputs into it beside the weights,
 * the outputs and the intermediate tensors: half of it is the most inputs can take. */
export const WASM_INPUT_BYTES = 2 ** 31;

export interface MemoryFacts {
  runtime: 'browser' | 'native';
  /** navigator.deviceMemory: GiB, rounded down by the browser (capped at 8); null where absent. */
  deviceMemoryGb?: number | null;
  /** performance.memory.jsHeapSizeLimit in Chromium, bytes; null elsewhere. */
  jsHeapLimitBytes?: number | null;
  /** The machine's memory (os.totalmem()), bytes: the native runtime's bound. */
  totalMemoryBytes?: number | null;
}

const half = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v / 2 : Infinity);

/**
 * Input bytes one run may take: in the browser the least of the wasm bound (2 GiB), half the device
 * memory the browser reports, and half the JS heap limit (the page holds a copy of the inputs too);
 * natively half the machine's memory (Infinity when unknown).
 */
export function inputByteBudget(f: MemoryFacts): number {
  if (f.runtime === 'native') return half(f.totalMemoryBytes);
  const gb = f.deviceMemoryGb;
  return Math.min(WASM_INPUT_BYTES, half(typeof gb === 'number' ? gb * 2 ** 30 : null), half(f.jsHeapLimitBytes));
}
