// Benchmark feeds: scalar inputs take the same hints as Predict and `edgeprobe run` (Silero VAD's
// `sr` holds 16000, or the rate the model's metadata gives), other inputs stay seeded random.
import { describe, expect, it } from 'vitest';
import { benchInputs, benchShapes, type DeclaredTensor } from './inputs.ts';

/** Silero VAD v5's declared inputs. */
const SILERO: DeclaredTensor[] = [
  { name: 'input', type: 'float32', dims: ['batch_size', 'sequence'] as never },
  { name: 'state', type: 'float32', dims: [2, 'batch_size', 128] as never },
  { name: 'sr', type: 'int64', dims: [] },
];

describe('benchInputs', () => {
  it('fills a sample-rate scalar with 16000 instead of a random number', () => {
    const shapes = benchShapes(SILERO, 1, { input: [1, 512] });
    const t = benchInputs(SILERO, shapes);
    expect(t.sr!.dims).toEqual([]);
    expect(t.sr!.data).toEqual(new BigInt64Array([16000n]));
    expect(t.input!.dims).toEqual([1, 512]);
    expect(t.state!.dims).toEqual([2, 1, 128]);
  });

  it('takes the rate from the model metadata when it gives one', () => {
    const shapes = benchShapes(SILERO, 1, { input: [1, 256] });
    const t = benchInputs(SILERO, shapes, 0, { metadata: { sample_rate: '8000' } });
    expect(Number((t.sr!.data as BigInt64Array)[0])).toBe(8000);
  });

  it('keeps other inputs seeded random (same seed, same numbers)', () => {
    const shapes = benchShapes(SILERO, 1, { input: [1, 512] });
    const a = benchInputs(SILERO, shapes, 3);
    const b = benchInputs(SILERO, shapes, 3);
    expect(a.input!.data).toEqual(b.input!.data);
    expect(new Set(a.input!.data as Float32Array).size).toBeGreaterThan(100);
  });
});
