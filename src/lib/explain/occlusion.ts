// Occlusion saliency for image models (Zeiler & Fergus 2014): cover one square patch at a time
// with a fill value, see how much the explained output drops, and spread each drop over the pixels
// the patch covered. A pixel's heat is the mean drop of the patches covering it.
import { evaluateRows } from './evaluate.ts';
import { ExplainError, type EvalOptions, type PredictRows } from './types.ts';

export interface ImageLayout {
  width: number;
  height: number;
  channels: number;
  layout: 'NCHW' | 'NHWC';
}

export interface Patch {
  x: number;
  y: number;
  size: number;
}

export interface OcclusionOptions extends EvalOptions {
  /** Patch side in pixels (default: about a seventh of the shorter side, at least 2). */
  patch?: number;
  /** Step between patches in pixels (default: half the patch). */
  stride?: number;
  /** Value written over covered pixels, in model-input units (default 0: black for 0..1 inputs). */
  fill?: number;
}

export interface SaliencyMap {
  width: number;
  height: number;
  /** Row-major height×width: mean drop of the target output when the pixel is covered (positive = the pixel supports the answer). */
  heat: Float32Array;
  /** The target output on the uncovered image. */
  output: number;
  /** Largest |heat|, for colour scaling (0 when nothing mattered). */
  maxAbs: number;
  patches: number;
  evaluations: number;
}

/** Patch positions on a stride grid; the last row and column are pushed to the edge so all pixels are covered. */
export function patchGrid(width: number, height: number, size: number, stride: number): Patch[] {
  if (!(size >= 1 && stride >= 1)) throw new ExplainError(`occlusion patch and stride must be at least 1 pixel, got patch ${size}, stride ${stride}`);
  const s = Math.min(size, width, height);
  const starts = (n: number) => {
    const out: number[] = [];
    for (let p = 0; p + s < n; p += stride) out.push(p);
    out.push(n - s);
    return [...new Set(out)];
  };
  const ys = starts(height);
  return starts(width).flatMap((x) => ys.map((y) => ({ x, y, size: s }))).sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Flat index of pixel (x, y) in channel c. */
function at(img: ImageLayout, x: number, y: number, c: number): number {
  return img.layout === 'NCHW' ? (c * img.height + y) * img.width + x : (y * img.width + x) * img.channels + c;
}

/** A copy of `input` with `patch` set to `fill` in every channel. */
export function occlude(input: Float32Array, img: ImageLayout, patch: Patch, fill: number): Float32Array {
  const out = Float32Array.from(input);
  for (let y = patch.y; y < patch.y + patch.size; y++) {
    for (let x = patch.x; x < patch.x + patch.size; x++) {
      for (let c = 0; c < img.channels; c++) out[at(img, x, y, c)] = fill;
    }
  }
  return out;
}

/** Per pixel, the mean of `drops[k]` over the patches k that cover it. */
export function heatFromDrops(width: number, height: number, patches: readonly Patch[], drops: ArrayLike<number>): Float32Array {
  const sum = new Float64Array(width * height);
  const count = new Uint32Array(width * height);
  patches.forEach((p, k) => {
    for (let y = p.y; y < p.y + p.size; y++) {
      for (let x = p.x; x < p.x + p.size; x++) {
        sum[y * width + x]! += drops[k]!;
        count[y * width + x]!++;
      }
    }
  });
  return Float32Array.from(sum, (s, i) => (count[i] ? s / count[i]! : 0));
}

/** The occlusion map of `input` (one image, flat) for output `opts.target`. */
/** Model runs an occlusion map takes: one per patch plus the uncovered image (the patch side
 * defaults to a seventh of the shorter side, so the grid scales with the input). */
export function occlusionRuns(img: Pick<ImageLayout, 'width' | 'height'>, opts: Pick<OcclusionOptions, 'patch' | 'stride'> = {}): number {
  const size = opts.patch ?? Math.max(2, Math.round(Math.min(img.width, img.height) / 7));
  return patchGrid(img.width, img.height, size, opts.stride ?? Math.max(1, Math.floor(size / 2))).length + 1;
}

export async function occlusionMap(input: Float32Array, img: ImageLayout, predict: PredictRows, opts: OcclusionOptions): Promise<SaliencyMap> {
  const { width, height, channels } = img;
  if (input.length !== width * height * channels) {
    throw new ExplainError(`the image has ${input.length} values; ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
  const size = opts.patch ?? Math.max(2, Math.round(Math.min(width, height) / 7));
  const patches = patchGrid(width, height, size, opts.stride ?? Math.max(1, Math.floor(size / 2)));
  const rows = [input, ...patches.map((p) => occlude(input, img, p, opts.fill ?? 0))];
  const out = await evaluateRows(rows, predict, opts);
  const output = out[0]!;
  const drops = Float64Array.from(patches, (_, k) => output - out[k + 1]!);
  const heat = heatFromDrops(width, height, patches, drops);
  const maxAbs = heat.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { width, height, heat, output, maxAbs, patches: patches.length, evaluations: rows.length };
}
