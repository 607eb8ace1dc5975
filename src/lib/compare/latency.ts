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

/**
 * The round trip of one real sample, the one at the median round trip, split into parts that add up
 * to it exactly. (Medians of the parts, taken one by one, need not add up to the median total.)
 */
export interface LatencySplitSample {
  /** 1-based sample number. */
  sample: number;
  roundTripMs: number;
  serverComputeMs: number;
  serverOtherMs: number;
  networkMs: number;
}

export interface LatencyReport {
  perSample: SampleLatency[];
  /** The median-round-trip sample's split (servers only). */
  medianSplit?: LatencySplitSample;
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
      // Clocks differ a little: a server total above the client's round trip counts as all server,
      // capped at the round trip, so the three parts always add up to the round trip.
      const serverTotal = Math.min(total, b.roundTripMs);
      const compute = Math.min(b.server?.computeMs ?? 0, serverTotal);
      s.serverComputeMs = compute;
      s.serverOtherMs = serverTotal - compute;
      s.networkMs = b.roundTripMs - serverTotal;
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
  const split = medianSplit(perSample);
  if (split) report.medianSplit = split;
  return report;
}

/** The sample at the median round trip (the lower middle for an even count), split into its parts. */
function medianSplit(perSample: readonly SampleLatency[]): LatencySplitSample | undefined {
  const timed = perSample.map((s, i) => ({ s, i })).filter(({ s }) => s.roundTripMs !== undefined && Number.isFinite(s.roundTripMs));
  if (timed.length === 0) return undefined;
  timed.sort((a, b) => a.s.roundTripMs! - b.s.roundTripMs! || a.i - b.i);
  const { s, i } = timed[Math.floor((timed.length - 1) / 2)]!;
  return {
    sample: i + 1, roundTripMs: s.roundTripMs!, serverComputeMs: s.serverComputeMs ?? 0, serverOtherMs: s.serverOtherMs ?? 0, networkMs: s.networkMs ?? s.roundTripMs!,
  };
}

/**
 * The split as printed text (ms, 3 decimals) that adds up as printed: each part is rounded to the
 * microsecond and network is the rounded total minus the rounded server parts.
 */
export function splitTexts(m: LatencySplitSample): { total: string; serverCompute: string; serverOther: string; network: string } {
  const us = (x: number) => Math.round(x * 1000);
  const total = us(m.roundTripMs);
  const compute = us(m.serverComputeMs);
  const other = us(m.serverOtherMs);
  const text = (n: number) => `${(n / 1000).toFixed(3)} ms`;
  return { total: text(total), serverCompute: text(compute), serverOther: text(other), network: text(Math.max(0, total - compute - other)) };
}
