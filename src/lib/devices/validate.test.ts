import { describe, expect, it } from 'vitest';
import { validateDeviceResult, DeviceResultError } from './validate.ts';
import { sampleDeviceResult } from './fixture.testing.ts';

describe('validateDeviceResult', () => {
  it('accepts a well-formed result and returns an equal copy', () => {
    const r = sampleDeviceResult({ pass: true });
    expect(validateDeviceResult(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it.each([
    ['not an object', 42, /result: must be an object/],
    ['wrong schema', { ...sampleDeviceResult(), schema: 'x' }, /result.schema/],
    ['unknown field', { ...sampleDeviceResult(), extra: 1 }, /result.extra: unknown field/],
    ['missing field', (() => { const r: Record<string, unknown> = { ...sampleDeviceResult() }; delete r.stats; return r; })(), /result.stats: is missing/],
    ['bad sha', { ...sampleDeviceResult(), model: { name: 'm', sha256: 'xyz', bytes: 1 } }, /model.sha256/],
    ['NaN p50 (JSON null)', JSON.parse(JSON.stringify({ ...sampleDeviceResult(), stats: { ...sampleDeviceResult().stats, p50: NaN } })), /stats.p50: must be a finite number/],
    ['unordered percentiles', { ...sampleDeviceResult(), stats: { ...sampleDeviceResult().stats, p50: 100 } }, /ordered/],
    ['bad backend', { ...sampleDeviceResult(), config: { ...sampleDeviceResult().config, backend: 'cuda' } }, /config.backend: must be one of/],
    ['long user agent', { ...sampleDeviceResult(), device: { ...sampleDeviceResult().device, userAgent: 'x'.repeat(600) } }, /longer than 512/],
    ['too many rounds', { ...sampleDeviceResult(), rounds: new Array(1001).fill(1) }, /rounds/],
    ['bad date', { ...sampleDeviceResult(), date: 'yesterday' }, /date/],
  ])('refuses %s with a DeviceResultError naming the field', (_what, value, message) => {
    expect(() => validateDeviceResult(value)).toThrow(DeviceResultError);
    expect(() => validateDeviceResult(value)).toThrow(message);
  });
});
