// The bundled sample sets as the app fetches them: samples/index.json read once per page (the
// checked parse lives in src/lib/samples), and a set's file as text.
import { parseSampleIndex, type SampleSetEntry } from '../../lib/samples/index.ts';

export type { SampleSetEntry };

const base = () => import.meta.env.BASE_URL;
let index: Promise<SampleSetEntry[]> | null = null;

/** The entries of samples/index.json (one request per page; a failed one is retried next time). */
export function loadSampleIndex(): Promise<SampleSetEntry[]> {
  index ??= fetch(`${base()}samples/index.json`).then(async (res) => {
    if (!res.ok) throw new Error(`could not read the bundled sample index: HTTP ${res.status}`);
    return parseSampleIndex(await res.json());
  });
  index.catch(() => (index = null));
  return index;
}

/** URL of a bundled sample file (or of a file inside an image folder entry). */
export function sampleUrl(entry: SampleSetEntry, file?: string): string {
  return `${base()}samples/${entry.file}${file ?? ''}`;
}

/** A bundled set's file as text. */
export async function sampleText(entry: SampleSetEntry): Promise<string> {
  const r = await fetch(sampleUrl(entry));
  if (!r.ok) throw new Error(`could not read samples/${entry.file}: HTTP ${r.status}`);
  return r.text();
}
