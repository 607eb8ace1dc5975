// What a device sends to the collector: one compact record per benchmark config (no raw samples),
// built from a BenchResult. Shared by the app (sender), the collector (intake) and the CLI (devices).
import type { BenchConfig, BenchResult, ConfigResult } from '../bench/types.ts';

export const DEVICE_RESULT_SCHEMA = 'edgeprobe.device-result/1';

/** A latency budget on one percentile, ms; `pass` is judged on the device. */
export interface DeviceBudget {
  metric: 'p50' | 'p90' | 'p99';
  ms: number;
  pass: boolean;
}

/** One config's result from one device. Every time is in ms. */
export interface DeviceResult {
  schema: typeof DEVICE_RESULT_SCHEMA;
  model: { name: string; sha256: string; bytes: number };
  device: {
    userAgent: string;
    platform: string;
    cores: number;
    deviceMemoryGb: number | null;
    crossOriginIsolated: boolean;
    gpu: { available: boolean; vendor?: string; architecture?: string; description?: string };
    ortVersion: string;
    runtime: string;
  };
  config: BenchConfig;
  /** Input shapes the config ran with. */
  shapes: Record<string, number[]>;
  stats: {
    n: number; mean: number; p50: number; p90: number; p99: number;
    p50Ci: { low: number; high: number }; p90Ci: { low: number; high: number };
  };
  /** p50 of each measurement round, ms; null when the benchmark ran no rounds. */
  rounds: number[] | null;
  /** JS heap in use after the run, MB (Chromium only), else null. */
  memory: { jsHeapMb: number | null };
  budget: DeviceBudget | null;
  /** Id of the shared link that asked for the run, or null. */
  link: string | null;
  /** ISO 8601, when the device finished. */
  date: string;
}

/** A stored result: the record plus what the collector adds. */
export interface StoredDeviceResult extends DeviceResult {
  id: number;
  /** ISO 8601, when the collector accepted it. */
  receivedAt: string;
}

/** Per-round p50s when the benchmark result carries rounds (a later protocol adds them). */
function roundsOf(c: ConfigResult): number[] | null {
  const rounds = (c as ConfigResult & { rounds?: unknown }).rounds;
  if (!Array.isArray(rounds) || rounds.length === 0) return null;
  const p50s = rounds.map((r) => (typeof r === 'number' ? r : (r as { p50?: unknown })?.p50)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return p50s.length ? p50s : null;
}

export interface DeviceResultExtras {
  budget?: { metric: DeviceBudget['metric']; ms: number } | null;
  jsHeapMb?: number | null;
  link?: string | null;
}

/** One DeviceResult per config that produced latency statistics (failed configs are left out). */
export function deviceResultsFrom(r: BenchResult, extras: DeviceResultExtras = {}): DeviceResult[] {
  const f = r.fingerprint;
  const out: DeviceResult[] = [];
  for (const c of r.configs) {
    const s = c.compute;
    if (!s) continue;
    const b = extras.budget ?? null;
    const gpu: DeviceResult['device']['gpu'] = { available: f.gpu.available };
    if (f.gpu.vendor) gpu.vendor = f.gpu.vendor.slice(0, 200);
    if (f.gpu.architecture) gpu.architecture = f.gpu.architecture.slice(0, 200);
    if (f.gpu.description) gpu.description = f.gpu.description.slice(0, 200);
    out.push({
      schema: DEVICE_RESULT_SCHEMA,
      model: { ...r.model },
      device: {
        userAgent: f.userAgent.slice(0, 512), platform: f.platform.slice(0, 200), cores: f.cores, deviceMemoryGb: f.deviceMemoryGb,
        crossOriginIsolated: f.crossOriginIsolated, gpu, ortVersion: f.ortVersion, runtime: f.runtime,
      },
      config: { ...c.config },
      shapes: c.inputShapes,
      stats: {
        n: s.n, mean: s.mean, p50: s.p50, p90: s.p90, p99: s.p99,
        p50Ci: { low: s.p50Ci.low, high: s.p50Ci.high }, p90Ci: { low: s.p90Ci.low, high: s.p90Ci.high },
      },
      rounds: roundsOf(c),
      memory: { jsHeapMb: extras.jsHeapMb ?? null },
      budget: b ? { metric: b.metric, ms: b.ms, pass: s[b.metric] <= b.ms } : null,
      link: extras.link ?? null,
      date: f.date,
    });
  }
  return out;
}
