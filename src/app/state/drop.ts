// What a drop (or pick) of files on one side of the drift screen reads: all images make an image
// set; otherwise the first data file is read and the others are named in a note, never ignored silently.
import type { DataSource } from '../../workers/data-protocol.ts';

const IMAGE_RE = /\.(png|jpe?g|webp|gif|bmp|avif)$/i;

/** The source to read and, when files are left out, a sentence naming them. */
export function readDrop(files: File[]): { source: DataSource | null; note: string | null } {
  if (!files.length) return { source: null, note: null };
  const isImage = (f: File) => IMAGE_RE.test(f.name) || f.type.startsWith('image/');
  if (files.every(isImage)) {
    return { source: { kind: 'images', items: files.map((f) => ({ name: f.name, blob: f })), name: files.length === 1 ? files[0].name : `${files.length} images` }, note: null };
  }
  const first = files.find((f) => !isImage(f))!;
  const rest = files.filter((f) => f !== first);
  const note = rest.length
    ? `Read ${first.name}; ${rest.length} other file${rest.length > 1 ? 's were' : ' was'} not read (${rest.slice(0, 5).map((f) => f.name).join(', ')}${rest.length > 5 ? ', …' : ''}): each side takes one data file, or only images.`
    : null;
  return { source: { kind: 'file', file: first, name: first.name }, note };
}
