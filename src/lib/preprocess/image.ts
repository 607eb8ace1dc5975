// Image preprocessing as a pure function: RGBA pixels (already resized by the caller's canvas) to
// a model input tensor, following a spec stored with the model (layout, channels, scale, mean/std).
import type { PlainTensor } from '../tensors/types.ts';
import type { ResizeMode } from './resize.ts';

/** RGBA pixels, row-major, 4 bytes a pixel (the layout of ImageData). */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export interface ImageSpec {
  width: number;
  height: number;
  layout: 'NCHW' | 'NHWC';
  channels: 'grayscale' | 'rgb' | 'bgr';
  /** Multiplier applied to 0..255 values before mean/std (1/255 maps to 0..1). */
  scale: number;
  /** Per channel (one value for grayscale); applied as (v * scale - mean) / std. */
  mean: number[];
  std: number[];
  /** Invert intensities first (dark ink on a light page → light on dark, as MNIST is). */
  invert?: boolean;
  /** MNIST-style framing: crop the ink, fit it in a 20/28 box, centre by centre of mass. */
  fitDigit?: boolean;
  /** How a picture of another aspect fits width × height (default stretch); see resize.ts. */
  resize?: ResizeMode;
  /** Gray level 0..255 of the padding in 'pad' mode (before scale/mean/std; default 0). */
  padValue?: number;
}

export const DEFAULT_IMAGE_SPEC: ImageSpec = {
  width: 224, height: 224, layout: 'NCHW', channels: 'rgb', scale: 1 / 255,
  mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225],
};

/** Rec. 601 luma, as PIL's convert('L') computes it. */
function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/** Convert RGBA pixels of exactly spec.width × spec.height to a [1, C, H, W] or [1, H, W, C] float32 tensor. */
export function imageToTensor(img: Rgba, spec: ImageSpec): PlainTensor {
  if (img.width !== spec.width || img.height !== spec.height) {
    throw new RangeError(`image is ${img.width}×${img.height}, the spec expects ${spec.width}×${spec.height}; resize first`);
  }
  const c = spec.channels === 'grayscale' ? 1 : 3;
  const n = spec.width * spec.height;
  const out = new Float32Array(n * c);
  const mean = (k: number) => spec.mean[k] ?? spec.mean[0] ?? 0;
  const std = (k: number) => spec.std[k] ?? spec.std[0] ?? 1;
  for (let p = 0; p < n; p++) {
    const r = img.data[p * 4]!, g = img.data[p * 4 + 1]!, b = img.data[p * 4 + 2]!;
    const vals = c === 1 ? [luma(r, g, b)] : spec.channels === 'bgr' ? [b, g, r] : [r, g, b];
    for (let k = 0; k < c; k++) {
      const v = spec.invert ? 255 - vals[k]! : vals[k]!;
      const idx = spec.layout === 'NCHW' ? k * n + p : p * c + k;
      out[idx] = (v * spec.scale - mean(k)) / std(k);
    }
  }
  const dims = spec.layout === 'NCHW' ? [1, c, spec.height, spec.width] : [1, spec.height, spec.width, c];
  return { type: 'float32', dims, data: out };
}

/** Per-image statistics used for image drift and for the preview: size, brightness, contrast, channel means. */
export function imageStats(img: Rgba): { width: number; height: number; brightness: number; contrast: number; meanR: number; meanG: number; meanB: number } {
  const n = img.width * img.height;
  let s = 0, s2 = 0, r = 0, g = 0, b = 0;
  for (let p = 0; p < n; p++) {
    const R = img.data[p * 4]!, G = img.data[p * 4 + 1]!, B = img.data[p * 4 + 2]!;
    const y = luma(R, G, B);
    s += y; s2 += y * y; r += R; g += G; b += B;
  }
  const mean = n ? s / n : 0;
  return {
    width: img.width, height: img.height, brightness: mean,
    contrast: n ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : 0,
    meanR: n ? r / n : 0, meanG: n ? g / n : 0, meanB: n ? b / n : 0,
  };
}

/**
 * MNIST framing for a drawn digit, on a grayscale ink map (0 = background, 255 = ink) of any size:
 * crop to the ink's bounding box, scale it to fit a 20×20 box (keeping aspect), and place it in a
 * 28×28 frame so its centre of mass is at the centre — how the MNIST digits were prepared.
 * Returns 28×28 intensities 0..255, or all zeros when there is no ink.
 */
export function frameDigit(ink: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(28 * 28);
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 20) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const s = 20 / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * s)), th = Math.max(1, Math.round(bh * s));
  // Area-average downsampling into a tw × th box.
  const box = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    const sy0 = y0 + (ty * bh) / th, sy1 = y0 + ((ty + 1) * bh) / th;
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = x0 + (tx * bw) / tw, sx1 = x0 + ((tx + 1) * bw) / tw;
      let acc = 0, area = 0;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++) {
        const wy = Math.min(y + 1, sy1) - Math.max(y, sy0);
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
          const wx = Math.min(x + 1, sx1) - Math.max(x, sx0);
          acc += ink[y * width + x]! * wx * wy;
          area += wx * wy;
        }
      }
      box[ty * tw + tx] = area > 0 ? acc / area : 0;
    }
  }
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) { const v = box[y * tw + x]!; m += v; mx += v * x; my += v * y; }
  const cx = m > 0 ? mx / m : (tw - 1) / 2, cy = m > 0 ? my / m : (th - 1) / 2;
  const offX = Math.round(13.5 - cx), offY = Math.round(13.5 - cy);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const X = x + offX, Y = y + offY;
      if (X >= 0 && X < 28 && Y >= 0 && Y < 28) out[Y * 28 + X] = Math.min(255, box[y * tw + x]!);
    }
  }
  return out;
}
