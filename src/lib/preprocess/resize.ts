// How a picture is fitted into a model's input size: stretched, kept at its aspect and padded
// (letterbox), or cropped around its centre. Pure geometry: callers draw with the rectangles
// (canvas drawImage's 9-argument form), so the browser's resampling stays the same in all modes.

/** stretch: fill the input, distorting the aspect; pad: fit inside and pad the rest; crop: fill and cut the overflow. */
export type ResizeMode = 'stretch' | 'pad' | 'crop';

export const RESIZE_MODES: readonly ResizeMode[] = ['stretch', 'pad', 'crop'];

/** Source rectangle (sx, sy, sw, sh) drawn into destination rectangle (dx, dy, dw, dh); all in pixels. */
export interface Placement {
  sx: number; sy: number; sw: number; sh: number;
  dx: number; dy: number; dw: number; dh: number;
}

export class ResizeError extends Error {
  override name = 'ResizeError';
}

const positive = (what: string, v: number) => {
  if (!Number.isFinite(v) || v <= 0) throw new ResizeError(`${what} must be a positive number of pixels, got ${v}`);
};

/**
 * Where a srcW × srcH picture goes in a dstW × dstH input.
 * - pad: scaled by min(dstW/srcW, dstH/srcH); the scaled side is rounded to whole pixels (at least 1)
 *   and centred, the odd pixel of padding going to the right/bottom (as PIL's ImageOps.pad with
 *   centering 0.5 when the padding is even; it rounds half to even otherwise).
 * - crop: scaled by max(…); the source window is the centred dstW/scale × dstH/scale part (fractional
 *   pixels allowed: drawImage samples them), as ImageOps.fit with centering 0.5.
 */
export function placement(srcW: number, srcH: number, dstW: number, dstH: number, mode: ResizeMode): Placement {
  positive('source width', srcW); positive('source height', srcH);
  positive('input width', dstW); positive('input height', dstH);
  const whole = { sx: 0, sy: 0, sw: srcW, sh: srcH, dx: 0, dy: 0, dw: dstW, dh: dstH };
  if (mode === 'stretch') return whole;
  if (mode === 'pad') {
    const s = Math.min(dstW / srcW, dstH / srcH);
    const dw = Math.min(dstW, Math.max(1, Math.round(srcW * s)));
    const dh = Math.min(dstH, Math.max(1, Math.round(srcH * s)));
    return { ...whole, dx: Math.floor((dstW - dw) / 2), dy: Math.floor((dstH - dh) / 2), dw, dh };
  }
  if (mode === 'crop') {
    const s = Math.max(dstW / srcW, dstH / srcH);
    const sw = Math.min(srcW, dstW / s), sh = Math.min(srcH, dstH / s);
    return { ...whole, sx: (srcW - sw) / 2, sy: (srcH - sh) / 2, sw, sh };
  }
  throw new ResizeError(`unknown resize mode "${String(mode)}": use ${RESIZE_MODES.join(', ')}`);
}

/** The canvas fill for the padding: a gray level 0..255 (clamped), as a CSS colour. */
export function padColor(value: number | undefined): string {
  const v = Math.round(Math.min(255, Math.max(0, Number.isFinite(value) ? value! : 0)));
  return `rgb(${v}, ${v}, ${v})`;
}

/**
 * Nearest-neighbour reference of the whole operation on RGBA pixels (what the canvas does, minus its
 * smoothing): used by the unit tests and anywhere without a canvas. Padding is gray `pad`, alpha 255.
 */
export function resizeRgba(src: { width: number; height: number; data: ArrayLike<number> }, dstW: number, dstH: number, mode: ResizeMode, pad = 0): { width: number; height: number; data: Uint8ClampedArray } {
  const p = placement(src.width, src.height, dstW, dstH, mode);
  const out = new Uint8ClampedArray(dstW * dstH * 4);
  const g = Math.round(Math.min(255, Math.max(0, pad)));
  for (let y = 0; y < dstH; y++) {
    for (let x = 0; x < dstW; x++) {
      const o = (y * dstW + x) * 4;
      const inside = x >= p.dx && x < p.dx + p.dw && y >= p.dy && y < p.dy + p.dh;
      if (!inside) {
        out.set([g, g, g, 255], o);
        continue;
      }
      // Sample at the destination pixel's centre, mapped back into the source window.
      const sx = Math.min(src.width - 1, Math.floor(p.sx + ((x - p.dx + 0.5) * p.sw) / p.dw));
      const sy = Math.min(src.height - 1, Math.floor(p.sy + ((y - p.dy + 0.5) * p.sh) / p.dh));
      const i = (sy * src.width + sx) * 4;
      for (let k = 0; k < 4; k++) out[o + k] = src.data[i + k]!;
    }
  }
  return { width: dstW, height: dstH, data: out };
}
