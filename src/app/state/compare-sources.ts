// Where the compare screen's samples come from: the bundled sample index, bundled or uploaded
// files (read with src/lib/compare), and image files decoded on a canvas for image models.
import { samplesFromFile, type CardHints, type LoadedSamples } from '../../lib/compare/load.ts';
import type { CompareSample } from '../../lib/compare/samples.ts';
import { imageToTensor } from '../../lib/preprocess/image.ts';
import { padColor, placement } from '../../lib/preprocess/resize.ts';
import { DataFormatError } from '../../lib/tensors/errors.ts';
import type { LoadedModel } from './model.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { sampleUrl, type SampleSetEntry } from './sample-index.ts';

export { loadSampleIndex as fetchSampleIndex, type SampleSetEntry } from './sample-index.ts';

/** Feature names and class names from the model's card, for reading tables. */
export function hintsOf(m: LoadedModel): CardHints {
  const hints: CardHints = {};
  if (m.card?.labels) hints.labels = m.card.labels;
  const f = m.card?.inputs?.[0]?.featureNames;
  if (f) hints.featureNames = f;
  return hints;
}

/** Decode an image and turn it into the model's input with the model's image spec. */
async function imageSample(blob: Blob, name: string, m: LoadedModel): Promise<CompareSample['inputs']> {
  const spec = loadSpec(m);
  let bmp: ImageBitmap;
  try {
    bmp = await createImageBitmap(blob);
  } catch {
    throw new DataFormatError(`"${name}" is not an image this browser can decode (PNG, JPEG, WebP, GIF work)`);
  }
  const canvas = new OffscreenCanvas(spec.width, spec.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const p = placement(bmp.width, bmp.height, spec.width, spec.height, spec.resize ?? 'stretch');
  // Only letterboxing leaves pixels uncovered; elsewhere the picture's own alpha stays as it was.
  if (p.dw < spec.width || p.dh < spec.height) {
    ctx.fillStyle = padColor(spec.padValue);
    ctx.fillRect(0, 0, spec.width, spec.height);
  }
  ctx.drawImage(bmp, p.sx, p.sy, p.sw, p.sh, p.dx, p.dy, p.dw, p.dh);
  bmp.close();
  const input = m.info.inputs[0]!.name;
  return { [input]: imageToTensor(ctx.getImageData(0, 0, spec.width, spec.height), spec) };
}

/** A class index from a file name ending in -<n> or _<n> (e.g. 007-7.png), when it names a class. */
export function labelFromName(name: string, labels: readonly string[] | undefined): number | undefined {
  const m = /[-_](\d+)\.[a-z0-9]+$/i.exec(name);
  const n = m ? Number(m[1]) : NaN;
  return labels && Number.isInteger(n) && n >= 0 && n < labels.length ? n : undefined;
}

const IMAGE = /\.(png|jpe?g|webp|gif|bmp)$/i;

/** Samples from uploaded files: image files (image models), or one table / JSONL file. */
export async function samplesFromUploads(files: File[], m: LoadedModel, onProgress: (done: number, total: number) => void): Promise<LoadedSamples> {
  if (files.length === 0) throw new DataFormatError('choose a samples file first');
  if (files.every((f) => IMAGE.test(f.name))) {
    const samples: CompareSample[] = [];
    for (const [i, f] of files.entries()) {
      const label = labelFromName(f.name, m.card?.labels);
      samples.push({ inputs: await imageSample(f, f.name, m), ...(label !== undefined ? { label } : {}) });
      onProgress(i + 1, files.length);
    }
    return { samples, description: `${files.length} image${files.length > 1 ? 's' : ''}` };
  }
  if (files.length > 1) throw new DataFormatError('choose one CSV/JSONL/Parquet file, or several image files');
  const f = files[0]!;
  return samplesFromFile(f.name, new Uint8Array(await f.arrayBuffer()), m.info, hintsOf(m));
}

/** Samples of a bundled set. */
export async function samplesFromBundled(entry: SampleSetEntry, m: LoadedModel, onProgress: (done: number, total: number) => void): Promise<LoadedSamples> {
  if (entry.kind === 'images') {
    const files = entry.files ?? [];
    const samples: CompareSample[] = [];
    for (const [i, f] of files.entries()) {
      const res = await fetch(sampleUrl(entry, f.file));
      if (!res.ok) throw new Error(`could not read ${f.file}: HTTP ${res.status}`);
      samples.push({ inputs: await imageSample(await res.blob(), f.file, m), ...(f.label !== undefined ? { label: f.label } : {}) });
      onProgress(i + 1, files.length);
    }
    return { samples, description: `${samples.length} bundled images` };
  }
  const res = await fetch(sampleUrl(entry));
  if (!res.ok) throw new Error(`could not read ${entry.file}: HTTP ${res.status}`);
  return samplesFromFile(entry.file, new Uint8Array(await res.arrayBuffer()), m.info, hintsOf(m));
}
