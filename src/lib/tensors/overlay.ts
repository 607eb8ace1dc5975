// A mask or map output laid over the picture the model saw: the picture scaled to the mask's size,
// tinted where the mask is high. Pure pixels, so the page only puts the result on a canvas.
import { resizeRgba } from '../preprocess/resize.ts';

/** RGB of the tint (a strong orange, readable over photos and over black). */
export const OVERLAY_TINT: readonly [number, number, number] = [255, 120, 0];

/**
 * RGBA pixels (width × height of the mask) of `base` with the mask over it. Mask values are mapped
 * to 0..1 by (v − min) / (max − min) (a constant mask is 0; NaN counts as 0); each pixel is
 * base × (1 − a) + tint × a with a = opacity × value, opacity clamped to 0..1.
 */
export function overlayMask(
  base: { width: number; height: number; data: ArrayLike<number> },
  mask: { width: number; height: number; data: ArrayLike<number>; min: number; max: number },
  opacity: number,
  tint: readonly [number, number, number] = OVERLAY_TINT,
): Uint8ClampedArray {
  const { width, height } = mask;
  const px = base.width === width && base.height === height ? base.data : resizeRgba(base, width, height, 'stretch').data;
  const span = mask.max > mask.min ? mask.max - mask.min : 0;
  const alpha = Math.min(1, Math.max(0, Number.isFinite(opacity) ? opacity : 0));
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const raw = span ? (Number(mask.data[i]) - mask.min) / span : 0;
    const a = alpha * (Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(Number(px[i * 4 + c]) * (1 - a) + tint[c]! * a);
    out[i * 4 + 3] = 255;
  }
  return out;
}
