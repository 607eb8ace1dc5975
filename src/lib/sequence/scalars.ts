// Scalar inputs (rank 0, or one element like a [1]-shaped sample rate) get a value field rather than
// a generated tensor; a hint for that value comes from the model's metadata_props, its doc_string, or
// the input's name (sr → 16000 Hz), in that order of trust.
import type { Dim, PlainTensor } from '../tensors/types.ts';
import { float16BitsToFloat32 as fromHalf, float32ToFloat16Bits as toHalf } from '../tensors/float16.ts';

/** What the scalar rule needs to know about a declared input. */
export interface ScalarCandidate {
  name: string;
  type: string;
  dims: readonly Dim[] | null;
}

/** A suggested value and where it came from (shown beside the field). */
export interface ScalarHint {
  value: number;
  source: 'metadata' | 'doc' | 'name';
  /** Human words for the source, e.g. `metadata "sample_rate"`. */
  note: string;
}

const NUMERIC = new Set(['float32', 'float64', 'float16', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']);
const RATE_NAME = /^(?:sr|fs|sample_?rate|sampling_?rate|samplerate|audio_?sample_?rate)$/i;
const RATE_KEY = /^(?:sr|fs|sample_?rate|sampling_?rate|samplerate|audio_?sample_?rate|rate)$/i;
/** "16000 Hz", "16 kHz", "sample rate 16000", "sampling_rate=8000", "sr: 16000". */
const RATE_DOC = [
  /(?:sample|sampling)[\s_-]*rate\D{0,12}?(\d{4,6})/i,
  /\bsr\s*[=:]\s*(\d{4,6})/i,
  /(\d{4,6})\s*hz\b/i,
  /(\d{1,3}(?:\.\d+)?)\s*khz\b/i,
];
/** The sample rates speech models use: a doc number outside them is not taken as a rate. */
const PLAUSIBLE_RATE = (v: number) => v >= 4000 && v <= 192000;
/** The rate a model named only `sr` most often expects (speech: Silero VAD, Whisper, wav2vec2). */
export const DEFAULT_SPEECH_RATE = 16000;

/** True for an input that holds one number: rank 0, or every dim fixed at 1, of a numeric type. */
export function isScalarInput(v: ScalarCandidate): boolean {
  if (!NUMERIC.has(v.type) || !v.dims) return false;
  return v.dims.length === 0 || (v.dims.length === 1 && v.dims[0] === 1);
}

/**
 * A hint for a scalar input's value, or null when nothing tells one. Only sample-rate–like inputs
 * get one: by name (sr, fs, sample_rate…), the model's metadata (a key naming a rate, or a key named
 * like the input), its doc_string ("16 kHz", "sample rate 16000"), else 16000 for the name alone.
 */
export function scalarHint(input: ScalarCandidate, model: { metadata?: Readonly<Record<string, string>>; docString?: string }): ScalarHint | null {
  if (!isScalarInput(input)) return null;
  const meta = model.metadata ?? {};
  // A metadata key named exactly like the input is the exporter saying its value.
  for (const [k, raw] of Object.entries(meta)) {
    const v = Number(raw.trim());
    if (k === input.name && Number.isFinite(v)) return { value: v, source: 'metadata', note: `metadata "${k}"` };
  }
  if (!RATE_NAME.test(input.name)) return null;
  for (const [k, raw] of Object.entries(meta)) {
    const v = Number(raw.trim());
    if (RATE_KEY.test(k) && PLAUSIBLE_RATE(v)) return { value: v, source: 'metadata', note: `metadata "${k}"` };
  }
  const doc = model.docString ?? '';
  for (const re of RATE_DOC) {
    const m = re.exec(doc);
    if (!m) continue;
    const v = re === RATE_DOC[3] ? Math.round(Number(m[1]) * 1000) : Number(m[1]);
    if (PLAUSIBLE_RATE(v)) return { value: v, source: 'doc', note: `doc string "${m[0].trim()}"` };
  }
  return { value: DEFAULT_SPEECH_RATE, source: 'name', note: `input named "${input.name}": a sample rate, ${DEFAULT_SPEECH_RATE} Hz for speech` };
}

/** A one-number tensor of the input's type and dims (rank 0 or [1]) holding `value`. */
export function scalarTensor(type: string, dims: readonly number[], value: number): PlainTensor {
  const n = Math.max(1, dims.reduce((a, b) => a * b, 1));
  const fill = <T extends { fill(v: never): unknown }>(a: T, v: unknown) => (a.fill(v as never), a);
  const data =
    type === 'int64' ? fill(new BigInt64Array(n), BigInt(Math.trunc(value)))
    : type === 'uint64' ? fill(new BigUint64Array(n), BigInt(Math.max(0, Math.trunc(value))))
    : type === 'float64' ? fill(new Float64Array(n), value)
    : type === 'int32' ? fill(new Int32Array(n), value)
    : type === 'int16' ? fill(new Int16Array(n), value)
    : type === 'int8' ? fill(new Int8Array(n), value)
    : type === 'uint8' ? fill(new Uint8Array(n), value)
    : type === 'uint16' ? fill(new Uint16Array(n), value)
    : type === 'uint32' ? fill(new Uint32Array(n), value)
    : type === 'float16' ? fill(new Uint16Array(n), toHalf(value))
    : fill(new Float32Array(n), value);
  return { type: type as PlainTensor['type'], dims: [...dims], data };
}

/** The number a scalar tensor holds (its first element). */
export function scalarValue(t: PlainTensor): number {
  const v = t.type === 'float16' ? fromHalf((t.data as Uint16Array)[0] ?? 0) : t.data[0];
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
}
