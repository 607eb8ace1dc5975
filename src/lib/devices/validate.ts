// Schema check of a DeviceResult sent to the collector: every field typed and bounded, unknown
// fields refused, so a malformed record is answered 400 and never stored.
import { DEVICE_RESULT_SCHEMA, type DeviceResult } from './result.ts';

/** A record sent to the collector does not follow the device-result schema; the message names the field. */
export class DeviceResultError extends Error {
  override name = 'DeviceResultError';
}

type Obj = Record<string, unknown>;
const MAX_TEXT = 512;

function fail(path: string, what: string): never {
  throw new DeviceResultError(`${path}: ${what}`);
}

function obj(v: unknown, path: string, keys: readonly string[], optional: readonly string[] = []): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'must be an object');
  const o = v as Obj;
  for (const k of Object.keys(o)) if (!keys.includes(k) && !optional.includes(k)) fail(`${path}.${k}`, `unknown field (valid: ${[...keys, ...optional].join(', ')})`);
  for (const k of keys) if (!(k in o)) fail(`${path}.${k}`, 'is missing');
  return o;
}

function text(v: unknown, path: string, max = MAX_TEXT): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  if (v.length > max) fail(path, `is longer than ${max} characters`);
  return v;
}

function num(v: unknown, path: string, { min = 0, max = 1e9, integer = false } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a finite number');
  if (v < min || v > max) fail(path, `must be from ${min} to ${max}`);
  if (integer && !Number.isInteger(v)) fail(path, 'must be an integer');
  return v;
}

function nullable<T>(v: unknown, f: (v: unknown) => T): T | null {
  return v === null ? null : f(v);
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (!values.includes(v as T)) fail(path, `must be one of ${values.join(', ')}`);
  return v as T;
}

function interval(v: unknown, path: string): { low: number; high: number } {
  const o = obj(v, path, ['low', 'high'], ['level']);
  return { low: num(o.low, `${path}.low`), high: num(o.high, `${path}.high`) };
}

/**
 * Check a parsed JSON value against the DeviceResult schema and return a clean copy (only known
 * fields). @throws DeviceResultError naming the first bad field.
 */
export function validateDeviceResult(v: unknown): DeviceResult {
  const r = obj(v, 'result', ['schema', 'model', 'device', 'config', 'shapes', 'stats', 'rounds', 'memory', 'budget', 'link', 'date']);
  if (r.schema !== DEVICE_RESULT_SCHEMA) fail('result.schema', `must be "${DEVICE_RESULT_SCHEMA}"`);
  const m = obj(r.model, 'model', ['name', 'sha256', 'bytes']);
  const sha = text(m.sha256, 'model.sha256');
  if (!/^[0-9a-f]{64}$/.test(sha)) fail('model.sha256', 'must be 64 lowercase hex digits');
  const d = obj(r.device, 'device', ['userAgent', 'platform', 'cores', 'deviceMemoryGb', 'crossOriginIsolated', 'gpu', 'ortVersion', 'runtime']);
  const g = obj(d.gpu, 'device.gpu', ['available'], ['vendor', 'architecture', 'description', 'reason']);
  const gpu: DeviceResult['device']['gpu'] = { available: bool(g.available, 'device.gpu.available') };
  for (const k of ['vendor', 'architecture', 'description'] as const) if (g[k] !== undefined) gpu[k] = text(g[k], `device.gpu.${k}`, 200);
  const c = obj(r.config, 'config', ['backend', 'threads', 'graphOptimizationLevel', 'batch']);
  const shapesIn = r.shapes;
  if (shapesIn === null || typeof shapesIn !== 'object' || Array.isArray(shapesIn)) fail('shapes', 'must be an object of input name → dims');
  const shapeEntries = Object.entries(shapesIn as Obj);
  if (shapeEntries.length > 64) fail('shapes', 'has more than 64 inputs');
  const shapes: Record<string, number[]> = {};
  for (const [name, dims] of shapeEntries) {
    text(name, 'shapes key', 200);
    if (!Array.isArray(dims) || dims.length > 16) fail(`shapes.${name}`, 'must be an array of at most 16 dims');
    shapes[name] = dims.map((x, i) => num(x, `shapes.${name}[${i}]`, { integer: true, max: 1e7 }));
  }
  const s = obj(r.stats, 'stats', ['n', 'mean', 'p50', 'p90', 'p99', 'p50Ci', 'p90Ci']);
  const stats = {
    n: num(s.n, 'stats.n', { min: 1, integer: true }), mean: num(s.mean, 'stats.mean'),
    p50: num(s.p50, 'stats.p50'), p90: num(s.p90, 'stats.p90'), p99: num(s.p99, 'stats.p99'),
    p50Ci: interval(s.p50Ci, 'stats.p50Ci'), p90Ci: interval(s.p90Ci, 'stats.p90Ci'),
  };
  if (!(stats.p50 <= stats.p90 && stats.p90 <= stats.p99)) fail('stats', 'percentiles must be ordered p50 ≤ p90 ≤ p99');
  let rounds: number[] | null = null;
  if (r.rounds !== null) {
    if (!Array.isArray(r.rounds) || r.rounds.length > 1000) fail('rounds', 'must be null or an array of at most 1000 p50s');
    rounds = r.rounds.map((x, i) => num(x, `rounds[${i}]`));
  }
  const mem = obj(r.memory, 'memory', ['jsHeapMb']);
  let budget: DeviceResult['budget'] = null;
  if (r.budget !== null) {
    const b = obj(r.budget, 'budget', ['metric', 'ms', 'pass']);
    budget = { metric: oneOf(b.metric, 'budget.metric', ['p50', 'p90', 'p99'] as const), ms: num(b.ms, 'budget.ms'), pass: bool(b.pass, 'budget.pass') };
  }
  const date = text(r.date, 'date', 40);
  if (Number.isNaN(Date.parse(date))) fail('date', 'must be an ISO 8601 date');
  return {
    schema: DEVICE_RESULT_SCHEMA,
    model: { name: text(m.name, 'model.name', 200), sha256: sha, bytes: num(m.bytes, 'model.bytes', { integer: true, max: 1e12 }) },
    device: {
      userAgent: text(d.userAgent, 'device.userAgent'), platform: text(d.platform, 'device.platform', 200),
      cores: num(d.cores, 'device.cores', { integer: true, max: 4096 }),
      deviceMemoryGb: nullable(d.deviceMemoryGb, (x) => num(x, 'device.deviceMemoryGb', { max: 1e6 })),
      crossOriginIsolated: bool(d.crossOriginIsolated, 'device.crossOriginIsolated'), gpu,
      ortVersion: text(d.ortVersion, 'device.ortVersion', 40), runtime: text(d.runtime, 'device.runtime', 40),
    },
    config: {
      backend: oneOf(c.backend, 'config.backend', ['wasm', 'webgpu', 'cpu'] as const),
      threads: num(c.threads, 'config.threads', { min: 1, integer: true, max: 1024 }),
      graphOptimizationLevel: oneOf(c.graphOptimizationLevel, 'config.graphOptimizationLevel', ['disabled', 'basic', 'extended', 'all'] as const),
      batch: nullable(c.batch, (x) => num(x, 'config.batch', { min: 1, integer: true, max: 1e6 })),
    },
    shapes, stats, rounds,
    memory: { jsHeapMb: nullable(mem.jsHeapMb, (x) => num(x, 'memory.jsHeapMb', { max: 1e7 })) },
    budget,
    link: nullable(r.link, (x) => text(x, 'link', 200)),
    date,
  };
}
