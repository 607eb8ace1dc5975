// A deterministic voice-like test signal for streaming models (no recording ships with the repo):
// bursts of a harmonic tone with a wandering pitch and breath noise, separated by near-silence.
import { mulberry32 } from '../stats/prng.ts';

/** `seconds` of audio at `rate` Hz in [-1, 1]: 0.4 s voiced bursts every 0.8 s, silence between. */
export function voiceLikeSignal(seconds: number, rate = 16000, seed = 1): Float32Array {
  const rnd = mulberry32(seed);
  const n = Math.round(seconds * rate);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const voiced = t % 0.8 < 0.4;
    const f0 = 120 + 30 * Math.sin(2 * Math.PI * 3 * t);
    phase += (2 * Math.PI * f0) / rate;
    let s = 0;
    if (voiced) for (let h = 1; h <= 8; h++) s += Math.sin(h * phase) / h;
    out[i] = (voiced ? 0.25 * s : 0) + (rnd() - 0.5) * (voiced ? 0.05 : 0.002);
  }
  return out;
}
