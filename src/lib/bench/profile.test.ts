// Parsing onnxruntime-web's printed profile (captured by scripts/fixtures/capture_ort_profile.mjs);
// expected per-op totals from scripts/fixtures/profile_reference.py (plain json + sums in Python).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { aggregateOps, parseTrace } from './profile.ts';

const text = readFileSync(new URL('./fixtures/ort-web-profile.txt', import.meta.url), 'utf8');
interface Totals { totalMs: number; ops: Record<string, { totalMs: number; calls: number }> }
const expected = JSON.parse(readFileSync(new URL('./fixtures/ort-web-profile.expected.json', import.meta.url), 'utf8')) as Totals & { runs: number; skip1: Totals };

describe('onnxruntime profile', () => {
  it('aggregates kernel time per operator type like the Python reference', () => {
    const p = aggregateOps(parseTrace(text), 3, 'wasm-t1-all');
    expect(p.ops.map((o) => o.opType).sort()).toEqual(Object.keys(expected.ops).sort());
    for (const o of p.ops) {
      expect(o.totalMs).toBeCloseTo(expected.ops[o.opType]!.totalMs, 9);
      expect(o.calls).toBe(expected.ops[o.opType]!.calls);
      expect(o.perRunMs).toBeCloseTo(o.totalMs / 3, 12);
    }
    expect(p.kernelMsPerRun).toBeCloseTo(expected.totalMs / 3, 9);
    expect(p.ops.reduce((a, o) => a + o.share, 0)).toBeCloseTo(1, 12);
    // Largest first.
    for (let i = 1; i < p.ops.length; i++) expect(p.ops[i - 1]!.totalMs).toBeGreaterThanOrEqual(p.ops[i]!.totalMs);
    expect(p.ops.find((o) => o.opType === 'FusedConv')!.nodes).toBe(2);
  });

  it('leaves out the warm-up runs (found by their model_run events)', () => {
    const p = aggregateOps(parseTrace(text), 2, 'wasm-t1-all', 'test', 1);
    expect(p.kernelMsPerRun).toBeCloseTo(expected.skip1.totalMs / 2, 9);
    for (const o of p.ops) {
      expect(o.totalMs).toBeCloseTo(expected.skip1.ops[o.opType]!.totalMs, 9);
      expect(o.calls).toBe(expected.skip1.ops[o.opType]!.calls);
    }
    // The first run (allocation, packing weights) dominates: skipping it changes the picture.
    expect(expected.skip1.totalMs).toBeLessThan(expected.totalMs / 3);
  });

  it('reads the printed form mixed with log lines, line by line', () => {
    const noisy = `some log line\n${text.replace('[\n', '[\n2026 [W:onnxruntime] warning {not json}\n')}\ntrailing`;
    const p = aggregateOps(parseTrace(noisy), 3);
    expect(p.kernelMsPerRun).toBeCloseTo(expected.totalMs / 3, 9);
  });

  it('refuses text without trace events, and reports an empty profile when no kernels ran', () => {
    expect(() => parseTrace('hello\nworld')).toThrow(expect.objectContaining({ name: 'ProfileFormatError' }));
    const p = aggregateOps([{ cat: 'Session', name: 'model_loading_array', dur: 10 }], 0);
    expect(p.ops).toEqual([]);
    expect(p.kernelMsPerRun).toBe(0);
    expect(p.runs).toBe(1);
  });
});
