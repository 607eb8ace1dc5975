// Test helper: a well-formed DeviceResult (a phone-like Chrome on Android), with overrides.
import { DEVICE_RESULT_SCHEMA, type DeviceResult } from './result.ts';

export function sampleDeviceResult(over: { p50?: number; ua?: string; sha?: string; pass?: boolean } = {}): DeviceResult {
  const p50 = over.p50 ?? 4.2;
  return {
    schema: DEVICE_RESULT_SCHEMA,
    model: { name: 'digits-cnn', sha256: over.sha ?? 'a'.repeat(64), bytes: 12345 },
    device: {
      userAgent: over.ua ?? 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
      platform: 'Linux armv8l', cores: 8, deviceMemoryGb: 4, crossOriginIsolated: true,
      gpu: { available: true, vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device' }, ortVersion: '1.30.0', runtime: 'browser',
    },
    config: { backend: 'wasm', threads: 2, graphOptimizationLevel: 'all', batch: null },
    shapes: { input: [1, 1, 28, 28] },
    stats: { n: 50, mean: p50 * 1.1, p50, p90: p50 * 1.5, p99: p50 * 2, p50Ci: { low: p50 * 0.9, high: p50 * 1.1 }, p90Ci: { low: p50 * 1.3, high: p50 * 1.7 } },
    rounds: [p50, p50 * 1.02, p50 * 0.98],
    memory: { jsHeapMb: 12.5 },
    budget: over.pass === undefined ? null : { metric: 'p90', ms: over.pass ? p50 * 2 : p50, pass: over.pass },
    link: 'abc123',
    date: '2026-12-01T12:00:00.000Z',
  };
}
