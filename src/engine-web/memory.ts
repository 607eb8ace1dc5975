// Memory the web engine holds: the wasm heaps onnxruntime-web instantiates (seen by wrapping
// WebAssembly instantiation before onnxruntime loads; a wasm memory only grows, so its size is its
// peak) and the JS heap where the browser reports it (Chromium's performance.memory).
import type { PeakMemory } from '../lib/bench/types.ts';

const memories = new Set<WebAssembly.Memory>();
let watching = false;
let jsPeak = 0;

function collect(...objects: unknown[]): void {
  for (const o of objects) {
    if (o instanceof WebAssembly.Memory) { memories.add(o); continue; }
    if (o === null || typeof o !== 'object') continue;
    // imports are { module: { name: value } }; exports are { name: value }.
    for (const v of Object.values(o as Record<string, unknown>)) {
      if (v instanceof WebAssembly.Memory) memories.add(v);
      else if (v !== null && typeof v === 'object' && !(v instanceof WebAssembly.Module)) {
        for (const w of Object.values(v as Record<string, unknown>)) if (w instanceof WebAssembly.Memory) memories.add(w);
      }
    }
  }
}

/** Start noting every wasm memory instantiated from now on (idempotent). Call before onnxruntime loads. */
export function watchWasmMemories(): void {
  if (watching || typeof WebAssembly === 'undefined') return;
  watching = true;
  const W = WebAssembly as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const key of ['instantiate', 'instantiateStreaming'] as const) {
    const original = W[key];
    if (typeof original !== 'function') continue;
    W[key] = async function (this: unknown, ...args: unknown[]) {
      const r = await original.apply(WebAssembly, args);
      const instance = r instanceof WebAssembly.Instance ? r : (r as { instance?: WebAssembly.Instance }).instance;
      collect(args[1], instance?.exports);
      return r;
    };
  }
}

function jsHeapNow(): number | null {
  const m = (globalThis.performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return m && Number.isFinite(m.usedJSHeapSize) ? m.usedJSHeapSize : null;
}

/** Take a JS-heap sample into the running peak (call at points of high use, e.g. after a run). */
export function sampleJsHeap(): void {
  const v = jsHeapNow();
  if (v !== null && v > jsPeak) jsPeak = v;
}

/** Memory now: wasm heaps (their sizes are their peaks), the highest JS-heap sample since the last
 * reset, bytes. */
export function memorySnapshot(reset = false): PeakMemory {
  sampleJsHeap();
  const wasm = [...memories].reduce((a, m) => a + m.buffer.byteLength, 0);
  const out: PeakMemory = { wasmHeapBytes: memories.size ? wasm : null, jsHeapBytes: jsPeak || jsHeapNow(), peakRssBytes: null };
  if (reset) jsPeak = 0;
  return out;
}
