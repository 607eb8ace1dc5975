import { describe, it, expect } from 'vitest';
import { buildReport, looksLikeClassifier, reportToJson, type DeviceResult } from './report.ts';
import { latencySplit } from './latency.ts';
import { scatterPoints } from './plots.ts';
import type { BaselineResult } from '../baseline/types.ts';
import type { CompareSample } from './samples.ts';

const f32 = (dims: number[], v: number[]) => ({ type: 'float32' as const, dims, data: Float32Array.from(v) });
const probs = [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6]];
const samples: CompareSample[] = probs.map((_, i) => ({ inputs: { x: f32([1, 1], [i]) }, label: [2, 0, 1, 0][i] }));
const device: DeviceResult[] = probs.map((p, i) => ({ outputs: { probabilities: f32([1, 3], p), score: f32([1, 1], [i]) }, computeMs: 1 + i }));
const same: BaselineResult[] = probs.map((p, i) => ({ outputs: { probabilities: f32([1, 3], p), score: f32([1, 1], [i]) }, roundTripMs: 10, server: { computeMs: 2, totalMs: 3, metrics: [] } }));

describe('buildReport', () => {
  it('identical outputs pass, with agreement 1 and both accuracies equal', () => {
    const r = buildReport(samples, device, same);
    expect(r.verdict.pass).toBe(true);
    const p = r.outputs.find((o) => o.name === 'probabilities')!;
    expect(p.classifier).toBe(true);
    expect(p.overall.maxAbs).toBe(0);
    expect(p.aggregate.agreement!.top1Agreement).toBe(1);
    // argmax per row: 2, 0, 1, 2 against labels 2, 0, 1, 0 -> 3 of 4
    expect(p.accuracy).toEqual({ device: { labelled: 4, correct: 3, accuracy: 0.75 }, baseline: { labelled: 4, correct: 3, accuracy: 0.75 } });
    expect(r.outputs.find((o) => o.name === 'score')!.classifier).toBe(false);
  });

  it('pairs a reversed baseline by id when both sides carry ids, and names a mismatch', () => {
    const withIds = samples.map((s, i) => ({ ...s, id: `s${i}` }));
    const reversed = same.map((b, i) => ({ ...b, id: `s${i}` })).reverse();
    const r = buildReport(withIds, device, reversed);
    expect(r.pairing).toBe('id');
    expect(r.verdict.pass).toBe(true);
    expect(r.outputs.every((o) => o.overall.maxAbs === 0)).toBe(true);
    // Without ids on the samples the same file is paired by order, and fails.
    const byOrder = buildReport(samples, device, reversed);
    expect(byOrder.pairing).toBe('order');
    expect(byOrder.verdict.pass).toBe(false);
    const wrong = reversed.map((b, i) => (i === 0 ? { ...b, id: 'other' } : b));
    expect(() => buildReport(withIds, device, wrong)).toThrow(/no baseline result for sample 4 \(id "s3"\); baseline result with id "other" matches no sample/);
  });

  it('a 1e-2 perturbation fails and the verdict names the output, error and place', () => {
    const off = same.map((b, i) => ({ ...b, outputs: { ...b.outputs, probabilities: f32([1, 3], probs[i]!.map((v, j) => (i === 2 && j === 1 ? v - 0.2 : v + 1e-2))) } }));
    const r = buildReport(samples, device, off);
    expect(r.verdict.pass).toBe(false);
    expect(r.verdict.message).toMatch(/output "probabilities": 12 of 12 elements/);
    const p = r.outputs.find((o) => o.name === 'probabilities')!;
    expect(p.overall.maxAbs).toBeCloseTo(0.2, 6);
    // The third sample, numbered 1-based as everywhere people read it; coordinates within it.
    expect(p.overall.worstSample).toBe(3);
    expect(p.overall.worstAt).toEqual([0, 1]);
    expect(r.verdict.message).toContain('at sample 3 [0, 1]');
    expect(p.aggregate.worst[0]!.sample).toBe(3);
    // sample 3 (index 2): device argmax 1 (0.4), baseline now [0.31, 0.2, 0.31] -> argmax 0: one flip
    expect(p.aggregate.agreement!.top1Agreement).toBe(0.75);
    expect(p.aggregate.worst[0]!.index).toBe(2);
    expect(p.aggregate.perSample.map((s) => s.top1Agree)).toEqual([true, true, false, true]);
    expect(r.outputs.find((o) => o.name === 'score')!.overall.pass).toBe(true);
  });

  it('per-output tolerance overrides the default', () => {
    const off = same.map((b, i) => ({ ...b, outputs: { ...b.outputs, probabilities: f32([1, 3], probs[i]!.map((v) => v + 1e-2)) } }));
    const r = buildReport(samples, device, off, { tolerances: { probabilities: { atol: 0.02 } } });
    expect(r.verdict.pass).toBe(true);
    expect(r.outputs[0]!.tolerance).toEqual({ atol: 0.02, rtol: 1e-3 });
  });

  it('count, missing output and shape problems are BaselineErrors naming them', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as { name: string; kind: string; message: string };
      }
      throw new Error('no error');
    };
    expect(err(() => buildReport(samples, device, same.slice(1)))).toMatchObject({ name: 'BaselineError', kind: 'file', message: expect.stringMatching(/3 results for 4 samples/) });
    const lacking = same.map((b) => ({ outputs: { probabilities: b.outputs.probabilities! } }));
    expect(err(() => buildReport(samples, device, lacking))).toMatchObject({ kind: 'missing-output', message: expect.stringMatching(/lacks output "score" for sample 1; it has "probabilities"/) });
    const wrong = same.map((b) => ({ outputs: { ...b.outputs, score: f32([1, 2], [0, 0]) } }));
    expect(err(() => buildReport(samples, device, wrong))).toMatchObject({ kind: 'shape', message: expect.stringMatching(/score/) });
  });

  it('typeless float64 baselines (CSV) compare with integer device outputs', () => {
    const dev: DeviceResult[] = [{ outputs: { cls: { type: 'int64', dims: [1], data: BigInt64Array.from([2n]) } }, computeMs: 1 }];
    const r = buildReport([{ inputs: {} }], dev, [{ outputs: { cls: { type: 'float64', dims: [1], data: Float64Array.from([2]) } } }]);
    expect(r.verdict.pass).toBe(true);
  });

  it('exports JSON with typed arrays as lists and Infinity as a string', () => {
    const r = buildReport(samples, device, same);
    const j = JSON.parse(reportToJson(r, { model: 'm' }));
    expect(j.model).toBe('m');
    expect(Array.isArray(j.outputs[0].aggregate.agreement.deviceTop1)).toBe(true);
    expect(j.verdict.pass).toBe(true);
  });
});

describe('latencySplit', () => {
  it('splits the round trip into server compute, other server time and network', () => {
    const l = latencySplit([1, 2], [
      { outputs: {}, roundTripMs: 10, server: { computeMs: 2, totalMs: 3, metrics: [] } },
      { outputs: {}, roundTripMs: 12, server: { computeMs: 4, totalMs: 5, metrics: [] } },
    ]);
    expect(l.perSample[0]).toEqual({ deviceComputeMs: 1, roundTripMs: 10, serverComputeMs: 2, serverOtherMs: 1, networkMs: 7 });
    expect(l.network!.mean).toBe(7);
    expect(l.serverCompute!.p50).toBe(3);
    expect(l.serverTimingReported).toBe(true);
  });
  it('no Server-Timing: all of the round trip is network; files have no baseline times', () => {
    expect(latencySplit([1], [{ outputs: {}, roundTripMs: 9 }]).perSample[0]).toEqual({ deviceComputeMs: 1, roundTripMs: 9, networkMs: 9 });
    const f = latencySplit([1], [{ outputs: {} }]);
    expect(f.roundTrip).toBeUndefined();
    expect(f.serverTimingReported).toBe(false);
  });
  it('a server total above the round trip (clock skew) gives network 0, never negative, and the parts still add up', () => {
    const s = latencySplit([1], [{ outputs: {}, roundTripMs: 2, server: { computeMs: 3, totalMs: 3, metrics: [] } }]).perSample[0]!;
    expect(s.networkMs).toBe(0);
    expect(s.serverComputeMs! + s.serverOtherMs! + s.networkMs!).toBe(2);
  });
  it('the split shown adds up: the median-round-trip sample, numbered 1-based, where medians of parts would not', () => {
    // Part medians: compute 3, other 0, network 1 -> 4, but the median round trip is 10.
    const l = latencySplit([1, 1, 1], [
      { outputs: {}, roundTripMs: 4, server: { computeMs: 3, totalMs: 3, metrics: [] } },
      { outputs: {}, roundTripMs: 10, server: { computeMs: 0.5, totalMs: 0.5, metrics: [] } },
      { outputs: {}, roundTripMs: 11, server: { computeMs: 9, totalMs: 10, metrics: [] } },
    ]);
    expect(l.roundTrip!.p50).toBe(10);
    expect(l.serverCompute!.p50 + l.serverOther!.p50 + l.network!.p50).not.toBe(10);
    expect(l.medianSplit).toEqual({ sample: 2, roundTripMs: 10, serverComputeMs: 0.5, serverOtherMs: 0, networkMs: 9.5 });
    const m = l.medianSplit!;
    expect(m.serverComputeMs + m.serverOtherMs + m.networkMs).toBe(m.roundTripMs);
  });
});

describe('plots', () => {
  it('scatter keeps all points under the cap, thins above it and keeps the worst', () => {
    const all = scatterPoints(device, same, 'probabilities');
    expect(all.x.length).toBe(12);
    const off = same.map((b, i) => ({ outputs: { probabilities: f32([1, 3], probs[i]!.map((v, j) => (i === 3 && j === 2 ? 0 : v))) } }));
    const thin = scatterPoints(device, off, 'probabilities', 4);
    expect(thin.total).toBe(12);
    expect(thin.x.length).toBe(5);
    expect(thin.sample[4]).toBe(3);
    expect(thin.y[4]).toBeCloseTo(0.6, 6);
  });
  it('looksLikeClassifier', () => {
    expect(looksLikeClassifier(f32([1, 5], [0, 0, 0, 0, 0]))).toBe(true);
    expect(looksLikeClassifier(f32([1, 1], [0]))).toBe(false);
    expect(looksLikeClassifier({ type: 'int64', dims: [1, 3], data: new BigInt64Array(3) })).toBe(false);
  });
});
