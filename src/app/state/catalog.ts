// The bundled demo catalogue (public/models/index.json) and model cards, as typed data.
import type { ImageSpec } from '../../lib/preprocess/image.ts';

export interface CatalogEntry {
  id: string;
  name: string;
  task: string;
  file: string;
  card: string;
  bytes: number;
  sha256?: string;
  /** A Hugging Face-style folder (model.onnx, tokenizer.json, config.json…) relative to the index. */
  folder?: string;
}

export interface CardInput {
  name: string;
  dims: (number | string)[];
  dtype: string;
  featureNames?: string[];
  features?: { name: string; min?: number; max?: number; mean?: number; unit?: string; description?: string }[];
  /** An image spec for image models; a free-text note (e.g. "none") otherwise. */
  preprocessing?: (ImageSpec & { note?: string }) | string;
  units?: Record<string, string>;
}

/** A model card as the training scripts write it (all fields optional for user-supplied cards). */
export interface ModelCard {
  id?: string;
  name?: string;
  description?: string;
  task?: string;
  labels?: string[];
  heldoutAccuracy?: number;
  trainCount?: number;
  heldoutCount?: number;
  split?: string;
  source?: { package?: string; files?: string; licence?: string; rows?: number };
  inputs?: CardInput[];
  outputs?: { name: string; dims: (number | string)[]; dtype: string; meaning?: string }[];
  intendedUse?: string;
  limitations?: string[] | string;
  training?: { script?: string; command?: string };
  [key: string]: unknown;
}

const base = import.meta.env.BASE_URL;

export async function fetchCatalog(): Promise<CatalogEntry[]> {
  const res = await fetch(`${base}models/index.json`);
  if (!res.ok) throw new Error(`could not read the demo catalogue: HTTP ${res.status}`);
  return ((await res.json()) as { models: CatalogEntry[] }).models;
}

export async function fetchCard(entry: CatalogEntry): Promise<ModelCard> {
  const res = await fetch(`${base}models/${entry.card}`);
  if (!res.ok) throw new Error(`could not read the card of ${entry.name}: HTTP ${res.status}`);
  return (await res.json()) as ModelCard;
}

export function modelUrl(entry: CatalogEntry): string {
  return `${base}models/${entry.file}`;
}
