import { describe, expect, it } from 'vitest';
import { chunkSignal, decodeWav, encodeWav, isWavFile, jsonlSteps } from './chunks.ts';

describe('decodeWav / encodeWav', () => {
  it('round-trips 16-bit PCM within two quantisation steps (written at 32767, read at 32768)', () => {
    const s = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.9);
    const a = decodeWav(encodeWav(s, 16000));
    expect(a.sampleRate).toBe(16000);
    expect(a.samples.length).toBe(100);
    a.samples.forEach((v, i) => expect(Math.abs(v - s[i]!)).toBeLessThan(2 / 32767));
  });

  it('averages stereo float32 to mono', () => {
    const buf = new ArrayBuffer(44 + 16);
    const v = new DataView(buf);
    const put = (o: number, t: string) => { for (let i = 0; i < 4; i++) v.setUint8(o + i, t.charCodeAt(i)); };
    put(0, 'RIFF'); v.setUint32(4, 36 + 16, true); put(8, 'WAVE'); put(12, 'fmt '); v.setUint32(16, 16, true);
    v.setUint16(20, 3, true); v.setUint16(22, 2, true); v.setUint32(24, 8000, true); v.setUint16(34, 32, true);
    put(36, 'data'); v.setUint32(40, 16, true);
    [0.5, -0.5, 1, 0].forEach((x, i) => v.setFloat32(44 + i * 4, x, true));
    expect([...decodeWav(new Uint8Array(buf)).samples]).toEqual([0, 0.5]);
  });

  it('refuses what is not a WAV by name', () => {
    expect(() => decodeWav(new TextEncoder().encode('{"inputs":[]}'))).toThrow(expect.objectContaining({ name: 'DataFormatError', message: expect.stringMatching(/not a WAV file/) }));
    const noData = encodeWav(new Float32Array(0), 16000).slice(0, 36);
    expect(() => decodeWav(noData)).toThrow(/no "data" chunk/);
  });
});

describe('chunkSignal', () => {
  it('cuts frames of the input shape and zero-pads the last', () => {
    const { steps, dropped } = chunkSignal(Float32Array.from([1, 2, 3, 4, 5]), 'input', [1, 2]);
    expect(steps.map((s) => [...(s.input!.data as Float32Array)])).toEqual([[1, 2], [3, 4], [5, 0]]);
    expect(steps[0]!.input!.dims).toEqual([1, 2]);
    expect(dropped).toBe(0);
  });
  it('caps the step count and says how many were dropped; refuses empty audio', () => {
    expect(chunkSignal(new Float32Array(10), 'x', [2], 3).dropped).toBe(2);
    expect(() => chunkSignal(new Float32Array(0), 'x', [2])).toThrow(/no samples/);
  });
});

describe('jsonlSteps', () => {
  it('takes one OIP request per line as one step', () => {
    const text = '{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}\n\n{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[2]}]}\n';
    expect(jsonlSteps(text).map((s) => s.x!.data[0])).toEqual([1, 2]);
    expect(() => jsonlSteps('nope', 'seq.jsonl')).toThrow(/seq.jsonl line 1 is not valid JSON/);
  });
});

describe('isWavFile', () => {
  it('takes a RIFF header or a .wav name as audio, so a broken .wav is refused as a WAV, not parsed as JSONL', () => {
    const text = new TextEncoder().encode('not a wav file');
    expect(isWavFile(text, 'speech.wav')).toBe(true);
    expect(isWavFile(text, 'SPEECH.WAVE')).toBe(true);
    expect(isWavFile(text, 'steps.jsonl')).toBe(false);
    expect(isWavFile(new TextEncoder().encode('RIFF....WAVE'), 'clip.bin')).toBe(true);
    expect(() => decodeWav(text)).toThrow(/not a WAV file/);
  });
});
