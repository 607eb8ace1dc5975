// The Devices view and `edgeprobe devices` as tables: one row per device × config, grouped by model
// and shape, with a readable device name (browser, OS, cores, memory, GPU and whether it is software).
import type { StoredDeviceResult } from './result.ts';

/** Adapters that are a CPU pretending to be a GPU (Chromium's SwiftShader, Mesa's llvmpipe, WARP). */
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|warp/i;

export function isSoftwareGpu(gpu: StoredDeviceResult['device']['gpu']): boolean {
  return gpu.available && SOFTWARE_GPU.test(`${gpu.vendor ?? ''} ${gpu.architecture ?? ''} ${gpu.description ?? ''}`);
}

/** "Chrome 140", "Safari 18.1", "Firefox 133" from a user agent; the first 40 characters otherwise. */
export function browserName(ua: string): string {
  const m = /(Edg|Firefox|HeadlessChrome|Chrome|CriOS|Version)\/(\d+(?:\.\d+)?)/.exec(ua);
  if (!m) return ua.slice(0, 40);
  const name = m[1] === 'Version' ? 'Safari' : m[1] === 'Edg' ? 'Edge' : m[1] === 'CriOS' ? 'Chrome' : m[1]!;
  return `${name} ${m[2]}`;
}

/** "Android 10", "iOS 18", "Linux", "macOS", "Windows" from a user agent. */
export function osName(ua: string, platform: string): string {
  const android = /Android (\d+)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  const ios = /(?:iPhone|iPad).*OS (\d+)/.exec(ua);
  if (ios) return `iOS ${ios[1]}`;
  if (/Mac OS X/.test(ua)) return 'macOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Linux|X11/.test(ua)) return 'Linux';
  return platform || 'unknown OS';
}

/** "GPU: SwiftShader (software)", "GPU: apple m2", "no WebGPU". */
export function gpuName(gpu: StoredDeviceResult['device']['gpu']): string {
  if (!gpu.available) return 'no WebGPU';
  const name = gpu.description || [gpu.vendor, gpu.architecture].filter(Boolean).join(' ') || 'WebGPU adapter';
  return isSoftwareGpu(gpu) ? `${name} (software)` : name;
}

/** One line naming the device. */
export function deviceName(r: Pick<StoredDeviceResult, 'device'>): string {
  const d = r.device;
  const mem = d.deviceMemoryGb === null ? '' : ` · ${d.deviceMemoryGb} GB`;
  return `${browserName(d.userAgent)} · ${osName(d.userAgent, d.platform)} · ${d.cores} cores${mem}`;
}

/** "input=1x1x28x28; other=1x3" — the shapes as one key for grouping. */
export function shapeKey(shapes: Record<string, number[]>): string {
  return Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v.join('x')}`).join('; ');
}

export function configName(c: StoredDeviceResult['config']): string {
  return `${c.backend} × ${c.threads} thread${c.threads === 1 ? '' : 's'}${c.batch === null ? '' : ` · batch ${c.batch}`}`;
}

/** Results grouped by model (sha256) and shape, groups in first-seen order, rows by p50. */
export interface DeviceGroup {
  key: string;
  model: string;
  sha256: string;
  shape: string;
  rows: StoredDeviceResult[];
  /** The budget the group's rows were judged against (the most recent one), or null. */
  budget: StoredDeviceResult['budget'];
}

export function groupResults(results: readonly StoredDeviceResult[]): DeviceGroup[] {
  const groups = new Map<string, DeviceGroup>();
  for (const r of results) {
    const shape = shapeKey(r.shapes);
    const key = `${r.model.sha256}|${shape}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, model: r.model.name, sha256: r.model.sha256, shape, rows: [], budget: null }));
    g.rows.push(r);
    if (r.budget) g.budget = r.budget;
  }
  for (const g of groups.values()) g.rows.sort((a, b) => a.stats.p50 - b.stats.p50);
  return [...groups.values()];
}

/** How many distinct devices meet their budget on at least one config (null when no budget was set). */
export function budgetSummary(results: readonly StoredDeviceResult[]): { meet: number; total: number } | null {
  const byDevice = new Map<string, boolean>();
  for (const r of results) {
    if (!r.budget) continue;
    const k = `${r.device.userAgent}|${r.device.cores}|${r.device.deviceMemoryGb}|${gpuName(r.device.gpu)}`;
    byDevice.set(k, (byDevice.get(k) ?? false) || r.budget.pass);
  }
  if (byDevice.size === 0) return null;
  return { meet: [...byDevice.values()].filter(Boolean).length, total: byDevice.size };
}

export const DEVICE_CSV_COLUMNS = [
  'id', 'received_at', 'date', 'model', 'model_sha256', 'shape', 'device', 'browser', 'os', 'cores', 'memory_gb', 'gpu', 'software_gpu',
  'backend', 'threads', 'batch', 'n', 'p50_ms', 'p50_ci_low_ms', 'p50_ci_high_ms', 'p90_ms', 'p90_ci_low_ms', 'p90_ci_high_ms', 'p99_ms',
  'rounds', 'js_heap_mb', 'budget_metric', 'budget_ms', 'budget_pass', 'user_agent',
] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row, one line per result. */
export function devicesCsv(results: readonly StoredDeviceResult[]): string {
  const lines = [DEVICE_CSV_COLUMNS.join(',')];
  for (const r of results) {
    const d = r.device;
    const s = r.stats;
    lines.push([
      r.id, r.receivedAt, r.date, r.model.name, r.model.sha256, shapeKey(r.shapes), deviceName(r), browserName(d.userAgent),
      osName(d.userAgent, d.platform), d.cores, d.deviceMemoryGb, gpuName(d.gpu), isSoftwareGpu(d.gpu), r.config.backend,
      r.config.threads, r.config.batch, s.n, s.p50, s.p50Ci.low, s.p50Ci.high, s.p90, s.p90Ci.low, s.p90Ci.high, s.p99,
      r.rounds?.join(' ') ?? null, r.memory.jsHeapMb, r.budget?.metric, r.budget?.ms, r.budget?.pass, d.userAgent,
    ].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
