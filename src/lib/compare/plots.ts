// Data for the compare screen's plots, computed once outside the components: device-vs-baseline
// scatter points (bounded, deterministic thinning that keeps the worst element). Ticks: src/lib/chart.
import { toNumbers } from '../tensors/outputs.ts';
import type { TensorMap } from '../tensors/types.ts';

export interface ScatterPoints {
  /** Baseline values (x) and device values (y), same length. */
  x: Float64Array;
  y: Float64Array;
  /** Sample index of each point. */
  sample: Int32Array;
  /** Elements in total before thinning. */
  total: number;
}

/**
 * Points of one output for a device-vs-baseline scatter: every element when there are at most
 * `max`, else every k-th (k = ceil(total / max)) plus the element with the largest error.
 * Non-finite pairs are left out (they cannot be placed).
 */
export function scatterPoints(device: readonly { outputs: TensorMap }[], baseline: readonly { outputs: TensorMap }[], output: string, max = 4000): ScatterPoints {
  const ds = device.map((d) => (d.outputs[output] ? toNumbers(d.outputs[output]!) : new Float64Array()));
  const bs = baseline.map((b) => (b.outputs[output] ? toNumbers(b.outputs[output]!) : new Float64Array()));
  let total = 0;
  ds.forEach((d, i) => (total += Math.min(d.length, bs[i]?.length ?? 0)));
  const step = Math.max(1, Math.ceil(total / max));
  const x: number[] = [];
  const y: number[] = [];
  const s: number[] = [];
  let worst = -1;
  let worstAt: [number, number] = [0, 0];
  let flat = 0;
  ds.forEach((d, i) => {
    const b = bs[i]!;
    const m = Math.min(d.length, b.length);
    for (let j = 0; j < m; j++, flat++) {
      const e = Math.abs(d[j]! - b[j]!);
      if (Number.isFinite(e) && e > worst) {
        worst = e;
        worstAt = [i, j];
      }
      if (flat % step === 0 && Number.isFinite(d[j]!) && Number.isFinite(b[j]!)) {
        x.push(b[j]!);
        y.push(d[j]!);
        s.push(i);
      }
    }
  });
  if (step > 1 && worst >= 0) {
    x.push(bs[worstAt[0]]![worstAt[1]]!);
    y.push(ds[worstAt[0]]![worstAt[1]]!);
    s.push(worstAt[0]);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), sample: Int32Array.from(s), total };
}
