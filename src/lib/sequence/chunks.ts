// A long signal cut into the chunks a streaming model takes per step: an audio file (WAV) into
// fixed-size frames shaped like the model's input, or a JSONL file whose lines are the steps.
import type { PlainTensor, TensorMap } from '../tensors/types.ts';
import { DataFormatError } from '../tensors/errors.ts';
import { parseSampleLines } from '../samples/jsonl.ts';

/** Decoded audio: mono samples in [-1, 1] and the file's rate (Hz). */
export interface Audio {
  samples: Float32Array;
  sampleRate: number;
}

/**
 * Whether a sequence file is audio: a RIFF header, or a name ending in .wav/.wave (so a broken .wav is
 * refused as a WAV, naming the missing header, not read as JSONL). Anything else is JSONL steps.
 */
export function isWavFile(bytes: Uint8Array, name: string): boolean {
  return (bytes.length >= 4 && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === 'RIFF') || /\.wave?$/i.test(name);
}

/**
 * Decode a RIFF/WAVE file: PCM 8/16/24/32-bit or IEEE float 32/64, any channel count (averaged to mono).
 * @throws DataFormatError naming what is wrong (not RIFF, no fmt/data chunk, an unsupported encoding).
 */
export function decodeWav(bytes: Uint8Array): Audio {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new DataFormatError('not a WAV file (no RIFF/WAVE header); give a .wav or a JSONL of OIP requests');
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
  let data: [number, number] | null = null;
  for (let o = 12; o + 8 <= bytes.length;) {
    const id = tag(o);
    const size = v.getUint32(o + 4, true);
    if (id === 'fmt ') {
      let format = v.getUint16(o + 8, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in its sub-format GUID's first two bytes.
      if (format === 0xfffe && size >= 26) format = v.getUint16(o + 32, true);
      fmt = { format, channels: v.getUint16(o + 10, true), rate: v.getUint32(o + 12, true), bits: v.getUint16(o + 22, true) };
    } else if (id === 'data') {
      data = [o + 8, Math.min(size, bytes.length - o - 8)];
    }
    o += 8 + size + (size & 1);
  }
  if (!fmt) throw new DataFormatError('the WAV file has no "fmt " chunk');
  if (!data) throw new DataFormatError('the WAV file has no "data" chunk');
  const { format, channels, bits, rate } = fmt;
  const width = bits / 8;
  const ok = (format === 1 && [8, 16, 24, 32].includes(bits)) || (format === 3 && (bits === 32 || bits === 64));
  if (!ok || channels < 1) throw new DataFormatError(`unsupported WAV encoding (format ${format}, ${bits}-bit, ${channels} channels); use PCM 16-bit or float 32`);
  const frames = Math.floor(data[1] / (width * channels));
  const out = new Float32Array(frames);
  const read = (o: number): number => {
    if (format === 3) return bits === 32 ? v.getFloat32(o, true) : v.getFloat64(o, true);
    if (bits === 8) return (v.getUint8(o) - 128) / 128;
    if (bits === 16) return v.getInt16(o, true) / 32768;
    if (bits === 24) return ((v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16))) / 8388608;
    return v.getInt32(o, true) / 2147483648;
  };
  for (let f = 0; f < frames; f++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += read(data[0] + (f * channels + c) * width);
    out[f] = s / channels;
  }
  return { samples: out, sampleRate: rate };
}

/** A 16-bit PCM mono WAV of `samples` (clipped to [-1, 1]): for tests and saved recordings. */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const buf = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(buf);
  const put = (o: number, s: string) => { for (let i = 0; i < 4; i++) v.setUint8(o + i, s.charCodeAt(i)); };
  put(0, 'RIFF'); v.setUint32(4, 36 + samples.length * 2, true); put(8, 'WAVE');
  put(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true); v.setUint32(28, sampleRate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  put(36, 'data'); v.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => v.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return new Uint8Array(buf);
}

/**
 * Cut `samples` into steps of the stream input's shape (its element count per step, e.g. [1, 512]);
 * the last partial chunk is zero-padded. Caps at `maxSteps` (the rest is dropped, counted in `dropped`).
 * @throws DataFormatError for an empty signal.
 */
export function chunkSignal(samples: Float32Array, input: string, dims: readonly number[], maxSteps = 10_000): { steps: TensorMap[]; dropped: number } {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size < 1) throw new DataFormatError(`input "${input}" at [${dims.join(', ')}] takes no samples per step`);
  if (samples.length === 0) throw new DataFormatError('the audio holds no samples');
  const total = Math.ceil(samples.length / size);
  const n = Math.min(total, maxSteps);
  const steps: TensorMap[] = [];
  for (let i = 0; i < n; i++) {
    const data = new Float32Array(size);
    data.set(samples.subarray(i * size, Math.min(samples.length, (i + 1) * size)));
    const t: PlainTensor = { type: 'float32', dims: [...dims], data };
    steps.push({ [input]: t });
  }
  return { steps, dropped: total - n };
}

/** Steps from JSONL: one OIP request per line, each giving that step's inputs (others stay fixed). */
export function jsonlSteps(text: string, source = 'sequence'): TensorMap[] {
  return parseSampleLines(text, { source }).map((s) => s.inputs);
}
