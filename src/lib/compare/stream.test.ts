import { describe, expect, it } from 'vitest';
import { checkServerStreamSamples } from './stream.ts';
import type { PlainTensor } from '../tensors/types.ts';

const t: PlainTensor = { type: 'float32', dims: [1], data: new Float32Array(1) };

describe('checkServerStreamSamples', () => {
  it('passes samples that hold every state input', () => {
    expect(() => checkServerStreamSamples(['h', 'c'], [{ input: t, h: t, c: t }, { input: t, h: t, c: t }], 'untick it')).not.toThrow();
  });

  it('names the first sample (from 1) and the state inputs it lacks', () => {
    const run = () => checkServerStreamSamples(['h', 'c'], [{ input: t, h: t, c: t }, { input: t }], 'leave out --sequence');
    expect(run).toThrow(/sample 2 lacks state inputs "h", "c": .*or leave out --sequence$/);
    try { run(); } catch (e) { expect((e as Error).name).toBe('InputShapeError'); }
  });
});
