// Image sets in the data worker: decode with createImageBitmap + OffscreenCanvas, per-image
// statistics (size, brightness, contrast, channel means) as a table, and model input tensors.
import { imageStats, imageToTensor, type ImageSpec, type Rgba } from '../lib/preprocess/image.ts';
import { padColor, placement } from '../lib/preprocess/resize.ts';
import { ColumnBuilder } from '../lib/data/column-builder.ts';
import { DataFormatError, throwIfAborted, type Table } from '../lib/data/table.ts';
import type { PlainTensor } from '../lib/tensors/types.ts';
import type { ImageItem } from './data-protocol.ts';

async function blobOf(item: ImageItem): Promise<Blob> {
  if (item.blob) return item.blob;
  if (!item.url) throw new DataFormatError(`image "${item.name}" has neither a file nor a URL`);
  const res = await fetch(item.url);
  if (!res.ok) throw new DataFormatError(`could not read image ${item.name}: HTTP ${res.status}`);
  return res.blob();
}

/** RGBA pixels of one image, optionally resized to width × height (stretched, padded or cropped as the spec says). */
export async function decodeImage(item: ImageItem, size?: Pick<ImageSpec, 'width' | 'height' | 'resize' | 'padValue'>): Promise<Rgba> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new DataFormatError('this environment cannot decode images (needs createImageBitmap and OffscreenCanvas)');
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(await blobOf(item));
  } catch {
    throw new DataFormatError(`"${item.name}" is not an image this browser can decode (PNG, JPEG, WebP, GIF, BMP are)`);
  }
  const width = size?.width ?? bitmap.width;
  const height = size?.height ?? bitmap.height;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const p = placement(bitmap.width, bitmap.height, width, height, size?.resize ?? 'stretch');
  // Only letterboxing leaves pixels uncovered; elsewhere the picture's own alpha stays as it was.
  if (p.dw < width || p.dh < height) {
    ctx.fillStyle = padColor(size?.padValue);
    ctx.fillRect(0, 0, width, height);
  }
  ctx.drawImage(bitmap, p.sx, p.sy, p.sw, p.sh, p.dx, p.dy, p.dw, p.dh);
  bitmap.close();
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

const STAT_COLUMNS = ['width', 'height', 'brightness', 'contrast', 'meanR', 'meanG', 'meanB'] as const;

/** One row per image: the statistics of imageStats, plus label/labelName when the items carry them. */
export async function imageTable(items: ImageItem[], signal: AbortSignal, onProgress: (done: number) => void): Promise<Table> {
  if (!items.length) throw new DataFormatError('the image set is empty: choose one or more image files');
  const cols = STAT_COLUMNS.map((n) => new ColumnBuilder(n));
  const label = new ColumnBuilder('label');
  const labelName = new ColumnBuilder('labelName');
  for (let i = 0; i < items.length; i++) {
    throwIfAborted(signal);
    const s = imageStats(await decodeImage(items[i]));
    STAT_COLUMNS.forEach((k, j) => cols[j].pushValue(s[k]));
    label.pushValue(items[i].label ?? null);
    labelName.pushValue(items[i].labelName ?? null);
    onProgress(i + 1);
  }
  const extra = [
    ...(items.some((x) => x.label !== undefined) ? [label.finish()] : []),
    ...(items.some((x) => x.labelName !== undefined) ? [labelName.finish()] : []),
  ];
  return { columns: [...cols.map((c) => c.finish()), ...extra], rowCount: items.length };
}

/** Model input batches for an image set: each image resized to the spec and stacked along dim 0. */
export async function imageBatches(items: ImageItem[], spec: ImageSpec, batch: number, signal: AbortSignal): Promise<PlainTensor[]> {
  const out: PlainTensor[] = [];
  for (let start = 0; start < items.length; start += batch) {
    const n = Math.min(batch, items.length - start);
    let data: Float32Array | null = null;
    let dims: number[] = [];
    for (let k = 0; k < n; k++) {
      throwIfAborted(signal);
      const t = imageToTensor(await decodeImage(items[start + k], spec), spec);
      const per = t.data.length;
      data ??= new Float32Array(per * n);
      data.set(t.data as Float32Array, k * per);
      dims = [n, ...t.dims.slice(1)];
    }
    out.push({ type: 'float32', dims, data: data! });
  }
  return out;
}
