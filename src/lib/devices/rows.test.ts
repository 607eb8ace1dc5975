import { describe, expect, it } from 'vitest';
import { browserName, budgetSummary, deviceName, devicesCsv, gpuName, groupResults, isSoftwareGpu, osName, DEVICE_CSV_COLUMNS } from './rows.ts';
import { deviceResultsFrom } from './result.ts';
import { sampleDeviceResult } from './fixture.testing.ts';
import type { StoredDeviceResult } from './result.ts';

const stored = (id: number, over: Parameters<typeof sampleDeviceResult>[0] = {}): StoredDeviceResult => ({ ...sampleDeviceResult(over), id, receivedAt: '2026-12-01T12:00:01.000Z' });
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('device rows', () => {
  it('names browser, OS, GPU (software adapters marked)', () => {
    expect(browserName(IPHONE)).toBe('Safari 18.1');
    expect(osName(IPHONE, 'iPhone')).toBe('iOS 18');
    const r = stored(1);
    expect(deviceName(r)).toBe('Chrome 140.0 · Android 10 · 8 cores · 4 GB');
    expect(isSoftwareGpu(r.device.gpu)).toBe(true);
    expect(gpuName(r.device.gpu)).toBe('SwiftShader Device (software)');
    expect(gpuName({ available: false })).toBe('no WebGPU');
    expect(isSoftwareGpu({ available: true, vendor: 'apple', description: 'Apple M2' })).toBe(false);
  });

  it('groups by model and shape, rows by p50', () => {
    const other = { ...stored(3, { p50: 1 }), shapes: { image: [4, 1, 28, 28] } };
    const groups = groupResults([stored(1, { p50: 9 }), stored(2, { p50: 2 }), other, stored(4, { sha: 'b'.repeat(64) })]);
    expect(groups.map((g) => g.rows.map((r) => r.id))).toEqual([[2, 1], [3], [4]]);
    expect(groups[0]!.shape).toBe('input=1x1x28x28');
  });

  it('counts devices that meet the budget on at least one config', () => {
    expect(budgetSummary([stored(1)])).toBeNull();
    const slow = { ...stored(3, { pass: false }), device: { ...stored(3).device, userAgent: IPHONE } };
    expect(budgetSummary([stored(1, { pass: false }), stored(2, { pass: true }), slow])).toEqual({ meet: 1, total: 2 });
  });

  it('writes CSV with one header and one line per result, quoting commas', () => {
    const csv = devicesCsv([stored(1), stored(2)]).trim().split('\n');
    expect(csv[0]).toBe(DEVICE_CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain('"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36"');
  });

  it('builds one record per measured config from a benchmark result', () => {
    const s = sampleDeviceResult();
    const stats = { ...s.stats, std: 0, min: 1, p95: 1, max: 9, throughputPerSec: 1, itemsPerSec: 1, p50Ci: { ...s.stats.p50Ci, level: 0.95 }, p90Ci: { ...s.stats.p90Ci, level: 0.95 }, stability: {} as never, outliers: {} as never, timerResolutionMs: 0.005 };
    const config = { id: 'a', label: 'a', config: s.config, inputShapes: s.shapes, phases: {} as never, compute: stats, endToEnd: null, samples: [], endToEndSamples: [], longTasks: 0, error: null };
    const failed = { ...config, id: 'b', compute: null, error: { name: 'X', message: 'y' } };
    const bench = { fingerprint: { ...s.device, modelSha256: s.model.sha256, inputShapes: {}, date: s.date, webnn: false }, model: s.model, configs: [config, failed] } as never;
    const out = deviceResultsFrom(bench, { budget: { metric: 'p90', ms: 1 }, jsHeapMb: 3, link: 'L' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ budget: { metric: 'p90', ms: 1, pass: false }, memory: { jsHeapMb: 3 }, link: 'L', rounds: null, shapes: s.shapes });
  });
});
