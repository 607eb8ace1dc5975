// Latency side by side, per sample and summarised (ms): on-device compute against the baseline's
// round trip, split into server compute (Server-Timing), other server time, and network + serialisation.
import { summarize, type Summary } from '../stats/percentiles.ts';
import type { BaselineResult } from '../baseline/types.ts';

/** One sample's times, ms. Baseline parts are absent when the baseline is a file. */
export interface SampleLatency {
  deviceComputeMs: number;
  roundTripMs?: number;
  /** Server compute from Server-Timing. */
  serverComputeMs?: number;
  /** Other reported server time (parse, queue, transfer). */
  serverOtherMs?: number;
  /** Round trip minus reported server time: network, (de)serialisation, client overhead. */
  networkMs?: number;
  /** Compute of a local baseline configuration (another backend or model on this device). */
  baselineComputeMs?: number;
}

export interface LatencyReport {
  perSample: SampleLatency[];
  deviceCompute: Summary;
  roundTrip?: Summary;
  serverCompute?: Summary;
  serverOther?: Summary;
  network?: Summary;
  baselineCompute?: Summary;
  /** True when the server reported its times (else all of the round trip counts as network). */
  serverTimingReported: boolean;
}

function summary(values: (number | undefined)[]): Summary | undefined {
  const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x));
  return v.length > 0 ? summarize(v) : undefined;
}

/** Split each sample's times and summarise them. `device[i]` is the device compute of sample i, ms (at least one). */
export function latencySplit(device: readonly number[], baseline: readonly BaselineResult[]): LatencyReport {
  let reported = false;
  const perSample = device.map((deviceComputeMs, i): SampleLatency => {
    const b = baseline[i];
    const s: SampleLatency = { deviceComputeMs };
    if (b?.computeMs !== undefined) s.baselineComputeMs = b.computeMs;
    if (b?.roundTripMs === undefined) return s;
    s.roundTripMs = b.roundTripMs;
    const total = b.server?.totalMs;
    if (total !== undefined) {
      reported = true;
      const compute = Math.min(b.server?.computeMs ?? 0, total);
      s.serverComputeMs = compute;
      s.serverOtherMs = total - compute;
      // Clocks differ a little: a server total above the client's round trip counts as all server.
      s.networkMs = Math.max(0, b.roundTripMs - total);
    } else {
      s.networkMs = b.roundTripMs;
    }
    return s;
  });
  // summarize drops NaN; a device time is always measured, so the list is never empty here.
  const report: LatencyReport = { perSample, deviceCompute: summarize(device), serverTimingReported: reported };
  const add = (key: 'roundTrip' | 'serverCompute' | 'serverOther' | 'network' | 'baselineCompute', pick: (s: SampleLatency) => number | undefined) => {
    const v = summary(perSample.map(pick));
    if (v) report[key] = v;
  };
  add('roundTrip', (s) => s.roundTripMs);
  add('serverCompute', (s) => s.serverComputeMs);
  add('serverOther', (s) => s.serverOtherMs);
  add('network', (s) => s.networkMs);
  add('baselineCompute', (s) => s.baselineComputeMs);
  return report;
}
