// The compare command's printed summary: a relative error that is undefined (a reference element of 0)
// reads "— (reference 0)", never "Infinity".
import { describe, expect, it } from 'vitest';
import { buildReport, type DeviceResult } from '../lib/compare/report.ts';
import type { BaselineResult } from '../lib/baseline/types.ts';
import type { CompareSample } from '../lib/compare/samples.ts';
import { summaryText, type CompareMeta } from './compare.ts';

const f32 = (dims: number[], v: number[]) => ({ type: 'float32' as const, dims, data: Float32Array.from(v) });
const samples: CompareSample[] = [{ inputs: { x: f32([1, 1], [0]) } }, { inputs: { x: f32([1, 1], [1]) } }];
const meta: CompareMeta = {
  model: 'm.onnx', sha256: 'ab', samplesFile: 's.jsonl', samplesRead: 'all', baseline: 'b.jsonl', baselineKind: 'file',
  runtime: 'native', backend: 'cpu', threads: 1, shapes: { x: [1, 1] },
};

describe('compare summary: max rel', () => {
  it('prints "— (reference 0)" where a baseline element is 0 and the device value is not', () => {
    const device: DeviceResult[] = [{ outputs: { y: f32([1, 2], [0.001, 2]) }, computeMs: 1 }, { outputs: { y: f32([1, 2], [1, 2]) }, computeMs: 1 }];
    const baseline: BaselineResult[] = [{ outputs: { y: f32([1, 2], [0, 2]) }, roundTripMs: 0 }, { outputs: { y: f32([1, 2], [1, 2]) }, roundTripMs: 0 }];
    const text = summaryText(buildReport(samples, device, baseline), meta);
    expect(text).toMatch(/^y .*— \(reference 0\)/m);
    expect(text).not.toMatch(/Infinity/);
  });

  it('prints the number where every reference element is non-zero', () => {
    const device: DeviceResult[] = [{ outputs: { y: f32([1, 2], [1.5, 2]) }, computeMs: 1 }, { outputs: { y: f32([1, 2], [1, 2]) }, computeMs: 1 }];
    const baseline: BaselineResult[] = [{ outputs: { y: f32([1, 2], [1, 2]) }, roundTripMs: 0 }, { outputs: { y: f32([1, 2], [1, 2]) }, roundTripMs: 0 }];
    const text = summaryText(buildReport(samples, device, baseline), meta);
    expect(text).not.toMatch(/reference 0|Infinity/);
    expect(text).toMatch(/^y\s+0\.5\s+/m);
  });
});
