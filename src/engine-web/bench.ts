// Worker-side benchmark pieces: the timed session.run loop (the shared protocol from src/lib/bench,
// with onnxruntime's own call as the only thing inside the timer) and capture of the profile that
// onnxruntime-web's wasm build prints with console.log when a profiling session ends.
import type * as Ort from 'onnxruntime-common';
import { runMeasuredLoop, type LoopProgress } from '../lib/bench/protocol.ts';
import { measureClockStep } from '../lib/bench/resolution.ts';
import { aggregateOps, parseTrace, PROFILE_WARMUP_RUNS } from '../lib/bench/profile.ts';
import type { BenchProtocol, LoopMeasurement, ProfileResult } from '../lib/bench/types.ts';
import { InferenceError } from './errors.ts';

export class ProfileUnavailableError extends Error {
  override name = 'ProfileUnavailableError';
}

/** What Engine.bench returns: the raw loop of one round and the step of the clock that timed it, ms. */
export interface WorkerBench {
  loop: LoopMeasurement;
  clockStepMs: number;
}

/**
 * Run the protocol on one session with fixed feeds: each sample is performance.now() around
 * `session.run` only (feeds are built once, outside the timer, as a bare loop would).
 */
export async function benchSession(
  session: Ort.InferenceSession, feeds: Record<string, Ort.Tensor>, protocol: BenchProtocol, batch: number,
  hooks: { signal?: AbortSignal; onProgress?: (p: LoopProgress) => void | Promise<void> },
): Promise<WorkerBench> {
  const runOnce = async () => {
    const t0 = performance.now();
    let out: Ort.InferenceSession.ReturnType;
    try {
      out = await session.run(feeds);
    } catch (e) {
      throw new InferenceError(`onnxruntime failed during the benchmark: ${(e as Error).message ?? String(e)}`);
    }
    const ms = performance.now() - t0;
    // GPU-resident outputs would pile up; CPU ones are plain arrays and dispose is a no-op.
    for (const t of Object.values(out)) t.dispose?.();
    return ms;
  };
  // Progress is fire-and-forget: waiting for the page's answer would stall the loop between runs.
  const onProgress = hooks.onProgress && ((p: LoopProgress) => void Promise.resolve(hooks.onProgress!(p)).catch(() => undefined));
  const loop = await runMeasuredLoop(runOnce, protocol, { signal: hooks.signal, onProgress, progressEveryMs: 150 });
  // The clock's own step, from a tight loop (≈ 25 steps: 0.1–3 ms), after the timed runs.
  return { loop, clockStepMs: measureClockStep(() => performance.now()) };
}

type LogFn = (...args: unknown[]) => void;
let sink: string[] | null = null;
let installed = false;

/**
 * Route console.log through a switchable sink. Must run before onnxruntime's wasm module starts,
 * because the module binds console.log once at start-up; outside a capture nothing changes.
 */
export function installPrintCapture(): void {
  if (installed || typeof console === 'undefined') return;
  installed = true;
  const original: LogFn = console.log.bind(console);
  console.log = (...args: unknown[]) => {
    if (sink) sink.push(args.map(String).join(' '));
    else original(...args);
  };
}

/** Whatever console.log printed while `fn` ran (nested captures are not supported). */
export async function capturePrinted(fn: () => Promise<void> | void): Promise<string> {
  const lines: string[] = [];
  sink = lines;
  try {
    await fn();
  } finally {
    sink = null;
  }
  return lines.join('\n');
}

/**
 * Profile `runs` runs (after PROFILE_WARMUP_RUNS unprofiled-in-effect warm-up runs) on a session
 * created with enableProfiling, then end profiling and turn the printed trace into per-operator totals.
 * @throws ProfileUnavailableError when onnxruntime printed no trace (e.g. in Node, where the wasm
 * build writes straight to stdout).
 */
export async function profileSession(session: Ort.InferenceSession, feeds: Record<string, Ort.Tensor>, runs: number, configId: string): Promise<ProfileResult> {
  for (let i = 0; i < runs + PROFILE_WARMUP_RUNS; i++) await session.run(feeds);
  const text = await capturePrinted(async () => {
    session.endProfiling();
    // The proxy build posts the request; give any asynchronous print a tick to land.
    await new Promise((r) => setTimeout(r, 0));
  });
  let events;
  try {
    events = parseTrace(text);
  } catch {
    throw new ProfileUnavailableError('onnxruntime-web printed no profile here (its wasm build prints the trace to the console; in Node it goes to stdout). Use the browser, or --runtime native.');
  }
  return aggregateOps(events, runs, configId, 'onnxruntime-web profiler (kernel times as its wasm build records them)', PROFILE_WARMUP_RUNS);
}
