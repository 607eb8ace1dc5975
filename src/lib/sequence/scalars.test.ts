import { describe, expect, it } from 'vitest';
import { isScalarInput, scalarHint } from './scalars.ts';

const sr = { name: 'sr', type: 'int64', dims: [] };

describe('isScalarInput', () => {
  it('takes rank 0 and [1] numbers, not tensors, strings or free dims', () => {
    expect(isScalarInput(sr)).toBe(true);
    expect(isScalarInput({ name: 'k', type: 'float32', dims: [1] })).toBe(true);
    expect(isScalarInput({ name: 'x', type: 'float32', dims: [1, 512] })).toBe(false);
    expect(isScalarInput({ name: 'x', type: 'float32', dims: ['n'] })).toBe(false);
    expect(isScalarInput({ name: 's', type: 'string', dims: [] })).toBe(false);
    expect(isScalarInput({ name: 's', type: 'float32', dims: null })).toBe(false);
  });
});

describe('scalarHint', () => {
  it('gives sr 16000 by its name when the model says nothing (silero VAD)', () => {
    expect(scalarHint(sr, { metadata: {}, docString: '' })).toEqual({ value: 16000, source: 'name', note: 'input named "sr": a sample rate, 16000 Hz for speech' });
  });
  it('prefers metadata_props, then the doc string', () => {
    expect(scalarHint(sr, { metadata: { sample_rate: '8000' }, docString: '16 kHz' })).toMatchObject({ value: 8000, source: 'metadata' });
    expect(scalarHint(sr, { metadata: { sr: '22050' } })).toMatchObject({ value: 22050, source: 'metadata', note: 'metadata "sr"' });
    expect(scalarHint(sr, { docString: 'Streaming VAD, expects 8 kHz mono audio' })).toMatchObject({ value: 8000, source: 'doc' });
    expect(scalarHint(sr, { docString: 'sampling_rate=44100' })).toMatchObject({ value: 44100, source: 'doc' });
    expect(scalarHint({ ...sr, name: 'sample_rate' }, { docString: 'audio at 48000 Hz' })).toMatchObject({ value: 48000, source: 'doc' });
  });
  it('ignores implausible rates in the doc and non-numeric metadata', () => {
    expect(scalarHint(sr, { metadata: { sample_rate: 'sixteen' }, docString: 'trained 2020 for 100 Hz' })).toMatchObject({ value: 16000, source: 'name' });
  });
  it('uses a metadata key named like any scalar input', () => {
    expect(scalarHint({ name: 'threshold', type: 'float32', dims: [] }, { metadata: { threshold: '0.5' } })).toMatchObject({ value: 0.5, source: 'metadata' });
  });
  it('has no hint for other scalars or non-scalars', () => {
    expect(scalarHint({ name: 'k', type: 'int64', dims: [] }, { metadata: { sample_rate: '16000' } })).toBeNull();
    expect(scalarHint({ name: 'sr', type: 'float32', dims: [1, 512] }, {})).toBeNull();
  });
});
