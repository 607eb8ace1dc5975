// Where the compare screen's samples come from: the bundled sample index, bundled or uploaded
// files (read with src/lib/compare), image files decoded on a canvas at the shape editor's size,
// and text files (a text column) tokenized in the engine worker at the shape editor's sequence length.
import { samplesFromFile, type CardHints, type LoadedSamples } from '../../lib/compare/load.ts';
import type { CompareSample } from '../../lib/compare/samples.ts';
import { imageToTensor } from '../../lib/preprocess/image.ts';
import { padColor, placement } from '../../lib/preprocess/resize.ts';
import { DataFormatError } from '../../lib/tensors/errors.ts';
import type { LoadedModel } from './model.svelte.ts';
import { loadSpec } from './image-spec.ts';
import { sampleUrl, type SampleSetEntry } from './sample-index.ts';
import { shapes } from './shapes.svelte.ts';
import { readTextSamples } from '../../lib/compare/text-samples.ts';
import { engine } from './engine.svelte.ts';
import { modelCard } from './model-card.svelte.ts';

export { loadSampleIndex as fetchSampleIndex, type SampleSetEntry } from './sample-index.ts';

/** The class names of the card as edited on this device (the bundled card's when unedited), or undefined. */
const cardLabels = (): string[] | undefined => (modelCard.labels.length ? modelCard.labels : undefined);

/** Feature names and class names from the model's card, for reading tables. */
export function hintsOf(m: LoadedModel): CardHints {
  const hints: CardHints = {};
  const labels = cardLabels();
  if (labels) hints.labels = labels;
  const f = m.card?.inputs?.[0]?.featureNames;
  if (f) hints.featureNames = f;
  return hints;
}

/** Decode an image and turn it into the model's input with the model's image spec. */
async function imageSample(blob: Blob, name: string, m: LoadedModel): Promise<CompareSample['inputs']> {
  const input = m.info.inputs[0]!.name;
  // The size set in the shape editor wins over the preprocessing's: one shape per model.
  const spec = { ...loadSpec(m), ...(shapes.imageSize(input) ?? {}) };
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
  return { [input]: imageToTensor(ctx.getImageData(0, 0, spec.width, spec.height), spec) };
}

/** A class index from a file name ending in -<n> or _<n> (e.g. 007-7.png), when it names a class. */
export function labelFromName(name: string, labels: readonly string[] | undefined): number | undefined {
  const m = /[-_](\d+)\.[a-z0-9]+$/i.exec(name);
  const n = m ? Number(m[1]) : NaN;
  return labels && Number.isInteger(n) && n >= 0 && n < labels.length ? n : undefined;
}

const IMAGE = /\.(png|jpe?g|webp|gif|bmp)$/i;

/**
 * A text model's samples: the file's text column, tokenized in the engine worker into [1, L]
 * token inputs, L the shape editor's sequence length. Each sample keeps its text (a server may take it).
 */
export async function textSamples(fileName: string, bytes: Uint8Array, m: LoadedModel, sessionId: string, column?: string): Promise<LoadedSamples> {
  const text = m.text!;
  const read = readTextSamples(fileName, bytes, { labels: text.folder.config.labels, ...(column ? { column } : {}) });
  const first = m.info.inputs[0]!.name;
  const sequence = shapes.shapes[first]?.[1];
  const { feeds, truncated } = await engine.client.encodeTexts(sessionId, text.tokenizer.tokenizerId, read.samples.map((s) => s.text), sequence);
  const samples: CompareSample[] = read.samples.map((s, i) => ({ ...s, inputs: feeds[i]! }));
  const cut = truncated ? `; ${truncated} text${truncated > 1 ? 's' : ''} cut to ${sequence ?? text.folder.config.maxLength} tokens` : '';
  return { samples, description: `${read.description}, tokenized to ${sequence ?? 'its own length'} tokens${cut}` };
}

/** Samples from uploaded files: image files (image models), one text file (text models), or one table / JSONL file. */
export async function samplesFromUploads(files: File[], m: LoadedModel, onProgress: (done: number, total: number) => void, sessionId = ''): Promise<LoadedSamples> {
  if (files.length === 0) throw new DataFormatError('choose a samples file first');
  if (m.text) {
    if (files.length > 1) throw new DataFormatError('choose one JSONL or CSV file of texts');
    return textSamples(files[0]!.name, new Uint8Array(await files[0]!.arrayBuffer()), m, sessionId);
  }
  if (files.every((f) => IMAGE.test(f.name))) {
    const samples: CompareSample[] = [];
    for (const [i, f] of files.entries()) {
      const label = labelFromName(f.name, cardLabels());
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
export async function samplesFromBundled(entry: SampleSetEntry, m: LoadedModel, onProgress: (done: number, total: number) => void, sessionId = ''): Promise<LoadedSamples> {
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
  if (m.text) return textSamples(entry.file, new Uint8Array(await res.arrayBuffer()), m, sessionId, entry.textColumn);
  return samplesFromFile(entry.file, new Uint8Array(await res.arrayBuffer()), m.info, hintsOf(m));
}
